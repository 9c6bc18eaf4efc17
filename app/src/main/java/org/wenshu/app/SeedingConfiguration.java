package org.wenshu.app;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.seeding.BenchSeeding;
import org.wenshu.archive.Archive;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.imports.ReferenceImporter;

/**
 * Wires {@code wenshu bench seed} ({@link BenchSeeding}): in the command line's {@code cli} profile only, so no web
 * request can ever reach it; it refuses the production profile itself.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cli")
public class SeedingConfiguration {

    @Bean
    @Lazy
    BenchSeeding benchSeeding(Environment environment, Archive archive, HikariDataSource dataSource,
                              S3ObjectStore objectStore, InstrumentIssuing issuing, ReferenceImporter importer,
                              ArchiveIndexing indexing, RecordIndex index) {
        return new BenchSeeding(environment, archive, dataSource, objectStore, issuing, importer, indexing, index);
    }
}
