package org.wenshu.archive.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveDatabase;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;

/** A real archive (embedded H2 file, embedded S3 endpoint over a temporary directory) with tracked items on a test clock. */
final class TrackingFixture implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The two databases every database test runs against, as the archive's own tests do. */
    enum Db {
        H2, POSTGRESQL
    }

    final Path home;
    final HikariDataSource dataSource;
    private final Runnable drop;
    final EmbeddedS3 s3;
    final S3ObjectStore store;
    final TestClock clock;
    final Archive archive;
    final TrackedItems tracked;

    TrackingFixture() {
        this(Db.H2);
    }

    /** A fresh database: an H2 file, or a new schema in the test PostgreSQL database ({@code ./wenshu test} starts it). */
    TrackingFixture(Db db) {
        try {
            home = Files.createTempDirectory("wenshu-tracking-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (db == Db.H2) {
            dataSource = ArchiveDatabase.embedded(home.resolve("db"));
            drop = () -> { };
        } else {
            String url = System.getenv("WENSHU_TEST_PG_URL");
            String user = System.getenv("WENSHU_TEST_PG_USER");
            String password = System.getenv("WENSHU_TEST_PG_PASSWORD");
            if (url == null || user == null || password == null) {
                org.assertj.core.api.Assertions.fail("PostgreSQL tests need WENSHU_TEST_PG_URL, WENSHU_TEST_PG_USER and "
                        + "WENSHU_TEST_PG_PASSWORD: run the tests through ./wenshu test, which starts PostgreSQL and exports them");
            }
            String schema = "t_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
                new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
            }
            dataSource = ArchiveDatabase.pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
            drop = () -> {
                try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
                    new JdbcTemplate(admin).execute("DROP SCHEMA " + schema + " CASCADE");
                }
            };
        }
        s3 = EmbeddedS3.start(home.resolve("objects"), S3Credentials.generatedIn(home.resolve("s3-credentials.properties")));
        store = new S3ObjectStore(s3.settings("wenshu-archive"));
        // 2024-03-01 10:00 in Shanghai
        clock = new TestClock(Instant.parse("2024-03-01T02:00:00Z"), ZONE);
        archive = Archive.open(dataSource, store, ArchiveLimits.defaults(), clock);
        tracked = TrackedItems.open(dataSource, archive, store, ArchiveLimits.defaults(), clock);
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    static byte[] pdf(String asciiText) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(asciiText);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        dataSource.close();
        drop.run();
    }

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        TestClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
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
