package org.wenshu.app.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Recipient lists and base data for the bulk-issue tests, built in code. */
final class BulkIssueFiles {

    static final List<String> AGENCIES = List.of("市公安局", "市司法局", "市政数局", "市教育局", "市卫健委", "市人社局",
            "市乡村振兴局", "市民政局", "市农业农村局");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BulkIssueFiles() {
    }

    /** The shipped meeting-notice example as base data, copied to units the register knows, without a number. */
    static Path baseData(Path dir) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "meeting-notice.json").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("copiesTo", List.of("市政府办"));
        Path file = dir.resolve("meeting-notice-base.json");
        Files.write(file, JSON.writeValueAsBytes(fields));
        return file;
    }

    /** The title of row {@code i} (0-based) of {@link #recipients}: each row is a distinct notice. */
    static String title(int i) {
        return "关于召开第" + (i + 1) + "次“府检联动”专题会议的通知";
    }

    /** An XLSX list of {@code rows} notices, headed by Chinese labels, one agency per row in turn. */
    static Path recipients(Path dir, int rows) throws IOException {
        Path file = dir.resolve("recipients.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("名单");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("主送单位");
            header.createCell(1).setCellValue("标题");
            for (int i = 0; i < rows; i++) {
                XSSFRow row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(AGENCIES.get(i % AGENCIES.size()));
                row.createCell(1).setCellValue(title(i));
            }
            workbook.write(out);
        }
        return file;
    }
}
