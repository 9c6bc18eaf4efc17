package org.wenshu.app;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.web.ZonedErrorAttributes;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Archive;
import org.wenshu.archive.uploads.UploadInspector;
import org.wenshu.templates.InstrumentCatalog;

/** Wires the use cases that the pages and the REST API share, with their access rules. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /**
     * Leaves the links of rendered pages as written. webjars-locator-lite (version-free {@code /webjars/…} paths)
     * switches Boot's resource chain on, and with it Thymeleaf's {@link ResourceUrlEncodingFilter}, which passes
     * every link of every page ({@code /inbox}, form actions, …) through the static resource resolvers: each link
     * that is not a static file is looked up in every static location across the 350 jars of the class path, and
     * misses are not cached — a fifth of the request threads' time in a page-heavy load. No versioning strategy is
     * configured, so the filter rewrote nothing but webjar paths, which the resource handler resolves anyway.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilterOff(
            ObjectProvider<ResourceUrlEncodingFilter> filter) {
        // The registration must hold Boot's own filter bean to keep it from being registered.
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(filter.getIfAvailable(ResourceUrlEncodingFilter::new));
        registration.setEnabled(false);
        return registration;
    }

    /** The error pages' time in Chinese and in the configured zone ({@code wenshu.archive.zone}). */
    @Bean
    ZonedErrorAttributes errorAttributes(ArchiveConfiguration.ArchiveProperties properties) {
        return new ZonedErrorAttributes(java.time.Clock.system(properties.zone()));
    }

    @Bean
    InstrumentAccess instrumentAccess(Archive archive) {
        return new InstrumentAccess(archive);
    }

    @Bean
    Instruments instruments(Archive archive, InstrumentCatalog catalog, InstrumentIssuing issuing, IndexUpdates index,
                            InstrumentAccess access, ArchiveConfiguration.ArchiveProperties properties) {
        return new Instruments(archive, catalog, issuing, index, access,
                new UploadInspector(properties.limits().toArchiveLimits().files()));
    }
}
