package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.batch.FileContent;

/**
 * A list or base data file that is not what its name says is refused naming what it is: UTF-16 with or without a
 * byte-order mark, a workbook or another document renamed, GBK base data; never a wrong encoding's advice.
 */
class FileKindsTests {

    private static final String LIST = "主送单位\n市公安局\n";

    private final RecipientLists lists = new RecipientLists(10_000, 50L * 1024 * 1024);

    @TempDir
    Path dir;

    @Test
    void aUtf16ListWithoutBomIsNamedUtf16WhicheverEncodingIsNamed() throws IOException {
        Path little = write("u16le.csv", LIST.getBytes(StandardCharsets.UTF_16LE));
        Path big = write("u16be.csv", LIST.getBytes(StandardCharsets.UTF_16BE));
        Path ascii = write("ascii16.csv", "recipients\nA\n".getBytes(StandardCharsets.UTF_16LE));

        for (Optional<String> encoding : List.of(Optional.<String>empty(), Optional.of("GB18030"), Optional.of("UTF-8"))) {
            assertThatThrownBy(() -> lists.read(little, encoding)).as("%s", encoding).isExactlyInstanceOf(ListRefused.class)
                    .hasMessageContaining("UTF-16（小端，无 BOM）").hasMessageContaining("CSV UTF-8")
                    .hasMessageNotContainingAny("GBK", "GB18030", "encoding=");
            assertThatThrownBy(() -> lists.read(big, encoding)).as("%s", encoding)
                    .hasMessageContaining("UTF-16（大端，无 BOM）").hasMessageNotContainingAny("GBK", "encoding=");
            assertThatThrownBy(() -> lists.read(ascii, encoding)).as("%s", encoding)
                    .hasMessageContaining("UTF-16（小端，无 BOM）");
        }
    }

    @Test
    void aUtf16ListWithBomIsNamedWithItsByteOrder() throws IOException {
        Path file = write("u16.csv", LIST.getBytes(StandardCharsets.UTF_16)); // big-endian with a BOM

        assertThatThrownBy(() -> lists.read(file, Optional.of("GBK"))).hasMessageContaining("UTF-16（大端，带 BOM）")
                .hasMessageNotContaining("encoding=");
    }

    @Test
    void chineseTextWhoseCharactersEndInZeroIsStillToldLittleFromBigEndian() throws IOException {
        // 一 (U+4E00) and 丐 (U+4E10 has no zero byte): a NUL on the "wrong" side in UTF-16LE now and then.
        String text = "主送单位,标题\n市公安局,关于一二三的会议的通知\n市司法局,关于统一部署的通知\n";

        assertThat(FileContent.utf16(text.getBytes(StandardCharsets.UTF_16LE))).contains("UTF-16（小端，无 BOM）");
        assertThat(FileContent.utf16(text.getBytes(StandardCharsets.UTF_16BE))).contains("UTF-16（大端，无 BOM）");
        assertThat(FileContent.utf16(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FileContent.utf16(text.getBytes(Charset.forName("GBK")))).isEmpty();
    }

    @Test
    void aWorkbookRenamedCsvIsNamedAnXlsxToRename() throws IOException {
        Path workbook = Workbooks.ordinary(dir.resolve("名单.xlsx"), List.of(List.of("主送单位"), List.of("市公安局")));
        Path renamed = Files.copy(workbook, dir.resolve("xlsx.csv"));

        for (Optional<String> encoding : List.of(Optional.<String>empty(), Optional.of("GB18030"))) {
            assertThatThrownBy(() -> lists.read(renamed, encoding)).isExactlyInstanceOf(ListRefused.class)
                    .hasMessageContaining("xlsx.csv 实际是 Excel 工作簿（.xlsx）").hasMessageContaining("扩展名改为 .xlsx")
                    .hasMessageNotContainingAny("UTF-8 编码", "GBK", "encoding=");
        }
    }

    @Test
    void oldWorkbooksPdfsWordDocumentsAndArchivesRenamedCsvAreNamed() throws IOException {
        Path xls = dir.resolve("xls.csv");
        try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
            workbook.createSheet("名单").createRow(0).createCell(0).setCellValue("主送单位");
            workbook.write(out);
        }
        Path pdf = write("pdf.csv", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        Path docx = zip("docx.csv", "[Content_Types].xml", "word/document.xml");
        Path archive = zip("zip.csv", "名单/名单.csv");
        Path png = write("png.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D});

        assertThatThrownBy(() -> lists.read(xls, Optional.empty())).hasMessageContaining("实际是 旧版 Excel 工作簿（.xls）")
                .hasMessageContaining("另存为 .xlsx");
        assertThatThrownBy(() -> lists.read(pdf, Optional.of("GB18030"))).hasMessageContaining("实际是 PDF 文件");
        assertThatThrownBy(() -> lists.read(docx, Optional.empty())).hasMessageContaining("实际是 Word 文档（.docx）");
        assertThatThrownBy(() -> lists.read(archive, Optional.empty())).hasMessageContaining("实际是 ZIP 压缩包");
        assertThatThrownBy(() -> lists.read(png, Optional.empty())).hasMessageContaining("实际是 PNG 图片");
        for (Path file : List.of(xls, pdf, docx, archive, png)) {
            assertThatThrownBy(() -> lists.read(file, Optional.empty())).as("%s", file.getFileName())
                    .hasMessageNotContainingAny("UTF-8 编码", "GBK", "encoding=");
        }
    }

    @Test
    void aXlsxThatIsATextOrAnotherDocumentIsNamed() throws IOException {
        Path text = write("text.xlsx", "主送单位,标题\n市公安局,关于会议的通知\n".getBytes(StandardCharsets.UTF_8));
        Path docx = zip("docx.xlsx", "[Content_Types].xml", "word/document.xml");
        Path pdf = write("pdf.xlsx", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> lists.read(text, Optional.empty())).hasMessageContaining("文本文件")
                .hasMessageContaining("扩展名改为 .csv");
        assertThatThrownBy(() -> lists.read(docx, Optional.empty())).hasMessageContaining("实际是 Word 文档（.docx）");
        assertThatThrownBy(() -> lists.read(pdf, Optional.empty())).hasMessageContaining("实际是 PDF 文件");
    }

    @Test
    void baseDataThatIsNotUtf8IsNamedByItsEncodingNotAsASyntaxError() throws IOException {
        String json = "{\"title\": \"关于召开“府检联动”联席会议的通知\", \"place\": \"第一会议室\"}";
        Path gbk = write("gbk.json", json.getBytes(Charset.forName("GBK")));
        Path utf16 = write("utf16.json", json.getBytes(StandardCharsets.UTF_16LE));
        Path utf16Bom = write("utf16bom.json", json.getBytes(StandardCharsets.UTF_16));
        Path utf8Bom = write("bom.json", ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8));

        assertThat(FileContent.notUtf8(gbk, Files.readAllBytes(gbk))).contains("不是 UTF-8 编码，看起来是 GBK/GB18030（中文 Windows 的默认编码）");
        assertThat(FileContent.notUtf8(utf16, Files.readAllBytes(utf16))).contains("是 UTF-16（小端，无 BOM） 编码，不是 UTF-8");
        assertThat(FileContent.notUtf8(utf16Bom, Files.readAllBytes(utf16Bom))).contains("是 UTF-16（大端，带 BOM） 编码，不是 UTF-8");
        assertThat(FileContent.notUtf8(utf8Bom, Files.readAllBytes(utf8Bom))).isEmpty();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path zip(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
