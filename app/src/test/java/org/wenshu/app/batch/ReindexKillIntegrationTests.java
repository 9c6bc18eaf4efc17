package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.WenshuCommand;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;

/**
 * A separate JVM running {@code wenshu batch reindex} is killed with SIGKILL once the parts of the new index
 * generation hold committed records: the live index still serves every record (never a half-built one), and
 * {@code wenshu batch restart ID} resumes the unfinished partitions from their last chunk instead of starting over;
 * meanwhile its progress shows how many of all the records it has read.
 */
class ReindexKillIntegrationTests {

    private static final int DOCUMENTS = 1200;
    private static final SearchRequest QUERY = SearchRequest.of("线索移送台账", Viewer.researcher(), 5);

    @Test
    void killedRebuildLeavesTheOldIndexServingAndResumesOnRestart() throws Exception {
        Path home = Files.createTempDirectory("wenshu-reindex-kill");
        Path folder = Files.createDirectories(home.resolve("references"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.writeString(folder.resolve("规程" + i + ".md"), "# 行政执法与刑事司法衔接工作规程第" + i + "号\n\n"
                    + ("各成员单位应当建立府检联动线索移送台账，按月通报办理情况。本规程编号" + i + "。\n").repeat(30));
        }
        try (ConfigurableApplicationContext context = cli(home)) {
            String[] imported = run(context, "batch", "import", "dir=" + folder);
            assertThat(imported[0]).as(imported[1] + imported[2]).isEqualTo("0");
            assertThat(context.getBean(RecordIndex.class).search(QUERY).total()).isEqualTo(DOCUMENTS);
        }

        Process child = reindex(home);
        Path generations = home.resolve("data").resolve("index-generations");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        // The part is committed before the chunk's transaction saves the read position, so the first commit alone
        // may die with its position unsaved: a third commit of one part means an earlier chunk's position is saved.
        while (latestCommit(generations) < 3) {
            assertThat(child.isAlive()).as("reindex ended before a part was committed; output in %s",
                    home.resolve("reindex.out")).isTrue();
            assertThat(System.nanoTime()).as("a part committed three times in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor()).isZero();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);

        try (RecordSearch live = LuceneRecordIndex.openReadOnly(home.resolve("data").resolve("index"))) {
            assertThat(live.search(QUERY).total()).as("the live index after the kill").isEqualTo(DOCUMENTS);
        }
        assertThat(committedParts(generations)).as("the half-built generation is kept for the restart").isPositive();

        try (ConfigurableApplicationContext context = cli(home)) {
            BatchJobs jobs = context.getBean(BatchJobs.class);
            JobExecution killed = jobs.recent(1).get(0);
            assertThat(killed.getJobInstance().getJobName()).isEqualTo(ReindexJobConfiguration.JOB);
            assertThat(killed.getStatus()).as("recovered: its process died").isEqualTo(BatchStatus.FAILED);
            // Progress as the killed run left it: a real total (known before the build started) and the records read.
            org.wenshu.batch.JobSummary progress = jobs.summary(killed);
            assertThat(progress.total()).as("records to read in all").isEqualTo(DOCUMENTS);
            assertThat(progress.done()).as("records read before the kill").isPositive().isLessThan(DOCUMENTS);

            String[] restarted = run(context, "batch", "restart", Long.toString(killed.getId()));

            assertThat(restarted[0]).as(restarted[1] + restarted[2]).isEqualTo("0");
            assertThat(restarted[1]).contains("已完成 COMPLETED", "重建 " + DOCUMENTS + " 份档案记录");
            JobExecution resumed = jobs.recent(1).get(0);
            List<StepExecution> parts = jobs.steps(resumed).stream()
                    .filter(s -> s.getStepName().startsWith(ReindexJobConfiguration.PART_STEP + ":")).toList();
            long readAgain = parts.stream().mapToLong(StepExecution::getReadCount).sum();
            assertThat(readAgain).as("records read by the resumed partitions").isLessThan(DOCUMENTS);
            RecordIndex index = context.getBean(RecordIndex.class);
            assertThat(index.search(QUERY).total()).isEqualTo(DOCUMENTS);
            assertThat(index.size()).isEqualTo(DOCUMENTS);
            assertThat(generations).as("generation folders removed after the swap").isEmptyDirectory();
        }
    }

    /** Parts of any generation with a Lucene commit (a segments_N file). */
    private static long committedParts(Path generations) throws IOException {
        if (!Files.isDirectory(generations)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(generations)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segments_")).count();
        }
    }

    /**
     * The highest Lucene commit generation (segments_N, N in base 36) among the parts, 0 when none. The running
     * rebuild deletes merged segment files while the tree is walked: a file gone under the walk means "look again".
     */
    private static long latestCommit(Path generations) throws IOException {
        if (!Files.isDirectory(generations)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(generations)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith("segments_"))
                    .mapToLong(name -> Long.parseLong(name.substring("segments_".length()), Character.MAX_RADIX))
                    .max().orElse(0);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return 0;
            }
            throw e;
        }
    }

    private static Process reindex(Path home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx768m", "-Dfile.encoding=UTF-8",
                "-Dwenshu.search.semantic.enabled=false", "-cp", testClassPath(), Wenshu.class.getName(), "batch", "reindex")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("reindex.out").toFile());
        builder.environment().put("WENSHU_HOME", home.resolve("data").toString());
        return builder.start();
    }

    private static ConfigurableApplicationContext cli(Path home) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        return application.run("--wenshu.home=" + home.resolve("data"), "--wenshu.batch.threads=2");
    }

    private static String[] run(ConfigurableApplicationContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
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
