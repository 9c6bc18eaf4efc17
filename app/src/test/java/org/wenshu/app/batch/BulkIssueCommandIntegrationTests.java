package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.app.cli.ExitCodes;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.reindex.ReindexJobConfiguration;
import org.wenshu.search.RecordIndex;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code wenshu batch bulk-issue} in-process on embedded defaults: bad rows, refused files, reruns. */
class BulkIssueCommandIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-bulk-cli");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2", "wenshu.batch.chunk-size=3");
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    /** Base data without a meeting place: rows must give it. */
    private Path baseWithoutPlace() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(BulkIssueFiles.baseData(home).toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("place");
        Path file = home.resolve("base-without-place.json");
        Files.write(file, JSON.writeValueAsBytes(fields));
        return file;
    }

    private Path csv(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static final String BAD_ROWS = String.join("\r\n",
            "主送单位,标题,会议日期,会议地点",
            "市公安局,关于召开第一次专题会议的通知,2024-03-20,第一会议室",
            "市司法局,关于召开第二次专题会议的通知,2024-03-20,",
            "市外星局,关于召开第三次专题会议的通知,2024-03-20,第一会议室",
            "市政数局,关于召开第四次\uD80C\uDC00会议的通知,2024-03-20,第一会议室",
            "市教育局,关于召开第五次专题会议的通知,2024-02-30,第一会议室",
            "市卫健委,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"点击\"\")\",2024-03-20,第一会议室",
            "市人社局,关于召开第七次专题会议的通知,2024-03-20,第一会议室,多出的一列",
            "市公安局,关于召开第一次专题会议的通知,2024-03-20,第一会议室",
            ",,,",
            "市民政局,关于召开第九次专题会议的通知,2024-03-20,第二会议室",
            "");

    @Test
    void skipsEachBadRowWithItsRowColumnAndReasonAndIssuesTheGoodRows() throws IOException {
        Path data = baseWithoutPlace();
        Path list = csv("名单.csv", BAD_ROWS);

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("已完成 COMPLETED", "跳过 / 问题",
                "第 3 行 会议地点：必须填写",
                "第 4 行 主送单位：", "市外星局",
                "第 5 行 标题：含有字体无法显示的字符", "U+13000",
                "第 6 行 会议日期：",
                "第 7 行 标题：以「=」开头",
                "第 8 行：有 5 列，多于表头的 4 列",
                "第 9 行：与第 2 行完全相同")
                .doesNotContain("第 10 行", "第 2 行 ", "第 11 行");
        Archive archive = context.getBean(Archive.class);
        List<InstrumentRecord> records = archive.records(0, 100);
        assertThat(records).extracting(InstrumentRecord::title)
                .containsExactlyInAnyOrder("关于召开第一次专题会议的通知", "关于召开第九次专题会议的通知");
        assertThat(records).allSatisfy(r -> assertThat(r.fields()).containsKey("place"));
        RecordIndex index = context.getBean(RecordIndex.class);
        assertThat(records).allSatisfy(r -> assertThat(index.contains(r.id())).isTrue());
        // Bulk issuing goes through the archive too: each PDF prints its own record's verification code.
        assertThat(records).allSatisfy(r -> {
            String code = archive.verificationCode(r.id()).orElseThrow();
            byte[] pdf = archive.read(r.objects().stream().filter(o -> o.key().endsWith("/instrument.pdf")).findFirst()
                    .orElseThrow().key()).orElseThrow();
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("核验码 " + code);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(archive.verificationCode(records.get(0).id())).isNotEqualTo(archive.verificationCode(records.get(1).id()));

        Run again = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(again.out()).contains("已经完成", "不会重复发文", "第 3 行 会议地点：必须填写");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(archive.records(0, 100)).hasSize(2);
    }

    @Test
    void aHopelessFileStopsAtTheSkipLimitWithoutIssuingAnything() throws IOException {
        Path data = baseWithoutPlace();
        Path list = csv("名单.csv", BAD_ROWS);

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list, "skipLimit=2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("失败 FAILED", "超过跳过上限 2");
        // The rows are checked on two threads, yet reported as one by one: in row order, up to the third bad row.
        assertThat(run.out()).contains("第 3 行 会议地点", "第 4 行 主送单位", "第 5 行 标题")
                .doesNotContain("第 6 行", "第 7 行", "第 8 行", "第 9 行");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void refusesUnusableInputWithoutIssuing() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path unknownHeader = csv("header.csv", "主送单位,会议主持人\n市公安局,张三\n");
        Path numbered = csv("numbered.csv", "主送单位,发文字号\n市公安局,荆府检联办〔2024〕9号\n");

        Run header = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + unknownHeader);
        Run number = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + numbered);
        Run missing = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data);
        Run unknownType = cli.run("batch", "bulk-issue", "type=no-such-type", "data=" + data, "file=" + numbered);
        Run unknownJob = cli.run("batch", "no-such-job");

        assertThat(header.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(header.out()).contains("表头「会议主持人」不是联席会议通知的字段", "会议地点(place)");
        assertThat(number.out()).contains("发文字号由系统按顺序编号");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("缺少参数 file");
        assertThat(unknownType.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownJob.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownJob.err()).contains("bulk-issue");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void aRestartIsNotTakenForDeadWhileItsOwnerIsNotRecordedYet() throws Exception {
        org.springframework.batch.core.repository.JobRepository repository =
                context.getBean(org.springframework.batch.core.repository.JobRepository.class);
        BatchJobs jobs = context.getBean(BatchJobs.class);
        JobParameters parameters = new JobParametersBuilder().addString("requestedAt", "killed", true).toJobParameters();
        JobInstance instance = repository.createJobInstance(ReindexJobConfiguration.JOB, parameters);
        // A run killed with -9: recorded STARTED, owned by a process that is gone.
        Process gone = new ProcessBuilder("sleep", "60").start();
        String owner = gone.pid() + ":" + gone.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(0L)
                + "@" + InetAddress.getLocalHost().getHostName();
        gone.destroyForcibly().waitFor();
        JobExecution killed = repository.createJobExecution(instance, parameters, new ExecutionContext());
        killed.getExecutionContext().putString("wenshu.owner", owner);
        killed.getExecutionContext().putLong("wenshu.owner.execution", killed.getId());
        repository.updateExecutionContext(killed);
        killed.setStartTime(LocalDateTime.now());
        killed.setStatus(BatchStatus.STARTED);
        repository.update(killed);
        assertThat(jobs.recoverIfDead(killed)).isTrue();
        assertThat(jobs.execution(killed.getId()).orElseThrow().getStatus()).isEqualTo(BatchStatus.FAILED);

        // Its restart as Spring Batch creates it: the failed run's context (and owner) copied, not begun yet.
        ExecutionContext copied = new ExecutionContext(jobs.execution(killed.getId()).orElseThrow().getExecutionContext());
        JobExecution restart = repository.createJobExecution(instance, parameters, copied);

        assertThat(jobs.recoverIfDead(restart)).isFalse();
        assertThat(jobs.recent(10)).filteredOn(e -> e.getId() == restart.getId()).singleElement()
                .satisfies(e -> assertThat(e.getStatus()).isEqualTo(BatchStatus.STARTING));
        Run status = cli.run("batch", "status", Long.toString(restart.getId()));
        assertThat(status.out()).contains("运行中 STARTED").doesNotContain("失败");
    }

    @Test
    void statusListsExecutionsWithTheirReports() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = csv("one.csv", "主送单位,标题\n市公安局,关于召开专题会议的通知\n");
        assertThat(cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list).exitCode()).isZero();

        Run status = cli.run("batch", "status");
        Run one = cli.run("batch", "status", "1");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("bulk-issue", "COMPLETED", "1/1", "时间为 Asia/Shanghai");
        // Times in the configured zone (Asia/Shanghai), not the JVM's: Spring Batch records the JVM's local time.
        JobExecution execution = context.getBean(BatchJobs.class).execution(1).orElseThrow();
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        assertThat(status.out()).contains(time.format(execution.getStartTime().atZone(java.time.ZoneId.systemDefault())
                .withZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))));
        assertThat(one.out()).contains("作业 bulk-issue（执行 1）：已完成 COMPLETED，进度 1/1");
        assertThat(cli.run("batch", "restart", "99").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
