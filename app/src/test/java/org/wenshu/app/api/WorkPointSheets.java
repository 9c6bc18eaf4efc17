package org.wenshu.app.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Work-point sheets in the office's shape (title row, header, one point per row), built in code for the tests. */
final class WorkPointSheets {

    private WorkPointSheets() {
    }

    /** Rows of 序号, 工作要点, 具体内容, 牵头单位, 配合单位, 完成时限. */
    static byte[] of(List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("工作要点");
            sheet.createRow(0).createCell(0).setCellValue("“府检联动”工作要点");
            Row header = sheet.createRow(1);
            List<String> headers = List.of("序号", "工作要点", "具体内容", "牵头单位", "配合单位", "完成时限");
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 2);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
