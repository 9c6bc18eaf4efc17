package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.app.cli.ExitCodes;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
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
        assertThat(header.err()).contains("表头「会议主持人」不是联席会议通知的字段", "会议地点(place)");
        assertThat(number.err()).contains("发文字号由系统按顺序编号");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("缺少参数 file");
        assertThat(unknownType.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownJob.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownJob.err()).contains("bulk-issue");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void refusesEveryUnusableFileBeforeAnExecutionExistsWithOnlyItsChineseReason() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path badJson = home.resolve("bad.json");
        Files.writeString(badJson, "{\"title\": ", StandardCharsets.UTF_8);
        Path good = csv("good.csv", "主送单位,标题\n市公安局,关于召开专题会议的通知\n");
        Path gbk = home.resolve("gbk.csv");
        Files.write(gbk, "主送单位,标题\n市公安局,关于编码的会议的通知\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        Path utf16 = home.resolve("utf16.csv");
        Files.write(utf16, "\uFEFF主送单位,标题\n市公安局,关于编码的通知\n".getBytes(StandardCharsets.UTF_16LE));
        Path binary = home.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xFF, (byte) 0xFE, (byte) 0xC3});
        Path empty = csv("empty.csv", "");
        Path quote = csv("quote.csv", "主送单位,标题\n市公安局,\"关于未闭合引号的通知\n");
        Path headerOnly = csv("header-only.csv", "主送单位,标题\n");
        Path xls = home.resolve("名单.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
        Path txt = csv("名单.txt", "主送单位,标题\n市公安局,关于文本文件的通知\n");
        Path folder = Files.createDirectories(home.resolve("a-folder.csv"));
        Path fakeXlsx = home.resolve("fake.xlsx");
        Files.write(fakeXlsx, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'x', 'l', '/', 'w'});
        Map<String, List<String>> refusals = new LinkedHashMap<>();
        refusals.put("file=" + gbk, List.of("不是 UTF-8 编码", "encoding=GB18030"));
        refusals.put("file=" + utf16, List.of("UTF-16"));
        refusals.put("file=" + binary, List.of("不是 UTF-8 编码"));
        refusals.put("file=" + empty, List.of("是空的"));
        refusals.put("file=" + quote, List.of("格式错误", "第 2 行开始的引号", "没有闭合"));
        refusals.put("file=" + headerOnly, List.of("名单没有数据行"));
        refusals.put("file=" + xls, List.of("另存为 .xlsx"));
        refusals.put("file=" + txt, List.of("须为 .csv（UTF-8）或 .xlsx", "另存为"));
        refusals.put("file=" + folder, List.of("名单文件须为文件", "是文件夹"));
        refusals.put("file=" + home.resolve("missing.csv"), List.of("名单文件不存在"));
        refusals.put("file=" + fakeXlsx, List.of("不是有效的 .xlsx"));

        for (Map.Entry<String, List<String>> refusal : refusals.entrySet()) {
            Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, refusal.getKey());

            assertThat(run.exitCode()).as(run.printed()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).as(refusal.getKey()).startsWith("wenshu: ").contains(refusal.getValue());
            assertThat(run.printed()).as(refusal.getKey()).doesNotContain("Error creating bean", "Exception",
                    "org.springframework", "FAILED", "作业")
                    .doesNotContainPattern("[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}"); // no library's English sentence
        }
        Run json = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + badJson, "file=" + good);
        Run klingon = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + gbk,
                "encoding=KLINGON");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(json.err()).contains("不是有效的 JSON").doesNotContain("Error creating bean");
        assertThat(klingon.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(klingon.err()).contains("未知的编码 encoding=KLINGON").doesNotContain("Error creating bean");

        assertThat(cli.run("batch", "status").out()).contains("还没有运行过批处理作业");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void aFailedExecutionShowsAndStoresItsReasonAsTheUserShouldReadItAndLogsTheRest() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = csv("changing.csv", "主送单位,标题\n市公安局,关于召开专题会议的通知\n");
        org.springframework.batch.core.job.parameters.JobParameters parameters = org.wenshu.batch.bulk.BulkIssueParameters.of(
                Map.of("type", "meeting-notice", "data", data.toString(), "file", list.toString()),
                context.getBean(org.wenshu.templates.InstrumentCatalog.class), 0);
        // Changed after the job was asked for: its first step (a step-scoped bean) refuses the list.
        Files.writeString(list, "主送单位,标题\n市司法局,关于召开另一次专题会议的通知\n", StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream terminal = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalErr = System.err;
        System.setErr(new java.io.PrintStream(terminal, true, StandardCharsets.UTF_8));
        org.springframework.batch.core.job.JobExecution execution;
        try {
            execution = context.getBean(org.wenshu.batch.BatchJobs.class).run("bulk-issue", parameters);
        } finally {
            System.setErr(originalErr);
        }

        Run status = cli.run("batch", "status", Long.toString(execution.getId()));

        assertThat(execution.getStatus().name()).isEqualTo("FAILED");
        assertThat(terminal.toString(StandardCharsets.UTF_8)).as("library log lines on the terminal")
                .doesNotContain("AbstractStep", "Encountered an error");
        assertThat(status.out()).contains("失败原因：名单文件", "在作业开始后被修改")
                .doesNotContain("Error creating bean", "BeanCreationException", "org.springframework");
        assertThat(execution.getExitStatus().getExitDescription()).startsWith("名单文件").doesNotContain("\tat ");
        assertThat(Files.readString(home.resolve("data/logs/wenshu-cli.log"))).contains("AbstractStep",
                "BeanCreationException");
    }

    @Test
    void statusListsExecutionsWithTheirReports() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = csv("one.csv", "主送单位,标题\n市公安局,关于召开专题会议的通知\n");
        assertThat(cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list).exitCode()).isZero();

        Run status = cli.run("batch", "status");
        Run one = cli.run("batch", "status", "1");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("bulk-issue", "COMPLETED", "1/1");
        assertThat(one.out()).contains("作业 bulk-issue（执行 1）：已完成 COMPLETED，进度 1/1");
        assertThat(cli.run("batch", "restart", "99").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
