package org.wenshu.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.unit.DataSize;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveDatabase;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.storage.S3Settings;
import org.wenshu.archive.uploads.UploadLimits;

/**
 * Wires the archive: the record database (embedded H2 file under {@code $WENSHU_HOME/db} unless a JDBC URL is
 * configured), object storage (an embedded S3 endpoint over {@code $WENSHU_HOME/objects} unless an endpoint is
 * configured) and the upload limits.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveConfiguration.ArchiveProperties.class)
public class ArchiveConfiguration {

    /** {@code wenshu.archive.*} properties. */
    @ConfigurationProperties("wenshu.archive")
    public record ArchiveProperties(@DefaultValue Storage storage, @DefaultValue Db database, @DefaultValue Limits limits,
                                    @DefaultValue("Asia/Shanghai") ZoneId zone) {

        /**
         * Object storage. An empty {@code endpoint} starts the embedded S3Proxy endpoint on 127.0.0.1 with credentials
         * generated into {@code $WENSHU_HOME/s3-credentials.properties}. {@code versioning} and
         * {@code objectLockRetentionDays} state what the server supports (MinIO: both); they are never probed.
         */
        public record Storage(@DefaultValue("") String endpoint, @DefaultValue("") String accessKey,
                              @DefaultValue("") String secretKey, @DefaultValue("wenshu-archive") String bucket,
                              @DefaultValue("us-east-1") String region, @DefaultValue("false") boolean versioning,
                              @DefaultValue("0") int objectLockRetentionDays, @DefaultValue("0") int embeddedPort) {

            boolean embedded() {
                return endpoint.isBlank();
            }
        }

        /** The record database; an empty {@code url} opens the embedded H2 file. */
        public record Db(@DefaultValue("") String url, @DefaultValue("") String username, @DefaultValue("") String password) {
        }

        /** Upload limits for agencies' responses. */
        public record Limits(@DefaultValue("10") int maxFilesPerResponse, @DefaultValue("50MB") DataSize maxResponseSize,
                             @DefaultValue("20MB") DataSize maxFileSize, @DefaultValue("100MB") DataSize maxUnpackedSize,
                             @DefaultValue("100") int maxCompressionRatio, @DefaultValue("60000000") long maxPixels) {

            ArchiveLimits toArchiveLimits() {
                return new ArchiveLimits(maxFilesPerResponse, maxResponseSize.toBytes(), new UploadLimits(
                        maxFileSize.toBytes(), maxUnpackedSize.toBytes(), maxCompressionRatio, maxPixels, 1_000_000));
            }
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ArchiveProperties properties, @Value("${wenshu.home}") Path home) {
        ArchiveProperties.Db db = properties.database();
        return db.url().isBlank() ? ArchiveDatabase.embedded(home.resolve("db"))
                : ArchiveDatabase.pool(db.url(), db.username(), db.password());
    }

    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedS3 embeddedS3(ArchiveProperties properties, @Value("${wenshu.home}") Path home) {
        return EmbeddedS3.start(home.resolve("objects"), S3Credentials.generatedIn(home.resolve("s3-credentials.properties")),
                properties.storage().embeddedPort());
    }

    @Bean
    S3ObjectStore objectStore(ArchiveProperties properties, ObjectProvider<EmbeddedS3> embedded) {
        ArchiveProperties.Storage storage = properties.storage();
        if (storage.embedded()) {
            return new S3ObjectStore(embedded.getObject().settings(storage.bucket()));
        }
        if (storage.accessKey().isBlank() || storage.secretKey().isBlank()) {
            throw new IllegalStateException("wenshu.archive.storage.endpoint is " + storage.endpoint()
                    + ": set wenshu.archive.storage.access-key and secret-key (environment WENSHU_ARCHIVE_STORAGE_ACCESS_KEY, "
                    + "WENSHU_ARCHIVE_STORAGE_SECRET_KEY) as well");
        }
        return new S3ObjectStore(new S3Settings(URI.create(storage.endpoint()), storage.region(), storage.accessKey(),
                storage.secretKey(), storage.bucket(), storage.versioning(), storage.objectLockRetentionDays()));
    }

    /**
     * The archive, on a {@link Clock} bean when the context has one (tests move it: issue days, due dates and the
     * overdue job's "today" all follow it), else on the system clock in {@code wenshu.archive.zone}.
     */
    @Bean
    Archive archive(HikariDataSource dataSource, S3ObjectStore objectStore, ArchiveProperties properties,
                    ObjectProvider<Clock> clock) {
        return Archive.open(dataSource, objectStore, properties.limits().toArchiveLimits(),
                clock.getIfAvailable(() -> Clock.system(properties.zone())));
    }
}
