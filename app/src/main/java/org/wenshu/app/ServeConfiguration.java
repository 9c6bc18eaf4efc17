package org.wenshu.app;

import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.demo.DemoData;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Archive;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.generator.signing.PdfSigner;

/**
 * What {@code wenshu serve} adds to the CLI's wiring: the index follower (each node applies the archive's change log
 * to its own index continuously, so a change made on any node or through the CLI is searchable within a second or
 * two), the production profile's start-up checks, and the dev profile's demo data.
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
@EnableScheduling
public class ServeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServeConfiguration.class);

    /** Follows the archive's change log into this node's search index. */
    public static final class IndexFollower {
        private final IndexUpdates updates;

        IndexFollower(IndexUpdates updates) {
            this.updates = updates;
        }

        @Scheduled(fixedDelayString = "${wenshu.search.follow-interval:500ms}", initialDelayString = "0s")
        public void follow() {
            updates.afterChange();
        }
    }

    @Bean
    IndexFollower indexFollower(IndexUpdates updates) {
        return new IndexFollower(updates);
    }

    @Bean
    ApplicationRunner productionChecks(Environment environment, Accounts accounts) {
        return arguments -> {
            if (environment.acceptsProfiles(Profiles.of("production", "prod"))) {
                if (environment.acceptsProfiles(Profiles.of("dev"))) {
                    throw new IllegalStateException("the production and dev profiles cannot be active together");
                }
                if (accounts.hasEnabledDemoAccounts()) {
                    throw new IllegalStateException("the production profile refuses to start while demo accounts are "
                            + "enabled: disable them with ./wenshu users disable NAME (see ./wenshu users list)");
                }
            }
        };
    }

    @Bean
    @Profile("dev")
    DemoData demoData(Accounts accounts, Archive archive, InstrumentIssuing issuing, IndexUpdates index) {
        return new DemoData(accounts, archive, issuing, index);
    }

    /**
     * The demo accounts are created (and their passwords printed) before the server is ready; the demo instruments,
     * which are rendered, sealed and indexed one by one, are issued in the background once it is ready, so that a
     * fresh home starts as fast as a warm one. They carry fixed idempotency keys: a start interrupted while issuing
     * them leaves no half record, and the pages show them as they arrive.
     */
    @Bean
    @Profile("dev")
    ApplicationRunner demoSeed(DemoData demo, @Qualifier("applicationTaskExecutor") Executor background) {
        return arguments -> {
            List<DemoData.DemoLogin> logins = demo.seedAccounts();
            if (!logins.isEmpty()) {
                log.info("Demo data: {} accounts; the demo instruments follow in the background", logins.size());
                background.execute(() -> {
                    try {
                        log.info("Demo data: {} instruments", demo.seedInstruments());
                    } catch (RuntimeException e) {
                        log.warn("Demo data: the demo instruments could not all be issued: {}", e.toString());
                    }
                });
            }
            DemoData.announce(logins);
        };
    }

    /**
     * Once the server answers, parses the fonts, loads the seal's lettering and reads the dashboard's projection of
     * the records in the background, so that the first preview, issue or dashboard does not wait for them (they are
     * left out of the start: {@link GeneratorConfiguration#fontSet}, {@link org.wenshu.archive.RecordFigures#prepare}).
     * A font that cannot be parsed is reported here, at start, as well as on each print.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> warmUp(FontSet fonts, PdfSigner signer, Archive archive,
                                                      @Qualifier("applicationTaskExecutor") Executor background) {
        return event -> background.execute(() -> {
            try {
                fonts.parseNow();
                signer.prepareSeals();
            } catch (RuntimeException e) {
                log.error("The fonts cannot be parsed; no instrument can be printed until the font configuration "
                        + "(wenshu.generator.fonts) is fixed: {}", e.getMessage());
            }
            try {
                archive.figures().prepare();
            } catch (RuntimeException e) {
                log.warn("The dashboard's figures could not be read ahead; the first dashboard reads them: {}",
                        e.getMessage());
            }
        });
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        log.info("wenshu 已启动：http://{}:{}/ （启动用时 {} ms）", environment.getProperty("server.address", "127.0.0.1"),
                environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")),
                event.getTimeTaken().toMillis());
    }
}
