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
import org.wenshu.app.cli.ExitCodes;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wenshu batch bulk-issue} skips, with row, column and reason, the rows whose values the list cannot vouch for:
 * units no registered unit has in any field that names units, XLSX cells holding a formula or an error value, and
 * a 成文日期 after today.
 */
class BulkIssueRowChecksIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private InProcessCli cli;
    private Archive archive;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-bulk-rows");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2");
        archive = cli.context().getBean(Archive.class);
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private Path csv(String name, String text) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path base(Map<String, Object> changes) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(BulkIssueFiles.baseData(home).toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.putAll(changes);
        Path file = home.resolve("base-" + changes.keySet() + ".json");
        Files.write(file, JSON.writeValueAsBytes(fields));
        return file;
    }

    private Run bulkIssue(Path data, Path list) {
        return cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);
    }

    @Test
    void aRowNamingAnUnknownUnitInAnyUnitColumnIsSkippedWithColumnAndUnit() throws IOException {
        Path list = csv("名单.csv", "主送单位,标题,参会单位,抄送机关\n"
                + "市公安局,关于召开第一次专题会议的通知,市检察院、市公安局,\n"
                + "市司法局,关于召开第二次专题会议的通知,市检察院、市外星局,\n"
                + "市政数局,关于召开第三次专题会议的通知,,市月球办\n"
                + "市教育局、市火星局,关于召开第四次专题会议的通知,,\n");

        Run run = bulkIssue(BulkIssueFiles.baseData(home), list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("第 3 行 参会单位：第 2 项「市外星局」不是已登记的单位",
                "第 4 行 抄送机关：第 1 项「市月球办」不是已登记的单位",
                "第 5 行 主送单位：第 2 项「市火星局」不是已登记的单位").doesNotContain("第 2 行");
        List<InstrumentRecord> records = archive.records(0, 100);
        assertThat(records).extracting(InstrumentRecord::title).containsExactly("关于召开第一次专题会议的通知");
        assertThat(records.get(0).fields()).containsEntry("attendingUnits", List.of("市检察院", "市公安局"));
    }

    @Test
    void baseDataNamingAnUnknownUnitInAListFieldNoColumnSuppliesIsRefusedOnce() throws IOException {
        Path data = base(Map.of("attendingUnits", List.of("市检察院", "市外星局")));
        Path list = csv("名单.csv", "主送单位,标题\n市公安局,关于召开第一次专题会议的通知\n");

        Run run = bulkIssue(data, list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains("基础数据有 1 处错误", "参会单位(attendingUnits)", "市外星局")
                .doesNotContain("第 2 行");
        assertThat(archive.records(0, 100)).isEmpty();
    }

    @Test
    void anXlsxRowWithAFormulaOrAnErrorValueIsSkippedNotFilledFromTheBaseData() throws IOException {
        Path list = home.resolve("公式.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(list)) {
            var sheet = workbook.createSheet("名单");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("主送单位");
            header.createCell(1).setCellValue("标题");
            var formula = sheet.createRow(1);
            formula.createCell(0).setCellValue("市公安局");
            formula.createCell(1).setCellFormula("A1&\"x\""); // written without a cached value
            var error = sheet.createRow(2);
            error.createCell(0).setCellValue("市司法局");
            error.createCell(1).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.REF);
            var typed = sheet.createRow(3);
            typed.createCell(0).setCellValue("市教育局");
            typed.createCell(1).setCellValue("关于召开第三次专题会议的通知");
            workbook.write(out);
        }

        Run run = bulkIssue(BulkIssueFiles.baseData(home), list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("第 2 行 标题：单元格是公式，请改为文字或数字",
                "第 3 行 标题：单元格是错误值 #REF!，请改为文字或数字").doesNotContain("第 4 行");
        assertThat(archive.records(0, 100)).extracting(InstrumentRecord::title)
                .containsExactly("关于召开第三次专题会议的通知");
    }

    @Test
    void aRowDatedAfterTodayIsSkippedWithItsColumn() throws IOException {
        String tomorrow = archive.today().plusDays(1).toString();
        Path list = csv("名单.csv", "主送单位,标题,成文日期\n"
                + "市公安局,关于召开第一次专题会议的通知,2024-03-01\n"
                + "市司法局,关于召开第二次专题会议的通知,2099-01-01\n"
                + "市教育局,关于召开第三次专题会议的通知," + tomorrow + "\n");

        Run run = bulkIssue(BulkIssueFiles.baseData(home), list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).contains("第 3 行 成文日期：2099年1月1日晚于今天", "第 4 行 成文日期：", "成文日期不能是将来的日期")
                .doesNotContain("第 2 行");
        List<InstrumentRecord> records = archive.records(0, 100);
        assertThat(records).extracting(InstrumentRecord::title).containsExactly("关于召开第一次专题会议的通知");
        assertThat(records.get(0).number().year()).isEqualTo(2024);
    }

    @Test
    void baseDataDatedAfterTodayIsRefusedOnce() throws IOException {
        Path data = base(Map.of("date", "2099-01-01"));
        Path list = csv("名单.csv", "主送单位,标题\n市公安局,关于召开第一次专题会议的通知\n");

        Run run = bulkIssue(data, list);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out() + run.err()).contains("基础数据有 1 处错误", "成文日期(date)：2099年1月1日晚于今天")
                .doesNotContain("第 2 行");
        assertThat(archive.records(0, 100)).isEmpty();
    }
}
