package org.wenshu.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.app.leads.LeadAccess;
import org.wenshu.app.leads.LeadCases;
import org.wenshu.archive.Archive;
import org.wenshu.archive.leads.Leads;

/** Wires 线索移送: the archive's leads, their access rule and the use cases pages and API share. */
@Configuration(proxyBeanMethods = false)
public class LeadsConfiguration {

    @Bean
    Leads leads(Archive archive) {
        return Leads.of(archive);
    }

    @Bean
    LeadAccess leadAccess(InstrumentAccess instruments) {
        return new LeadAccess(instruments);
    }

    @Bean
    LeadCases leadCases(Archive archive, Leads leads, LeadAccess access, IndexUpdates index) {
        return new LeadCases(archive, leads, access, index);
    }
}
