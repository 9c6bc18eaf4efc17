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

    final Path home;
    final HikariDataSource dataSource;
    final EmbeddedS3 s3;
    final S3ObjectStore store;
    final TestClock clock;
    final Archive archive;
    final TrackedItems tracked;

    TrackingFixture() {
        try {
            home = Files.createTempDirectory("wenshu-tracking-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = ArchiveDatabase.embedded(home.resolve("db"));
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
