package org.wenshu.app;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;
import org.wenshu.app.dashboard.FigureContributor;
import org.wenshu.app.reports.ReportCharts;
import org.wenshu.app.reports.SupervisionReports;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.TemplateRenderer;
import org.wenshu.app.dashboard.SupervisionFigures;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.Archive;
import org.wenshu.templates.InstrumentCatalog;

/** Wires the figures service shared by the dashboard, its API and the yearly supervision report, and the report. */
@Configuration(proxyBeanMethods = false)
public class FiguresConfiguration {

    @Bean
    ReportCharts reportCharts() {
        return new ReportCharts();
    }

    /** The yearly report, issued and sealed by {@code wenshu.reports.issuing-unit} (the leading group's office). */
    @Bean
    SupervisionReports supervisionReports(SupervisionFigures figures, TemplateRenderer templates, PdfRenderer pdf,
                                          ObjectProvider<UnitSeals> seals, ReportCharts charts, Archive archive,
                                          @Value("${wenshu.reports.issuing-unit:荆门市“府检联动”工作领导小组办公室}") String issuingUnit) {
        return new SupervisionReports(figures, templates, pdf, seals, charts, archive, issuingUnit);
    }

    @Bean
    SupervisionFigures supervisionFigures(Archive archive, InstrumentAccess access, InstrumentCatalog catalog,
                                          ObjectProvider<FigureContributor> contributors) {
        return new SupervisionFigures(archive, access, catalog, contributors.orderedStream().toList());
    }
}
