package org.wenshu.app;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.wenshu.app.verification.PublicLinks;
import org.wenshu.app.verification.PublicRateLimit;
import org.wenshu.app.verification.PublicRateLimitFilter;
import org.wenshu.app.verification.PublicVerification;
import org.wenshu.archive.Archive;
import org.wenshu.archive.uploads.UploadInspector;
import org.wenshu.generator.verification.PdfVerifier;

/**
 * Public verification: the base URL printed in every instrument's QR code ({@code wenshu.public-base-url}, required
 * by the production profile), the pages and API anyone may use, and their rate limits per client address
 * ({@code wenshu.verification.summaries-per-minute}, {@code wenshu.verification.verifications-per-minute}).
 */
@Configuration(proxyBeanMethods = false)
public class VerificationConfiguration {

    @Bean
    PublicLinks publicLinks(Environment environment) {
        return PublicLinks.of(Optional.ofNullable(environment.getProperty(PublicLinks.PROPERTY)),
                environment.acceptsProfiles(Profiles.of("production", "prod")));
    }

    @Bean
    PublicVerification publicVerification(ObjectProvider<Archive> archive, ObjectProvider<PdfVerifier> verifier,
                                          ArchiveConfiguration.ArchiveProperties properties) {
        return new PublicVerification(archive, verifier,
                new UploadInspector(properties.limits().toArchiveLimits().files()),
                properties.limits().maxFileSize().toBytes(), properties.zone());
    }

    /** Before Spring Security: a flood is turned away before any session, CSRF token or verification work. */
    @Bean
    FilterRegistrationBean<PublicRateLimitFilter> publicRateLimitFilter(
            @Value("${wenshu.verification.summaries-per-minute:30}") int summaries,
            @Value("${wenshu.verification.verifications-per-minute:20}") int verifications) {
        FilterRegistrationBean<PublicRateLimitFilter> registration = new FilterRegistrationBean<>(new PublicRateLimitFilter(
                new PublicRateLimit(summaries, Clock.systemUTC()), new PublicRateLimit(verifications, Clock.systemUTC())));
        registration.addUrlPatterns("/v/*", "/verify", "/api/v1/verify");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
