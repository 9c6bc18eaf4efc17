package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.tracking.TrackedItems;

/** {@code wenshu workpoints import}: a good sheet becomes a list; a bad one is refused row by row, exit 2, nothing stored. */
class WorkPointsCommandIntegrationTests {

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-workpoints-cli");
        cli = InProcessCli.start(home.resolve("data"));
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private Path sheet(String name, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            List<String> headers = List.of("序号", "工作要点", "具体内容", "牵头单位", "配合单位", "完成时限");
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(String.valueOf(rows.get(r).get(c)));
                }
            }
            workbook.write(out);
            Path file = home.resolve(name);
            Files.write(file, out.toByteArray());
            return file;
        }
    }

    @Test
    void importsAGoodSheetAndRefusesABadOneRowByRow() throws IOException {
        Path good = sheet("good.xlsx", List.of(List.of(1, "深入推进涉案企业合规工作", "健全第三方监督管理机制", "市检察院", "", "年底前"),
                List.of(2, "组织开展同堂培训", "", "市检察院", "市司法局", "全年至少开展2次")));
        Path bad = sheet("bad.xlsx", List.of(List.of(1, "", "", "市检察院", "", "年底前"),
                List.of(1, "单位不明", "", "市外星局", "", "2024-02-30")));

        Run refused = cli.run("workpoints", "import", "--year", "2024", bad.toString());
        Run imported = cli.run("workpoints", "import", "--year", "2024", "--publish", good.toString());
        Run missing = cli.run("workpoints", "import", "--year", "2024", home.resolve("none.xlsx").toString());
        Run lists = cli.run("workpoints", "lists");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("有 4 处问题，未导入任何内容", "第 2 行「工作要点」：缺少标题", "第 3 行「序号」：序号 1 与第 2 行重复",
                "第 3 行「牵头单位」：没有找到单位「市外星局」", "第 3 行「完成时限」：完成时限「2024-02-30」不是有效日期");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("已导入「2024年“府检联动”工作要点」（已发布）：2 项工作要点");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("没有文件");
        assertThat(lists.out()).contains("2024  2024年“府检联动”工作要点  已发布  2 项");
        assertThat(context.getBean(TrackedItems.class).lists(Optional.empty(), false)).hasSize(1);
    }
}
