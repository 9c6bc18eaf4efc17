package org.wenshu.archive;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;

/**
 * {@code wenshu bench archive}: issuing throughput end to end through the archive (number, store, commit, audit) on
 * the embedded defaults in a scratch directory, and S3 object put/get throughput against the same bytes written
 * straight to the local file system. Rendering and signing are not included: the producer returns a pre-built PDF.
 */
public final class ArchiveBenchmark {

    /** Measured figures. */
    public record Result(int records, int threads, Duration issuing, int objects, int objectBytes, Duration s3Put,
                         Duration s3Get, Duration fsPut, Duration fsGet, int instrumentBytes) {

        public double recordsPerSecond() {
            return records / seconds(issuing);
        }

        public double s3PutMiBps() {
            return mib() / seconds(s3Put);
        }

        public double s3GetMiBps() {
            return mib() / seconds(s3Get);
        }

        public double fsPutMiBps() {
            return mib() / seconds(fsPut);
        }

        public double fsGetMiBps() {
            return mib() / seconds(fsGet);
        }

        private double mib() {
            return (double) objects * objectBytes / (1 << 20);
        }

        private static double seconds(Duration d) {
            return Math.max(d.toNanos(), 1) / 1e9;
        }
    }

    private ArchiveBenchmark() {
    }

    /** Runs both measurements in {@code scratch} (created and deleted here). */
    public static Result run(Path scratch, int records, int threads, int objects, int objectKiB) throws Exception {
        Files.createDirectories(scratch);
        try (HikariDataSource dataSource = ArchiveDatabase.embedded(scratch.resolve("db"));
             EmbeddedS3 s3 = EmbeddedS3.start(scratch.resolve("objects"), S3Credentials.generatedIn(scratch.resolve("s3-credentials.properties")))) {
            S3ObjectStore store = new S3ObjectStore(s3.settings("wenshu-bench"));
            Archive archive = Archive.open(dataSource, store, ArchiveLimits.defaults(), Clock.system(ZoneId.of("Asia/Shanghai")));
            byte[] pdf = instrumentPdf();
            issue(archive, pdf, "warm-up", 20, 1);
            long start = System.nanoTime();
            issue(archive, pdf, "bench", records, threads);
            Duration issuing = Duration.ofNanos(System.nanoTime() - start);

            byte[][] payloads = new byte[objects][];
            Random random = new Random(42);
            for (int i = 0; i < objects; i++) {
                payloads[i] = new byte[objectKiB * 1024];
                random.nextBytes(payloads[i]);
            }
            Path fs = Files.createDirectories(scratch.resolve("fs"));
            for (int i = 0; i < Math.min(20, objects); i++) { // warm-up both paths
                store.put("warm/" + i, payloads[i], "application/octet-stream", Map.of());
                store.get("warm/" + i);
                Files.write(fs.resolve("warm-" + i), payloads[i]);
            }
            start = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                store.put("bench/" + i, payloads[i], "application/octet-stream", Map.of());
            }
            Duration s3Put = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                store.get("bench/" + i).orElseThrow();
            }
            Duration s3Get = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                Files.write(fs.resolve("bench-" + i), payloads[i]);
            }
            Duration fsPut = Duration.ofNanos(System.nanoTime() - start);
            start = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                Files.readAllBytes(fs.resolve("bench-" + i));
            }
            Duration fsGet = Duration.ofNanos(System.nanoTime() - start);
            return new Result(records, threads, issuing, objects, objectKiB * 1024, s3Put, s3Get, fsPut, fsGet, pdf.length);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void issue(Archive archive, byte[] pdf, String label, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < count; i += threads) {
                        archive.issue(new IssueRequest("procuratorial-suggestion", "检察建议书", label + "-" + i, "市检察院",
                                List.of("市公安局"), List.of(), "荆检行建", 2024, ReplyTerm.standard(false), false,
                                Map.of("label", label, "n", i, "nonce", System.nanoTime()), Optional.empty()), number -> pdf);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A one-page PDF with a noise image: about 120 KiB that does not compress, like a scanned or sealed page. */
    private static byte[] instrumentPdf() {
        BufferedImage noise = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                noise.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(document, noise);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 100, 400, 200, 200);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
