package org.wenshu.app;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.wenshu.app.workpoints.WorkPointAccess;
import org.wenshu.app.workpoints.WorkPoints;
import org.wenshu.archive.Archive;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.TrackedItems;

/**
 * Wires tracked items (督办事项: work points and meeting resolutions) over the archive's database and object store.
 * Due dates are judged on a {@link Clock} bean when the context has one (tests move it), else on the system clock in
 * the archive's zone ({@code wenshu.archive.zone}, Asia/Shanghai).
 */
@Configuration(proxyBeanMethods = false)
public class TrackingConfiguration {

    @Bean
    TrackedItems trackedItems(HikariDataSource dataSource, Archive archive, S3ObjectStore objectStore,
                              ArchiveConfiguration.ArchiveProperties properties, ObjectProvider<Clock> clock) {
        return TrackedItems.open(dataSource, archive, objectStore, properties.limits().toArchiveLimits(),
                clock.getIfAvailable(() -> Clock.system(properties.zone())));
    }

    /**
     * Demo data ({@code dev} profile): the seed notice's 2024 work points (13 points with their 责任单位), published,
     * when no 2024 list exists yet; imported in the background, so that reading the sheet does not delay the start.
     */
    @Bean
    @Profile("dev")
    ApplicationRunner demoWorkPoints(TrackedItems trackedItems,
                                     @Qualifier("applicationTaskExecutor") Executor background) {
        Logger log = LoggerFactory.getLogger(TrackingConfiguration.class);
        return arguments -> background.execute(() -> {
            try (InputStream in = TrackingConfiguration.class.getResourceAsStream("/demo/2024-work-points.xlsx")) {
                if (!trackedItems.lists(Optional.of(2024), false).isEmpty()) {
                    return;
                }
                ItemList list = trackedItems.importList(2024, "2024年“府检联动”工作要点", "jm-coordination-office",
                        in.readAllBytes(), "demo");
                trackedItems.publish(list.id(), "demo");
                log.info("Demo data: {} work points of 2024", list.itemCount());
            } catch (IOException | RuntimeException e) {
                log.warn("Demo data: the 2024 work points could not be imported: {}", e.toString());
            }
        });
    }

    @Bean
    WorkPointAccess workPointAccess() {
        return new WorkPointAccess();
    }

    @Bean
    WorkPoints workPoints(TrackedItems trackedItems, Archive archive, WorkPointAccess access) {
        return new WorkPoints(trackedItems, archive, access);
    }
}
