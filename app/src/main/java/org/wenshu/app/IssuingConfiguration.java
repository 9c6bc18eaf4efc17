package org.wenshu.app;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.issuing.TemplateInstrumentIssuing;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.app.verification.PublicLinks;
import org.wenshu.archive.Archive;
import org.wenshu.archive.UnitNotFound;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

/** Connects the archive's issuing flow to the templates and the generator (render with the reserved number, seal with the issuing unit's own seal). */
@Configuration(proxyBeanMethods = false)
public class IssuingConfiguration {

    @Bean
    InstrumentIssuing instrumentIssuing(InstrumentCatalog catalog, TemplateRenderer templates, PdfRenderer pdf,
                                        ObjectProvider<UnitSeals> seals, ObjectProvider<Archive> archives,
                                        ArchiveConfiguration.ArchiveProperties archive, PublicLinks links,
                                        ObjectProvider<Clock> clock) {
        return new TemplateInstrumentIssuing(catalog, templates, pdf, seals,
                reference -> {
                    try {
                        return Optional.of(archives.getObject().unit(reference).name());
                    } catch (UnitNotFound unknown) {
                        return Optional.empty();
                    }
                },
                clock.getIfAvailable(() -> Clock.system(archive.zone())),
                links::verificationUrl);
    }
}
