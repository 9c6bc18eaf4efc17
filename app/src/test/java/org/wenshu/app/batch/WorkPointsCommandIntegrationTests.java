package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.WenshuCommand;
import org.wenshu.archive.tracking.TrackedItems;

/** {@code wenshu workpoints import}: a good sheet becomes a list; a bad one is refused row by row, exit 2, nothing stored. */
class WorkPointsCommandIntegrationTests {

    private Path home;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-workpoints-cli");
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        context = application.run("--wenshu.home=" + home.resolve("data"));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
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

        String[] refused = run("workpoints", "import", "--year", "2024", bad.toString());
        String[] imported = run("workpoints", "import", "--year", "2024", "--publish", good.toString());
        String[] missing = run("workpoints", "import", "--year", "2024", home.resolve("none.xlsx").toString());
        String[] lists = run("workpoints", "lists");

        assertThat(refused[0]).isEqualTo("2");
        assertThat(refused[2]).contains("有 4 处问题，未导入任何内容", "第 2 行「工作要点」：缺少标题", "第 3 行「序号」：序号 1 与第 2 行重复",
                "第 3 行「牵头单位」：没有找到单位「市外星局」", "第 3 行「完成时限」：完成时限「2024-02-30」不是有效日期");
        assertThat(imported[0]).as(imported[2]).isEqualTo("0");
        assertThat(imported[1]).contains("已导入「2024年“府检联动”工作要点」（已发布）：2 项工作要点");
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[2]).contains("没有文件");
        assertThat(lists[1]).contains("2024  2024年“府检联动”工作要点  已发布  2 项");
        assertThat(context.getBean(TrackedItems.class).lists(Optional.empty(), false)).hasSize(1);
    }
}
