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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    /**
     * The office reads the register beside its list: numbers follow the list's order although two threads issue a
     * chunk's rows, also around a bad row (skipped, it takes no number) and a title long enough to render slower.
     */
    @Test
    void numbersFollowTheListsOrder() throws IOException {
        String[] units = {"市公安局", "市司法局", "市政数局", "市教育局", "市卫健委", "市人社局", "市乡村振兴局", "市民政局",
                "市农业农村局"};
        StringBuilder list = new StringBuilder("主送单位,标题,会议事由\r\n");
        List<String> titles = new java.util.ArrayList<>();
        for (int i = 1; i <= 27; i++) {
            String title = "关于召开第" + i + "次专题会议的通知";
            // Every fourth row's purpose runs over several pages: it renders slower than the rows beside it.
            String purpose = i % 4 == 1 ? "研究行政执法监督与府检联动工作中的有关问题。".repeat(80) : "";
            if (i == 11) {
                list.append("市外星局,").append(title).append(',').append(purpose).append("\r\n");
                continue;
            }
            list.append(units[i % units.length]).append(',').append(title).append(',').append(purpose).append("\r\n");
            titles.add(title);
        }

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + BulkIssueFiles.baseData(home),
                "file=" + csv("名单.csv", list.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("第 12 行 主送单位：");
        List<InstrumentRecord> records = new java.util.ArrayList<>(context.getBean(Archive.class).records(0, 100));
        records.sort(java.util.Comparator.comparingInt(r -> r.number().serial()));
        assertThat(records).extracting(r -> r.number().serial())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 26).boxed().toList());
        assertThat(records).extracting(InstrumentRecord::title).containsExactlyElementsOf(titles);
    }

    /**
     * The usual way to deal with a skipped row: correct it in the list and run the list again. The rows issued the
     * first time ask for the same instruments: each is reported with its number and only the corrected row is new;
     * the same list as XLSX, with the columns in another order and headed by field name, issues nothing more either.
     */
    @Test
    void aCorrectedListRunAgainIssuesOnlyTheRowsNotIssuedBefore() throws IOException {
        Path data = baseWithoutPlace();
        Path first = csv("名单.csv", "主送单位,标题,会议地点\n"
                + "市公安局,关于召开第一次专题会议的通知,第一会议室\n"
                + "市司法局,关于召开第二次专题会议的通知,\n"
                + "市政数局,关于召开第三次专题会议的通知,第二会议室\n");
        Path corrected = csv("名单（改）.csv", "主送单位,标题,会议地点\n"
                + "市公安局,关于召开第一次专题会议的通知,第一会议室\n"
                + "市司法局,关于召开第二次专题会议的通知,第三会议室\n"
                + "市政数局,关于召开第三次专题会议的通知,第二会议室\n");
        Path workbook = home.resolve("名单.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(workbook)) {
            var sheet = book.createSheet("名单");
            String[][] rows = {{"place", "title", "recipients"},
                    {"第二会议室", "关于召开第三次专题会议的通知", "市政数局"},
                    {"第一会议室", "关于召开第一次专题会议的通知", "市公安局"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
        }
        Archive archive = context.getBean(Archive.class);

        Run once = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + first);
        List<String> numbers = archive.records(0, 100).stream().map(r -> r.number().text()).toList();
        Run again = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + corrected);
        Run asWorkbook = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + workbook);

        assertThat(once.out()).contains("第 3 行 会议地点：必须填写");
        assertThat(numbers).hasSize(2);
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(ExitCodes.BAD_INPUT);
        Map<String, String> numberOf = new LinkedHashMap<>();
        archive.records(0, 100).forEach(r -> numberOf.put(r.title(), r.number().text()));
        assertThat(again.out()).contains("第 2 行：与已发出的 " + numberOf.get("关于召开第一次专题会议的通知"),
                "第 4 行：与已发出的 " + numberOf.get("关于召开第三次专题会议的通知"), "未重复发文").doesNotContain("第 3 行");
        assertThat(asWorkbook.exitCode()).as(asWorkbook.out() + asWorkbook.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(asWorkbook.out()).contains("第 2 行：与已发出的", "第 3 行：与已发出的");
        List<InstrumentRecord> records = archive.records(0, 100);
        assertThat(records).extracting(InstrumentRecord::title).containsExactlyInAnyOrder(
                "关于召开第一次专题会议的通知", "关于召开第二次专题会议的通知", "关于召开第三次专题会议的通知");
        assertThat(records).extracting(r -> r.number().text()).containsAll(numbers);
    }

    /**
     * A blank 主送单位 is a gap in the list, not "send to the base data's units"; a formula behind a space (stored
     * without it) or behind a list separator is still a formula.
     */
    @Test
    void blankRecipientsAndFormulasBehindSpacesAreBadRows() throws IOException {
        Path list = csv("名单.csv", "标题,主送单位,会议地点\n"
                + "关于召开第一次专题会议的通知,,第一会议室\n"
                + "\" =cmd|' /C calc'!A0\",市公安局,第一会议室\n"
                + "关于召开第三次专题会议的通知,市司法局,\"\t@SUM(1)\"\n"
                + "关于召开第四次专题会议的通知\n"
                + "关于召开第五次专题会议的通知,市民政局,第二会议室\n");

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + BulkIssueFiles.baseData(home),
                "file=" + list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("第 2 行 主送单位：必须填写", "第 3 行 标题：以「=」开头", "第 4 行 会议地点：以",
                "第 5 行：有 1 列，少于表头的 3 列");
        assertThat(context.getBean(Archive.class).records(0, 100)).extracting(InstrumentRecord::title)
                .containsExactly("关于召开第五次专题会议的通知");
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
    void rowsWhoseIssuingUnitHasNoSealAreSkippedAndReportedWithTheirColumn() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = csv("印章.csv", String.join("\n", "主送单位,发文机关,标题",
                "市司法局,荆门市“府检联动”工作领导小组办公室,关于有印章单位的会议的通知",
                "市司法局,市公安局,关于公安局名义的会议的通知",
                "市教育局,市政府办,关于政府办名义的会议的通知", ""));

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("已完成 COMPLETED",
                "第 3 行 发文机关：发文机关 荆门市公安局 没有电子印章，不能发文",
                "第 4 行 发文机关：发文机关 荆门市人民政府办公室 没有电子印章，不能发文");
        assertThat(context.getBean(Archive.class).records(0, 100)).extracting(InstrumentRecord::title)
                .containsExactly("关于有印章单位的会议的通知");
    }

    @Test
    void shortCsvRowsAreRaggedWhileXlsxRowsMayOmitTrailingEmptyCells() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = csv("短行.csv", String.join("\n", "主送单位,会议时间,会议地点", "市公安局,上午", "市司法局",
                "市教育局,下午,第二会议室", ""));
        Path sheet = home.resolve("短行.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(sheet)) {
            var rows = workbook.createSheet("名单");
            List<List<String>> cells = List.of(List.of("主送单位", "会议时间", "会议地点"), List.of("市公安局", "上午"),
                    List.of("市司法局"), List.of("市教育局", "下午", "第二会议室"));
            for (int r = 0; r < cells.size(); r++) {
                var row = rows.createRow(r);
                for (int c = 0; c < cells.get(r).size(); c++) {
                    row.createCell(c).setCellValue(cells.get(r).get(c));
                }
            }
            workbook.write(out);
        }
        Archive archive = context.getBean(Archive.class);

        Run fromCsv = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(fromCsv.exitCode()).as(fromCsv.out() + fromCsv.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fromCsv.out()).contains("第 2 行：有 2 列，少于表头的 3 列（列错位）", "第 3 行：有 1 列，少于表头的 3 列（列错位）")
                .doesNotContain("第 4 行");
        assertThat(archive.records(0, 100)).hasSize(1);

        Run fromXlsx = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + sheet);

        // The 市教育局 row asks for the very notice the CSV issued: it is reported with that number, not issued again.
        assertThat(fromXlsx.exitCode()).as(fromXlsx.out() + fromXlsx.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fromXlsx.out()).doesNotContain("列错位").contains("第 4 行：与已发出的 荆府检联办〔2024〕1号 完全相同");
        assertThat(archive.records(0, 100)).hasSize(3);
    }

    @Test
    void baseDataMistakesNoRowCanCorrectAreReportedOnceAndIssueNothing() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(BulkIssueFiles.baseData(home).toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("title");
        fields.put("meetingHost", "张三");
        Path data = home.resolve("broken-base.json");
        Files.write(data, JSON.writeValueAsBytes(fields));
        Path list = csv("九行.csv", String.join("\n", BulkIssueFiles.AGENCIES) + "\n");
        Files.writeString(list, "主送单位\n" + Files.readString(list));

        Run run = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains("基础数据有 2 处错误", "标题(title)：必须填写", "meetingHost：未知字段")
                .doesNotContain("第 2 行", "第 10 行", "跳过上限");
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

    /**
     * The README's walk-through: the shipped base data and recipient list (as CSV and as XLSX) issue one notice per
     * listed member unit, each with its own number; the same command again issues nothing more.
     */
    @ParameterizedTest
    @ValueSource(strings = {"meeting-notice-recipients.csv", "meeting-notice-recipients.xlsx"})
    void theShippedExampleListIssuesOneNoticePerMemberUnitOnce(String list) throws IOException {
        Path examples = Path.of("..", "examples");
        String[] command = {"batch", "bulk-issue", "type=meeting-notice", "data=" + examples.resolve("meeting-notice.json"),
                "file=" + examples.resolve(list)};
        List<String> units = Files.readAllLines(examples.resolve("meeting-notice-recipients.csv"), StandardCharsets.UTF_8)
                .stream().skip(1).filter(line -> !line.isBlank()).toList();

        Run run = cli.run(command);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("已完成 COMPLETED", "进度 " + units.size() + "/" + units.size());
        Archive archive = context.getBean(Archive.class);
        List<InstrumentRecord> issued = archive.records(0, 100);
        assertThat(units).hasSize(9);
        assertThat(issued).extracting(r -> r.recipients().get(0).shortName()).containsExactlyInAnyOrderElementsOf(units);
        assertThat(issued).extracting(r -> r.number().text()).doesNotHaveDuplicates();

        Run again = cli.run(command);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("不会重复发文");
        assertThat(archive.records(0, 100)).hasSize(units.size());
    }

    @Test
    void minutesAndUnreadableBaseDataAreRefusedWithTheirReason() throws IOException {
        Path list = csv("名单.csv", "主送单位,标题\n市公安局,关于召开专题会议的通知\n");
        Path broken = home.resolve("broken.json");
        Files.writeString(broken, "{\n  \"title\": \"关于会议的通知\",\n  \"place\" \"第一会议室\"\n}", StandardCharsets.UTF_8);

        Run minutes = cli.run("batch", "bulk-issue", "type=meeting-minutes", "data=" + BulkIssueFiles.baseData(home),
                "file=" + list);
        Run single = cli.run("issue", "--type", "meeting-minutes", "--data", BulkIssueFiles.baseData(home).toString());
        Run data = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + broken, "file=" + list);
        Run issueData = cli.run("issue", "--type", "meeting-notice", "--data", broken.toString());

        assertThat(minutes.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(minutes.err()).contains("会议纪要须在对应的联席会议中录入");
        assertThat(single.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(single.err()).contains("会议纪要须在对应的联席会议中录入");
        for (Run run : List.of(data, issueData)) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.out() + run.err()).contains("不是有效的 JSON", "第 3 行").doesNotContain("Unexpected", "expecting");
        }
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    private static final String TWO_ROWS = "主送单位,标题\r\n市公安局,关于编码的第一次会议的通知\r\n市司法局,关于编码的第二次会议的通知\r\n";

    private Path gbk(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.write(file, text.getBytes(java.nio.charset.Charset.forName("GBK")));
        return file;
    }

    @Test
    void theSameListIsIssuedOnceHoweverItsEncodingIsSpelled() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path gbkList = gbk("gbk.csv", TWO_ROWS);
        Path utf8List = csv("utf8.csv", TWO_ROWS.replace("关于编码的", "关于统一编码的"));

        Run first = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + gbkList, "encoding=GB18030");
        List<Run> again = List.of(
                cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + gbkList, "encoding=GBK"),
                cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + gbkList, "encoding=gb18030"),
                cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + gbkList, "encoding=cp936"));
        Run utf8 = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + utf8List);
        List<Run> utf8Again = List.of(
                cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + utf8List, "encoding=UTF-8"),
                cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + utf8List, "encoding=GB18030"));

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("（执行 1）", "已完成 COMPLETED");
        assertThat(again).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("不会重复发文", "（执行 1）");
        });
        assertThat(utf8.exitCode()).as(utf8.out() + utf8.err()).isZero();
        assertThat(utf8.out()).contains("（执行 2）");
        assertThat(utf8Again).allSatisfy(run -> assertThat(run.out()).as(run.out() + run.err())
                .contains("不会重复发文", "（执行 2）"));
        assertThat(context.getBean(Archive.class).records(0, 100)).extracting(InstrumentRecord::title)
                .containsExactlyInAnyOrder("关于编码的第一次会议的通知", "关于编码的第二次会议的通知",
                        "关于统一编码的第一次会议的通知", "关于统一编码的第二次会议的通知");
    }

    @Test
    void saysBeforeStartingWhichRowsWereAlreadyIssuedWithTheirNumbersAndHowManyItWillIssue() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        String rows = "市公安局,关于重发的第一次会议的通知\n市司法局,关于重发的第二次会议的通知\n市教育局,关于重发的第三次会议的通知\n";
        Path first = csv("三行.csv", "主送单位,标题\n" + rows);
        Path resaved = csv("四行.csv", ("主送单位,标题\n" + rows + "市民政局,关于重发的第四次会议的通知\n").replace("\n", "\r\n"));
        Archive archive = context.getBean(Archive.class);

        Run once = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + first);
        Map<String, String> numberOf = new LinkedHashMap<>();
        archive.records(0, 100).forEach(r -> numberOf.put(r.title(), r.number().text()));
        Run again = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + resaved);

        assertThat(once.exitCode()).as(once.out() + once.err()).isZero();
        assertThat(once.out()).doesNotContain("已发过文");
        String report = again.out().substring(0, again.out().indexOf("作业 bulk-issue"));
        assertThat(report).contains("名单 4 行：将发文 1 份；3 行已发过文，不会重复发文：",
                "第 2 行：与已发出的 " + numberOf.get("关于重发的第一次会议的通知") + " 完全相同",
                "第 3 行：与已发出的 " + numberOf.get("关于重发的第二次会议的通知") + " 完全相同",
                "第 4 行：与已发出的 " + numberOf.get("关于重发的第三次会议的通知") + " 完全相同").doesNotContain("第 5 行");
        assertThat(archive.records(0, 100)).extracting(InstrumentRecord::title).hasSize(4)
                .contains("关于重发的第四次会议的通知");
    }

    @Test
    void namesAWorkbookRenamedCsvAndBaseDataInAnotherEncodingBeforeAnyJobStarts() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path gbkData = home.resolve("mn-gbk.json");
        Files.write(gbkData, Files.readString(data).getBytes(java.nio.charset.Charset.forName("GBK")));
        Path utf16Data = home.resolve("mn-utf16.json");
        Files.write(utf16Data, Files.readString(data).getBytes(StandardCharsets.UTF_16LE));
        Path renamed = home.resolve("xlsx.csv");
        Files.copy(Path.of("..", "examples", "meeting-notice-recipients.xlsx"), renamed);
        Path list = csv("名单.csv", TWO_ROWS);

        Run workbook = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + renamed);
        Run gbk = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + gbkData, "file=" + list);
        Run utf16 = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + utf16Data, "file=" + list);
        Run single = cli.run("issue", "--type", "meeting-notice", "--data", gbkData.toString());

        assertThat(workbook.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(workbook.err()).contains("xlsx.csv 实际是 Excel 工作簿（.xlsx）", "扩展名改为 .xlsx")
                .doesNotContain("UTF-8 编码", "encoding=");
        assertThat(gbk.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gbk.err()).contains("mn-gbk.json 不是 UTF-8 编码，看起来是 GBK/GB18030", "基础数据须为 UTF-8 编码的 JSON")
                .doesNotContain("第 1 行", "缺少逗号");
        assertThat(utf16.err()).contains("UTF-16（小端，无 BOM）").doesNotContain("第 1 行", "缺少逗号");
        assertThat(single.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(single.err()).contains("看起来是 GBK/GB18030", "UTF-8 编码的 JSON");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void refusesAnUnknownEncodingBeforeAnyJobStartsAndSaysHowToNameGbkOnTheCommandLine() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = gbk("gbk.csv", TWO_ROWS);

        Run bogus = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list, "encoding=bogus");
        Path big5List = home.resolve("big5.csv");
        Files.write(big5List, "主送機關,標題\n荊門市司法局,關於編碼的會議的通知\n".getBytes(java.nio.charset.Charset.forName("Big5")));
        Run big5 = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + big5List, "encoding=Big5");
        Run status = cli.run("batch", "status");
        Run unnamed = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);

        assertThat(bogus.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bogus.err()).contains("encoding=bogus", "UTF-8", "GB18030").doesNotContain("Big5");
        assertThat(big5.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(big5.err()).contains("Big5 写不出简体中文的表头和单位名称", "CSV UTF-8", "GB18030").doesNotContain("主送機關");
        assertThat(status.out()).contains("还没有运行过批处理作业");
        assertThat(unnamed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unnamed.out() + unnamed.err()).contains("GBK", "encoding=GB18030").doesNotContain("CSV 编码");
        assertThat(context.getBean(Archive.class).records(0, 100)).isEmpty();
    }

    @Test
    void restartsAnExecutionStartedWithTheEncodingSpelledAsBeforeItWasCanonical() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = gbk("gbk.csv", TWO_ROWS);
        // Job parameters as bulk-issue wrote them before: the encoding as given, identifying.
        org.springframework.batch.core.job.parameters.JobParameters old =
                new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                        .addString("type", "meeting-notice", true)
                        .addString("fileSha256", org.wenshu.batch.bulk.BulkIssueParameters.sha256(list), true)
                        .addString("dataSha256", org.wenshu.batch.bulk.BulkIssueParameters.sha256(data), true)
                        .addString("file", list.toAbsolutePath().toString(), false)
                        .addString("data", data.toAbsolutePath().toString(), false)
                        .addLong("skipLimit", 0L, false)
                        .addString("encoding", "gbk", true)
                        .toJobParameters();
        Path away = home.resolve("away.csv");
        Files.move(list, away);
        org.wenshu.batch.BatchJobs jobs = context.getBean(org.wenshu.batch.BatchJobs.class);
        long failed = jobs.run("bulk-issue", old).getId();
        Files.move(away, list);

        Run restart = cli.run("batch", "restart", Long.toString(failed));

        assertThat(jobs.execution(failed).orElseThrow().getStatus().name()).isEqualTo("FAILED");
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("已完成 COMPLETED", "2/2");
        assertThat(context.getBean(Archive.class).records(0, 100)).extracting(InstrumentRecord::title)
                .containsExactlyInAnyOrder("关于编码的第一次会议的通知", "关于编码的第二次会议的通知");
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
        refusals.put("file=" + binary, List.of("实际是 PNG 图片", ".xlsx 工作簿或“CSV UTF-8（逗号分隔）”"));
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
        assertThat(klingon.err()).contains("不支持名单编码 encoding=KLINGON").doesNotContain("Error creating bean");

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
