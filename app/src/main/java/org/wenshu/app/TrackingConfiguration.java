package org.wenshu.app;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.workpoints.WorkPointAccess;
import org.wenshu.app.workpoints.WorkPoints;
import org.wenshu.archive.Archive;
import org.wenshu.archive.storage.S3ObjectStore;
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

    @Bean
    WorkPointAccess workPointAccess() {
        return new WorkPointAccess();
    }

    @Bean
    WorkPoints workPoints(TrackedItems trackedItems, Archive archive, WorkPointAccess access) {
        return new WorkPoints(trackedItems, archive, access);
    }
}
