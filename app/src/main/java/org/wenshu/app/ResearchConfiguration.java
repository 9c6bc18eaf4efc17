package org.wenshu.app;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.app.research.QueryLog;
import org.wenshu.app.research.Research;
import org.wenshu.search.RecordSearch;

/** Wires the search page and its API: {@link Research} over the index, and the {@link QueryLog} in the record DB. */
@Configuration(proxyBeanMethods = false)
public class ResearchConfiguration {

    @Bean
    QueryLog queryLog(AccountsConfiguration.AccountsSchema schema, ArchiveConfiguration.ArchiveProperties properties) {
        return new QueryLog(schema.jdbc(), Clock.system(properties.zone()));
    }

    @Bean
    Research research(RecordSearch search, InstrumentAccess access, QueryLog queryLog) {
        return new Research(search, access, queryLog);
    }
}
