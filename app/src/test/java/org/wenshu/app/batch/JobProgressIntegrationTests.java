package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.fixity.FixityJobConfiguration;

/**
 * Every batch job reports its progress as done/total of its own units of work, in its final line and in
 * {@code wenshu batch status} alike: rows (bulk-issue), records (fixity, reindex), files (import); a restart counts
 * the work of the runs it resumes.
 */
class JobProgressIntegrationTests {

    private static final Pattern FINAL = Pattern.compile("作业 (\\S+)（执行 (\\d+)）：已完成 COMPLETED，进度 (\\d+)/(\\d+)");

    private Path home;
    private InProcessCli cli;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-job-progress");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2", "wenshu.batch.chunk-size=2");
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void everyJobCountsItsWorkInTheFinalLineAndTheStatusList() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = BulkIssueFiles.recipients(home, 5);
        Path folder = Files.createDirectories(home.resolve("references"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(folder.resolve("第" + i + "号.md"), "# 线索移送工作规程第" + i + "号\n\n各成员单位应当建立线索移送台账。\n");
        }

        Run bulk = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);
        Run fixity = cli.run("batch", "fixity");
        Run imported = cli.run("batch", "import", "dir=" + folder);
        Run reindex = cli.run("batch", "reindex");

        assertThat(progress(bulk)).isEqualTo("5/5");
        assertThat(progress(fixity)).isEqualTo("5/5");
        assertThat(progress(imported)).isEqualTo("3/3");
        assertThat(progress(reindex)).isEqualTo("8/8");
        // The summary's figures are the progress's: 8 records of the archive rebuilt, not 8 of 9 index documents.
        assertThat(reindex.out()).contains("重建 8 份档案记录");
        Run status = cli.run("batch", "status");
        for (Run run : new Run[] {bulk, fixity, imported, reindex}) {
            Matcher line = FINAL.matcher(run.out());
            assertThat(line.find()).isTrue();
            assertThat(status.out()).containsPattern("(?m)^\\s*" + line.group(2) + "\\s+" + Pattern.quote(line.group(1))
                    + "\\s+COMPLETED.*\\s" + line.group(3) + "/" + line.group(4) + "\\s");
            assertThat(cli.run("batch", "status", line.group(2)).out()).contains("进度 " + line.group(3) + "/" + line.group(4));
        }
    }

    @Test
    void statusCountsTheRowsAKilledBulkIssueIssuedAfterItsLastCommitAsThePageAndTheApiDo() throws IOException {
        long id = bulkIssueOfFive();
        KilledExecutions.leaveKilled(cli.context().getBean(JobRepository.class),
                cli.context().getBean(javax.sql.DataSource.class), id, 2);

        Run one = cli.run("batch", "status", Long.toString(id));
        Run all = cli.run("batch", "status");
        BatchJobs jobs = cli.context().getBean(BatchJobs.class);
        long ledger = cli.context().getBean(org.wenshu.batch.bulk.BulkIssueLedger.class)
                .tally(jobs.execution(id).orElseThrow()).done();

        assertThat(one.out()).as(one.printed()).contains("失败 FAILED，进度 5/5");
        assertThat(all.out()).containsPattern("(?m)^\\s*" + id + "\\s+bulk-issue\\s+FAILED.*\\s5/5\\s");
        assertThat(ledger).isEqualTo(5);
    }

    /**
     * Rows a killed run had numbered but not stored are issued by the run that completes them: the killed run's
     * figures and record list are the same before and after its continuation ends.
     */
    @Test
    void aKilledRunsFiguresDoNotChangeWhenItsContinuationCompletesTheRowsItHadNumbered() throws IOException {
        long id = bulkIssueOfFive();
        javax.sql.DataSource dataSource = cli.context().getBean(javax.sql.DataSource.class);
        KilledExecutions.leaveKilled(cli.context().getBean(JobRepository.class), dataSource, id, 2);
        // Killed while the last two rows (sheet rows 5 and 6, under the header) were numbered (RESERVED) and rendering: nothing of them committed.
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        List<String> numbered = jdbc.queryForList("SELECT id FROM instruments WHERE type_id = 'meeting-notice' "
                + "ORDER BY serial DESC LIMIT 2", String.class);
        KilledExecutions.leaveReserved(dataSource, numbered);
        BatchJobs jobs = cli.context().getBean(BatchJobs.class);
        org.wenshu.batch.bulk.BulkIssueLedger ledger = cli.context().getBean(org.wenshu.batch.bulk.BulkIssueLedger.class);
        Run killedStatus = cli.run("batch", "status", Long.toString(id));
        assertThat(killedStatus.out()).as(killedStatus.printed()).contains("失败 FAILED，进度 3/5");
        org.wenshu.batch.bulk.BulkIssueLedger.Tally before = ledger.tally(jobs.execution(id).orElseThrow());
        assertThat(before.issued()).isEqualTo(3);
        assertThat(ledger.issued(jobs.execution(id).orElseThrow(), 0, 10)).extracting(i -> i.row()).containsExactly(2, 3, 4);

        Run restarted = cli.run("batch", "restart", Long.toString(id));

        Matcher resumed = FINAL.matcher(restarted.out());
        assertThat(resumed.find()).as(restarted.printed()).isTrue();
        long next = Long.parseLong(resumed.group(2));
        org.wenshu.batch.bulk.BulkIssueLedger.Tally after = ledger.tally(jobs.execution(id).orElseThrow());
        assertThat(after.done()).isEqualTo(before.done());
        assertThat(after.issued()).isEqualTo(3);
        assertThat(ledger.issued(jobs.execution(id).orElseThrow(), 0, 10)).extracting(i -> i.row()).containsExactly(2, 3, 4);
        assertThat(cli.run("batch", "status", Long.toString(id)).out()).contains("失败 FAILED，进度 3/5");
        org.wenshu.batch.bulk.BulkIssueLedger.Tally continuation = ledger.tally(jobs.execution(next).orElseThrow());
        assertThat(continuation.issued()).isEqualTo(2);
        assertThat(continuation.listIssued()).isEqualTo(5);
        assertThat(ledger.issued(jobs.execution(next).orElseThrow(), 0, 10)).extracting(i -> i.row()).containsExactly(5, 6);
        assertThat(jdbc.queryForList("SELECT serial FROM instruments WHERE type_id = 'meeting-notice' ORDER BY serial",
                Integer.class)).containsExactly(1, 2, 3, 4, 5);
    }

    /** Bulk-issues a list of five rows to completion; returns its execution id. */
    private long bulkIssueOfFive() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = BulkIssueFiles.recipients(home, 5);
        Matcher line = FINAL.matcher(cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list).out());
        assertThat(line.find()).isTrue();
        return Long.parseLong(line.group(2));
    }

    @Test
    void aRestartCountsThePartitionsAnEarlierRunFinished() {
        JobRepository repository = cli.context().getBean(JobRepository.class);
        BatchJobs jobs = cli.context().getBean(BatchJobs.class);
        JobParameters parameters = new JobParametersBuilder().addString("requestedAt", "killed", true).toJobParameters();
        JobInstance instance = repository.createJobInstance(FixityJobConfiguration.JOB, parameters);
        // A fixity run killed after partition 0 finished (3 of 3 records) and partition 1 had checked 1 of 2.
        JobExecution killed = repository.createJobExecution(instance, parameters, new ExecutionContext());
        partition(repository, killed, 0, 3, 3, BatchStatus.COMPLETED);
        partition(repository, killed, 1, 1, 2, BatchStatus.FAILED);
        killed.setStatus(BatchStatus.FAILED);
        killed.setEndTime(LocalDateTime.now());
        repository.update(killed);
        // Its restart runs partition 1 only, from its last commit.
        JobExecution restart = repository.createJobExecution(instance, parameters, new ExecutionContext());
        partition(repository, restart, 1, 1, 2, BatchStatus.STARTED);

        JobSummary summary = jobs.summary(jobs.execution(restart.getId()).orElseThrow());

        assertThat(summary.done()).isEqualTo(4);
        assertThat(summary.total()).isEqualTo(5);
    }

    @Test
    void whileTheyRunFixityAndImportShowTheirWholeTotal() throws Exception {
        Run bulk = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + BulkIssueFiles.baseData(home),
                "file=" + BulkIssueFiles.recipients(home, 5));
        assertThat(bulk.exitCode()).as(bulk.printed()).isZero();
        // Two partitions of 3 and 2 records (6 and 4 objects) at 2 objects a second each: the smaller one ends a
        // second before the other, and each commits only at its end (chunks of 20 records).
        List<JobSummary> audit = watch("fixity", () -> cli.run("batch", "fixity", "maxObjectsPerSecond=4"));
        assertThat(audit).as(audit.toString()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.total()).as(s.toString()).isEqualTo(5));

        Path folder = Files.createDirectories(home.resolve("many"));
        for (int i = 0; i < 400; i++) {
            Files.writeString(folder.resolve("第" + i + "号.md"), "# 规程第" + i + "号\n\n" + "各成员单位应当建立线索移送台账。\n".repeat(40));
        }
        List<JobSummary> imported = watch("import", () -> cli.run("batch", "import", "dir=" + folder));
        assertThat(imported).as(imported.toString()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.total()).as(s.toString()).isEqualTo(400));
    }

    /**
     * Runs {@code command} and returns the summaries of its execution seen while it ran (status STARTED) and had
     * a total.
     */
    private List<JobSummary> watch(String job, java.util.function.Supplier<Run> command) throws Exception {
        BatchJobs jobs = cli.context().getBean(BatchJobs.class);
        java.util.concurrent.CompletableFuture<Run> run = java.util.concurrent.CompletableFuture.supplyAsync(command);
        List<JobSummary> seen = new java.util.ArrayList<>();
        while (!run.isDone()) {
            for (JobExecution execution : jobs.recent(1)) {
                JobSummary summary = jobs.summary(execution);
                if (summary.job().equals(job) && summary.status() == BatchStatus.STARTED && summary.total() >= 0) {
                    seen.add(summary);
                }
            }
            Thread.sleep(20);
        }
        assertThat(run.get().exitCode()).as(run.get().printed()).isZero();
        return seen;
    }

    @Test
    void aFixityAuditKnowsItsWholeTotalBeforeAnyPartitionCommitsAndAnImportStoresItsCountAsItGoes() throws IOException {
        Run bulk = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + BulkIssueFiles.baseData(home),
                "file=" + BulkIssueFiles.recipients(home, 5));
        assertThat(bulk.exitCode()).as(bulk.printed()).isZero();
        JobRepository repository = cli.context().getBean(JobRepository.class);
        BatchJobs jobs = cli.context().getBean(BatchJobs.class);

        JobParameters fixityRun = new JobParametersBuilder().addString("requestedAt", "now", true).toJobParameters();
        JobExecution fixity = repository.createJobExecution(
                repository.createJobInstance(FixityJobConfiguration.JOB, fixityRun), fixityRun, new ExecutionContext());
        StepExecution check = repository.createStepExecution(FixityJobConfiguration.CHECK_STEP, fixity);
        new FixityJobConfiguration.WholeJobTotal(repository, cli.context().getBean(org.wenshu.archive.Archive.class))
                .beforeStep(check);
        // One partition has committed 2 of its 2 records; the others have not committed a chunk yet.
        partition(repository, fixity, 0, 2, 2, BatchStatus.STARTED);
        JobSummary audit = jobs.summary(jobs.execution(fixity.getId()).orElseThrow());
        assertThat(audit.done() + "/" + audit.total()).isEqualTo("2/5");

        // An import killed midway: what it stored as it went is its progress in batch status.
        JobParameters importRun = new JobParametersBuilder().addString("dir", home.toString(), true).toJobParameters();
        JobExecution imported = repository.createJobExecution(
                repository.createJobInstance(org.wenshu.batch.imports.ImportJobConfiguration.JOB, importRun), importRun,
                new ExecutionContext());
        StepExecution folder = repository.createStepExecution(org.wenshu.batch.imports.ImportJobConfiguration.STEP, imported);
        var progress = new org.wenshu.batch.imports.ImportJobConfiguration.StoredProgress(repository, folder,
                cli.context().getBean(org.springframework.transaction.PlatformTransactionManager.class));
        progress.advanced(0, 3000);
        progress.advanced(1350, 3000);
        progress.advanced(1349, 3000); // a slower thread's count, after a faster one's
        JobSummary killed = jobs.summary(jobs.execution(imported.getId()).orElseThrow());
        assertThat(killed.total()).isEqualTo(3000);
        assertThat(killed.done()).isBetween(0L, 1350L);
        progress.advanced(3000, 3000);
        JobSummary last = jobs.summary(jobs.execution(imported.getId()).orElseThrow());
        assertThat(last.done() + "/" + last.total()).isEqualTo("3000/3000");
    }

    private static void partition(JobRepository repository, JobExecution execution, int partition, long done, long total,
                                  BatchStatus status) {
        StepExecution step = repository.createStepExecution(FixityJobConfiguration.RECORDS_STEP + ":partition" + partition,
                execution);
        step.getExecutionContext().putLong("wenshu.done", done);
        step.getExecutionContext().putLong("wenshu.total", total);
        step.setStartTime(LocalDateTime.now());
        step.setStatus(status);
        repository.update(step);
        repository.updateExecutionContext(step);
    }

    private static String progress(Run run) {
        Matcher line = FINAL.matcher(run.out());
        assertThat(line.find()).as(run.printed()).isTrue();
        return line.group(3) + "/" + line.group(4);
    }
}
