package org.wenshu.app;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.issuing.TemplateInstrumentIssuing;
import org.wenshu.app.signing.UnitSeal;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

/** Connects the archive's issuing flow to the templates and the generator (render with the reserved number, seal). */
@Configuration(proxyBeanMethods = false)
public class IssuingConfiguration {

    @Bean
    InstrumentIssuing instrumentIssuing(InstrumentCatalog catalog, TemplateRenderer templates, PdfRenderer pdf,
                                        ObjectProvider<UnitSeal> seal,
                                        ArchiveConfiguration.ArchiveProperties archive) {
        return new TemplateInstrumentIssuing(catalog, templates, pdf, seal, Clock.system(archive.zone()));
    }
}
