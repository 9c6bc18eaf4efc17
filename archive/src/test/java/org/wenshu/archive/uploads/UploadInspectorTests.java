package org.wenshu.archive.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class UploadInspectorTests {

    private final UploadInspector inspector = new UploadInspector(new UploadLimits(1 << 20, 4 << 20, 100, 10_000_000, 50));

    @Test
    void theTypeComesFromTheContentNotTheName() {
        byte[] html = "<html><body>回复</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> inspector.inspect("回复.docx", html))
                .isInstanceOf(FileRefused.class)
                .hasMessage("文件「回复.docx」被拒收: 文件名为 .docx，但内容是网页（text/html）：伪装的文件，拒收");
    }

    @Test
    void extractedTextIsCutAtTheLimit() throws IOException {
        byte[] ofd = zip("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>",
                "Doc_0/Pages/Page_0/Content.xml", "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:TextObject>"
                        + "<ofd:TextCode>" + "整改".repeat(100) + "</ofd:TextCode></ofd:TextObject></ofd:Page>");

        InspectedFile file = inspector.inspect("回复.ofd", ofd);

        assertThat(file.mediaType()).isEqualTo("application/ofd");
        assertThat(file.text()).hasSize(50).startsWith("整改整改");
    }

    @Test
    void anOfdWithAnExternalEntityIsNotResolved() throws IOException {
        byte[] ofd = zip("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>",
                "Doc_0/Pages/Page_0/Content.xml", "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:TextCode>&x;</ofd:TextCode></ofd:Page>");

        assertThatThrownBy(() -> inspector.inspect("回复.ofd", ofd))
                .isInstanceOf(FileRefused.class)
                .hasMessageContaining("文件已损坏：OFD 无法解析");
    }

    @Test
    void aZipThatIsNeitherDocxNorOfdIsRefused() throws IOException {
        byte[] zip = zip("readme.txt", "hello");

        assertThatThrownBy(() -> inspector.inspect("资料.zip", zip))
                .isInstanceOf(FileRefused.class)
                .hasMessage("文件「资料.zip」被拒收: 不支持的文件类型: ZIP 压缩包（application/zip）；只接受 PDF、DOCX、OFD、JPEG、PNG");
    }

    @Test
    void aPackageThatUnpacksPastTheLimitIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("OFD.xml"));
            zip.write(new byte[5 << 20]);
            zip.closeEntry();
        }

        assertThatThrownBy(() -> inspector.inspect("回复.ofd", out.toByteArray()))
                .isInstanceOf(FileRefused.class)
                .hasMessageContaining("疑似压缩炸弹");
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
