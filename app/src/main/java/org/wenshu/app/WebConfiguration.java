package org.wenshu.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Archive;
import org.wenshu.archive.uploads.UploadInspector;

/** Wires the use cases that the pages and the REST API share, with their access rules. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    InstrumentAccess instrumentAccess(Archive archive) {
        return new InstrumentAccess(archive);
    }

    @Bean
    Instruments instruments(Archive archive, InstrumentIssuing issuing, IndexUpdates index, InstrumentAccess access,
                            ArchiveConfiguration.ArchiveProperties properties) {
        return new Instruments(archive, issuing, index, access,
                new UploadInspector(properties.limits().toArchiveLimits().files()));
    }
}
