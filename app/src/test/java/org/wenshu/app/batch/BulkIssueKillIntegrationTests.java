package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.archive.Archive;
import org.wenshu.archive.FixityReport;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RegisterEntry;
import org.wenshu.batch.BatchJobs;
import org.wenshu.search.RecordIndex;

/**
 * The "done when" of bulk issuing: a separate JVM runs {@code wenshu batch bulk-issue} on 300 rows and is killed
 * with SIGKILL twice at random points; the same command run again finishes the job, and then every row is exactly
 * one instrument, the numbers have no gap, every object matches its hash and every instrument is indexed.
 */
class BulkIssueKillIntegrationTests {

    private static final int ROWS = 300;

    @Test
    void killedTwiceAndRerunIssuesEveryRowExactlyOnce() throws Exception {
        Path home = Files.createTempDirectory("wenshu-bulk-kill");
        Path data = BulkIssueFiles.baseData(home);
        Path list = BulkIssueFiles.recipients(home, ROWS);
        Random random = new Random();
        int firstKill = 10 + random.nextInt(90);
        int secondKill = firstKill + 20 + random.nextInt(ROWS - firstKill - 60);

        runUntilKilled(home, data, list, firstKill, "first");
        runUntilKilled(home, data, list, secondKill, "second");
        Process last = bulkIssue(home, data, list, "final");
        assertThat(last.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(last.exitValue()).as("final run; output in " + home.resolve("final.out")).isZero();
        assertThat(Files.readString(home.resolve("final.out"))).contains("已完成 COMPLETED", "进度 300/300");

        try (ConfigurableApplicationContext context = cli(home)) {
            Archive archive = context.getBean(Archive.class);
            List<InstrumentRecord> records = archive.records(0, 10_000);
            assertThat(records).as("kills after %d and %d issued", firstKill, secondKill).hasSize(ROWS);
            assertThat(records).extracting(InstrumentRecord::title).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, ROWS).mapToObj(BulkIssueFiles::title).toList());
            for (InstrumentRecord record : records) {
                int row = Integer.parseInt(record.title().replaceAll("\\D+", " ").strip().split(" ")[0]) - 1;
                assertThat(record.recipients()).extracting(u -> u.shortName())
                        .containsExactly(BulkIssueFiles.AGENCIES.get(row % BulkIssueFiles.AGENCIES.size()));
            }
            List<RegisterEntry> register = archive.register(Optional.empty(), Optional.empty());
            assertThat(register).extracting(e -> e.number().serial())
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ROWS).boxed().toList());
            assertThat(register).as("no row consumed a second number").allMatch(e -> e.state() == RegisterEntry.State.ISSUED);
            FixityReport fixity = archive.fixity(Optional.empty());
            assertThat(fixity.problems()).isEmpty();
            assertThat(fixity.objectsChecked()).isEqualTo(2 * ROWS);
            RecordIndex index = context.getBean(RecordIndex.class);
            assertThat(records).allSatisfy(r -> assertThat(index.contains(r.id())).as("indexed " + r.number()).isTrue());
            assertThat(context.getBean(BatchJobs.class).recent(10)).extracting(e -> e.getStatus())
                    .containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.FAILED);
        }
    }

    /** Starts the command and kills it with SIGKILL once {@code issued} instruments are stored. */
    private static void runUntilKilled(Path home, Path data, Path list, int issued, String name) throws Exception {
        Process child = bulkIssue(home, data, list, name);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (storedInstruments(home) < issued) {
            assertThat(child.isAlive()).as("%s run ended before %d were issued; output in %s", name, issued,
                    home.resolve(name + ".out")).isTrue();
            assertThat(System.nanoTime()).as("%s run reached %d issued in time", name, issued).isLessThan(deadline);
            Thread.sleep(20);
        }
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
    }

    private static Process bulkIssue(Path home, Path data, Path list, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx768m", "-Dfile.encoding=UTF-8", "-cp", testClassPath(),
                Wenshu.class.getName(), "batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".out").toFile());
        builder.environment().put("WENSHU_HOME", home.resolve("data").toString());
        return builder.start();
    }

    /** instrument.pdf objects in the embedded S3 directory: the child's progress, readable while it runs. */
    private static long storedInstruments(Path home) throws IOException {
        Path objects = home.resolve("data").resolve("objects");
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(f -> f.getFileName().toString().equals("instrument.pdf")).count();
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                return 0; // the object store renamed a temporary file while it was walked: count at the next poll
            }
            throw e;
        }
    }

    private static ConfigurableApplicationContext cli(Path home) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        return application.run("--wenshu.home=" + home.resolve("data"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Failsafe runs the tests from a manifest-only jar whose Class-Path lists the real test classpath. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
