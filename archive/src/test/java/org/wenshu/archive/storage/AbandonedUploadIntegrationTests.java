package org.wenshu.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload cut short by a crash must not break listing, and so recovery, after the restart. */
class AbandonedUploadIntegrationTests {

    private static final String BUCKET = "wenshu-test";

    @TempDir
    Path home;

    @Test
    void aRestartRemovesUploadsAbandonedByACrashAndKeepsEveryObject() throws Exception {
        Path objects = home.resolve("objects");
        S3Credentials credentials = S3Credentials.generatedIn(home.resolve("s3-credentials.properties"));
        byte[] pdf = "%PDF-1.7 检察建议书".getBytes(StandardCharsets.UTF_8);
        try (EmbeddedS3 s3 = EmbeddedS3.start(objects, credentials)) {
            S3ObjectStore store = new S3ObjectStore(s3.settings(BUCKET));
            store.ensureBucket();
            store.put("instruments/2026/r1/instrument.pdf", pdf, "application/pdf", Map.of("sha256", "x"));
        }
        Path record = objects.resolve(BUCKET).resolve("instruments/2026/r1");
        // What a kill -9 during the next put leaves: content written, attributes not yet, not renamed.
        Path abandoned = Files.write(record.resolve("record.json-" + UUID.randomUUID()), "{\"id\":".getBytes());
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minusSeconds(10)));
        // One just written (no attributes yet) is removed too once it stays unchanged for the settle time.
        Path fresh = Files.write(record.resolve("response.pdf-" + UUID.randomUUID()), "%PDF".getBytes());
        // A file of that name that has its attributes is an object like any other and stays.
        Path complete = Files.write(record.resolve("annex.pdf-" + UUID.randomUUID()), pdf);
        UserDefinedFileAttributeView view = Files.getFileAttributeView(complete, UserDefinedFileAttributeView.class);
        view.write(EmbeddedS3.CONTENT_MD5, ByteBuffer.wrap(new byte[16]));

        try (EmbeddedS3 s3 = EmbeddedS3.start(objects, credentials)) {
            S3ObjectStore store = new S3ObjectStore(s3.settings(BUCKET));

            assertThat(store.list("instruments/")).containsExactlyInAnyOrder("instruments/2026/r1/instrument.pdf",
                    "instruments/2026/r1/" + complete.getFileName());
            assertThat(store.get("instruments/2026/r1/instrument.pdf")).hasValue(pdf);
        }
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).doesNotExist();
        assertThat(complete).exists();
    }
}
