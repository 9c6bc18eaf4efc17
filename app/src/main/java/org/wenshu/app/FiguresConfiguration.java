package org.wenshu.app;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.dashboard.FigureContributor;
import org.wenshu.app.dashboard.SupervisionFigures;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.Archive;
import org.wenshu.templates.InstrumentCatalog;

/** Wires the figures service shared by the dashboard, its API and the yearly supervision report. */
@Configuration(proxyBeanMethods = false)
public class FiguresConfiguration {

    @Bean
    SupervisionFigures supervisionFigures(Archive archive, InstrumentAccess access, InstrumentCatalog catalog,
                                          ObjectProvider<FigureContributor> contributors) {
        return new SupervisionFigures(archive, access, catalog, contributors.orderedStream().toList());
    }
}
