package org.wenshu.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.inspection.YearlyInspection;
import org.wenshu.archive.Archive;
import org.wenshu.archive.leads.Leads;
import org.wenshu.archive.tracking.TrackedItems;

/** Plugs the yearly inspection (年度检查) into the dashboard, its JSON and the yearly report as figure sections. */
@Configuration(proxyBeanMethods = false)
public class InspectionConfiguration {

    @Bean
    YearlyInspection yearlyInspection(Archive archive, TrackedItems trackedItems, Leads leads) {
        return new YearlyInspection(archive, trackedItems, leads);
    }
}
