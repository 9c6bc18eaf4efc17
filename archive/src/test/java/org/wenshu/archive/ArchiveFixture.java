package org.wenshu.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;

/** A real archive for one test: embedded S3 endpoint over a temporary directory and a fresh H2 or PostgreSQL database. */
final class ArchiveFixture implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    final Path home;
    final Database.TestDatabase database;
    final HikariDataSource dataSource;
    final S3Credentials credentials;
    final TestClock clock;
    EmbeddedS3 s3;
    S3ObjectStore store;
    Archive archive;

    ArchiveFixture(Database kind) {
        this(kind, ArchiveLimits.defaults());
    }

    ArchiveFixture(Database kind, ArchiveLimits limits) {
        this(kind, limits, dataSource -> { });
    }

    /** @param beforeOpen runs on the empty database before the archive opens (and migrates) it */
    ArchiveFixture(Database kind, java.util.function.Consumer<HikariDataSource> beforeOpen) {
        this(kind, ArchiveLimits.defaults(), beforeOpen);
    }

    private ArchiveFixture(Database kind, ArchiveLimits limits, java.util.function.Consumer<HikariDataSource> beforeOpen) {
        try {
            home = Files.createTempDirectory("wenshu-archive-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = kind.open(home);
        dataSource = database.pool();
        credentials = S3Credentials.generatedIn(home.resolve("s3-credentials.properties"));
        s3 = EmbeddedS3.start(home.resolve("objects"), credentials);
        store = new S3ObjectStore(s3.settings("wenshu-archive"));
        clock = new TestClock(Instant.parse("2024-03-01T02:00:00Z"), ZONE);
        beforeOpen.accept(dataSource);
        archive = Archive.open(dataSource, store, limits, clock);
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    /** Stops the S3 endpoint: the next object operation fails like a storage outage. */
    void stopStorage() {
        s3.close();
    }

    /** Serves the same directory again on the same port. */
    void restartStorage() {
        s3 = EmbeddedS3.start(home.resolve("objects"), credentials, store.settings().endpoint().getPort());
    }

    List<String> objects(String prefix) {
        return store.list(prefix);
    }

    static IssueRequest suggestion(String title, String recipient) {
        return new IssueRequest("procuratorial-suggestion", "检察建议书", title, "市检察院", List.of(recipient),
                List.of("市政府"), "荆检行建", 2024, ReplyTerm.standard(false), false,
                Map.of("案由", title, "建议事项", List.of("一、依法履职", "二、建立长效机制")), Optional.empty());
    }

    @Override
    public void close() {
        try {
            s3.close();
        } catch (RuntimeException ignored) {
            // already stopped by the test
        }
        dataSource.close();
        database.drop().run();
    }

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        TestClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advanceTo(Instant instant) {
            now = instant;
        }

        void advanceDays(long days) {
            now = now.plus(java.time.Duration.ofDays(days));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new TestClock(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
