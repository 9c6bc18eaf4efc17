package org.wenshu.batch.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** XLSX files for the list tests, built in code: ordinary, password-protected, a zip bomb and a million rows. */
final class Workbooks {

    private Workbooks() {
    }

    /** A workbook whose first sheet holds {@code rows} (first row: header). */
    static Path ordinary(Path file, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("名单");
            short dateFormat = workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\"");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(dateFormat);
            for (int r = 0; r < rows.size(); r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof java.time.LocalDate date) {
                        row.createCell(c).setCellValue(date);
                        row.getCell(c).setCellStyle(dateStyle);
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
        }
        return file;
    }

    /** {@code plain} encrypted with a password (agile encryption, as Excel's "Encrypt with Password" writes it). */
    static Path encrypted(Path plain, Path file) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("机密");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                Files.copy(plain, os);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                fs.writeFilesystem(out);
            }
        }
        return file;
    }

    /** A valid-looking XLSX whose sheet inflates from a few kilobytes to {@code megabytes} MB of blanks. */
    static Path zipBomb(Path file, int megabytes) throws IOException {
        return workbook(file, sheet -> {
            sheet.write("<sheetData>");
            char[] blanks = new char[1024 * 1024];
            java.util.Arrays.fill(blanks, ' ');
            for (int i = 0; i < megabytes; i++) {
                sheet.write(blanks);
            }
            sheet.write("</sheetData>");
        });
    }

    /** An XLSX with a header and {@code rows} data rows of inline strings, written as a stream. */
    static Path manyRows(Path file, int rows) throws IOException {
        return workbook(file, sheet -> {
            sheet.write("<dimension ref=\"A1:B" + (rows + 1) + "\"/><sheetData>");
            sheet.write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>主送单位</t></is></c>"
                    + "<c r=\"B1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>");
            for (int r = 2; r <= rows + 1; r++) {
                sheet.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"inlineStr\"><is><t>市公安局</t></is></c>"
                        + "<c r=\"B" + r + "\" t=\"inlineStr\"><is><t>第" + r + "号通知</t></is></c></row>");
            }
            sheet.write("</sheetData>");
        });
    }

    /** An XLSX whose first sheet's data is {@code sheetData} as written: the {@code <row>}s of formulas, error values. */
    static Path sheet(Path file, String sheetData) throws IOException {
        return workbook(file, sheet -> sheet.write("<sheetData>" + sheetData + "</sheetData>"));
    }

    /** An inline-string cell at {@code reference} holding {@code text}. */
    static String text(String reference, String text) {
        return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    private interface SheetBody {
        void write(Writer sheet) throws IOException;
    }

    private static Path workbook(Path file, SheetBody body) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            Writer sheet = new java.io.BufferedWriter(new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
            sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            body.write(sheet);
            sheet.write("</worksheet>");
            sheet.flush();
            zip.closeEntry();
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
