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

    /**
     * Literal sub-paths ({@code /bulk-issues/validate}) are never taken for an {@code {id}} under another method, and a
     * single-valued API parameter or part given twice is refused rather than joined or dropped.
     */
    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer literalPathsFirst(
            org.springframework.context.ApplicationContext context) {
        org.wenshu.app.web.LiteralPathsFirst interceptor = new org.wenshu.app.web.LiteralPathsFirst(() -> context.getBean(
                "requestMappingHandlerMapping",
                org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class));
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
                registry.addInterceptor(new org.wenshu.app.web.SingleValuedParameters());
            }
        };
    }

    /** URL-encoded form bodies stay small although Tomcat's form limit is raised for multipart text parts. */
    @Bean
    FilterRegistrationBean<org.wenshu.app.web.FormSizeFilter> formSizeFilter() {
        FilterRegistrationBean<org.wenshu.app.web.FormSizeFilter> registration =
                new FilterRegistrationBean<>(new org.wenshu.app.web.FormSizeFilter());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** {@code /error} in Chinese for every client: pages, htmx fragments and problem documents (no English JSON). */
    @Bean
    org.wenshu.app.web.WenshuErrorController errorController(
            org.springframework.boot.webmvc.error.ErrorAttributes attributes,
            ObjectProvider<org.springframework.boot.autoconfigure.web.WebProperties> web,
            ObjectProvider<org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver> resolvers,
            ObjectProvider<org.wenshu.app.web.UploadForm> uploadForms) {
        org.springframework.boot.autoconfigure.web.ErrorProperties properties = web.getIfAvailable(
                org.springframework.boot.autoconfigure.web.WebProperties::new).getError();
        return new org.wenshu.app.web.WenshuErrorController(attributes, properties, resolvers.orderedStream().toList(),
                uploadForms.orderedStream().toList());
    }

    /**
     * Tomcat's own rejections (a URL with {@code %00}, {@code %2F}, {@code %5C} or a malformed {@code %xx}, refused
     * before Spring sees the request) in Chinese: {@link org.wenshu.app.web.ChineseErrorReportValve} replaces the host's
     * English error report. Last, so that it replaces the valve Boot adds (server.error.include-stacktrace: never).
     */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory>
            chineseErrorReports() {
        return new ChineseErrorReports();
    }

    static final class ChineseErrorReports implements org.springframework.core.Ordered,
            org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory> {

        @Override
        public void customize(org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                org.apache.catalina.Container host = context.getParent();
                for (org.apache.catalina.Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof org.apache.catalina.valves.ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof org.apache.catalina.core.StandardHost standard) {
                    standard.setErrorReportValveClass(org.wenshu.app.web.ChineseErrorReportValve.class.getName());
                }
                host.getPipeline().addValve(new org.wenshu.app.web.ChineseErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
        }
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
