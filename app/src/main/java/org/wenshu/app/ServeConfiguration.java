package org.wenshu.app;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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

    @Bean
    @Profile("dev")
    ApplicationRunner demoSeed(DemoData demo) {
        return arguments -> {
            List<DemoData.DemoLogin> logins = demo.seedAccounts();
            if (!logins.isEmpty()) {
                int issued = demo.seedInstruments();
                log.info("Demo data: {} accounts, {} instruments", logins.size(), issued);
            }
            DemoData.announce(logins);
        };
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        log.info("wenshu 已启动：http://{}:{}/ （启动用时 {} ms）", environment.getProperty("server.address", "127.0.0.1"),
                environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")),
                event.getTimeTaken().toMillis());
    }
}
