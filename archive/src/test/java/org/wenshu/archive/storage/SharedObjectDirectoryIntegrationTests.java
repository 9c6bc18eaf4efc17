package org.wenshu.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two endpoints over one object directory (a command line beside {@code wenshu serve}): the second one's start-up
 * sweep must not delete the first one's upload in flight, and both see every object.
 */
class SharedObjectDirectoryIntegrationTests {

    private static final String BUCKET = "wenshu-test";

    @TempDir
    Path home;

    /** Serves the object directory given as argument from another JVM until its standard input closes. */
    public static void main(String[] args) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(Path.of(args[0]), S3Credentials.generatedIn(Path.of(args[1])))) {
            System.out.println("serving " + s3.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our input
            }
        }
    }

    @Test
    void aSecondEndpointInTheSameProcessKeepsTheFirstOnesUploadInFlight() throws Exception {
        Path objects = home.resolve("objects");
        S3Credentials credentials = S3Credentials.generatedIn(home.resolve("s3-credentials.properties"));
        try (EmbeddedS3 first = EmbeddedS3.start(objects, credentials)) {
            S3ObjectStore store = new S3ObjectStore(first.settings(BUCKET));
            store.ensureBucket();
            store.put("instruments/2026/r1/instrument.pdf", "%PDF-1.7".getBytes(), "application/pdf", Map.of());
            Path inFlight = uploadInFlight(objects);

            try (EmbeddedS3 second = EmbeddedS3.start(objects, credentials)) {
                assertThat(inFlight).exists();
                assertThat(new S3ObjectStore(second.settings(BUCKET)).get("instruments/2026/r1/instrument.pdf"))
                        .hasValue("%PDF-1.7".getBytes());
            }
            assertThat(inFlight).exists();
        }
    }

    @Test
    void anEndpointBesideAnotherProcessKeepsThatProcessesUploadInFlight() throws Exception {
        Path objects = home.resolve("objects");
        Path credentialsFile = home.resolve("s3-credentials.properties");
        S3Credentials credentials = S3Credentials.generatedIn(credentialsFile);
        Files.createDirectories(objects.resolve(BUCKET).resolve("instruments/2026/r1"));
        Path inFlight = uploadInFlight(objects);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SharedObjectDirectoryIntegrationTests.class.getName(),
                objects.toString(), credentialsFile.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("serving ")) {
                // S3Proxy's start-up log
            }
            assertThat(line).as("the other process serves the directory").startsWith("serving ");
            // The other process started alone and swept: it removed our file, written before it started.
            assertThat(inFlight).doesNotExist();
            Path itsUpload = uploadInFlight(objects);

            try (EmbeddedS3 ours = EmbeddedS3.start(objects, credentials)) {
                assertThat(itsUpload).exists();
            }
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
    }

    /** A file as S3Proxy writes it during a put (name-UUID, no attributes yet), last written 5 s ago. */
    private static Path uploadInFlight(Path objects) throws Exception {
        Path record = objects.resolve(BUCKET).resolve("instruments/2026/r1");
        Files.createDirectories(record);
        Path upload = Files.write(record.resolve("response.pdf-" + UUID.randomUUID()), "%PDF-1.7 partial".getBytes());
        Files.setLastModifiedTime(upload, FileTime.from(Instant.now().minusSeconds(5)));
        return upload;
    }
}
