package org.wenshu.archive.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.archive.uploads.HostileFiles.Sample;

class UploadInspectorTests {

    private final UploadInspector inspector = new UploadInspector(new UploadLimits(1 << 20, 4 << 20, 100, 10_000_000, 50));
    private final UploadInspector roomy = new UploadInspector(UploadLimits.defaults());

    @Test
    void theTypeComesFromTheContentNotTheName() {
        byte[] html = "<html><body>回复</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> inspector.inspect("回复.docx", html))
                .isInstanceOf(FileRefused.class)
                .hasMessage("文件「回复.docx」被拒收: 文件名为 .docx，但内容是网页（text/html）：伪装的文件，拒收");
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

    @Test
    void extractedTextIsCutAtTheLimit() {
        byte[] docx = HostileFiles.docx(Map.of("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
                + "<w:t>" + "整改".repeat(100) + "</w:t></w:r></w:p></w:body></w:document>"));

        InspectedFile file = inspector.inspect("回复.docx", docx);

        assertThat(file.text()).hasSize(50).startsWith("整改整改");
    }

    @Nested
    class ActivePdfContent {

        static Stream<Arguments> activePdfs() {
            Map<String, String> found = Map.ofEntries(
                    Map.entry("openaction-js.pdf", "JavaScript 脚本"),
                    Map.entry("names-js.pdf", "JavaScript 脚本"),
                    Map.entry("page-aa.pdf", "自动触发的附加动作（AA）"),
                    Map.entry("catalog-aa.pdf", "自动触发的附加动作（AA）"),
                    Map.entry("openaction-launch.pdf", "启动外部程序的动作（Launch）"),
                    Map.entry("link-launch.pdf", "启动外部程序的动作（Launch）"),
                    Map.entry("embedded-file.pdf", "嵌入文件（附件）"),
                    Map.entry("file-attachment-annotation.pdf", "文件附件注释（FileAttachment）"),
                    Map.entry("link-submitform.pdf", "向外部地址提交数据的动作（SubmitForm）"),
                    Map.entry("link-gotor.pdf", "打开其他文件的动作（GoToR）"),
                    Map.entry("link-next-js.pdf", "JavaScript 脚本"),
                    Map.entry("openaction-uri.pdf", "打开文档时自动执行的动作（OpenAction URI）"),
                    Map.entry("xfa-form.pdf", "XFA 动态表单"),
                    Map.entry("raw-js-uncompressed.pdf", "JavaScript 脚本"));
            return HostileFiles.activePdfs().stream().filter(s -> !s.storable())
                    .map(s -> Arguments.of(s.name(), s.content(), found.get(s.name())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("activePdfs")
        void isRefusedNamingWhatWasFound(String name, byte[] pdf, String found) {
            assertThat(found).as("expected finding for %s", name).isNotNull();

            assertThatThrownBy(() -> inspector.inspect(name, pdf))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("PDF 含有活动内容或附带文件：")
                    .hasMessageContaining(found);
        }

        @Test
        void aLinkToAWebPageIsKeptWithItsText() {
            byte[] pdf = HostileFiles.activePdfs().stream().filter(s -> s.name().equals("link-uri-control.pdf"))
                    .findFirst().orElseThrow().content();

            InspectedFile file = roomy.inspect("回复.pdf", pdf);

            assertThat(file.mediaType()).isEqualTo(UploadInspector.PDF);
            assertThat(file.text()).contains("Rectification report");
        }
    }

    @Nested
    class UnreadablePdfs {

        @Test
        void aPageTreeTwentyThousandLevelsDeepIsRefusedWithoutOverflowingTheStack() {
            byte[] pdf = HostileFiles.deepPageTree(20_000);

            assertThatThrownBy(() -> roomy.inspect("深.pdf", pdf))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("PDF 页面树超过 64 层");
        }

        @Test
        void aPageTreeAtTheDepthLimitIsRead() {
            byte[] pdf = HostileFiles.deepPageTree(PdfInspection.MAX_PAGE_TREE_DEPTH - 1);

            assertThat(roomy.inspect("深.pdf", pdf).mediaType()).isEqualTo(UploadInspector.PDF);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wenshu.archive.uploads.UploadInspectorTests#unreadable")
        void isRefusedWithAMessage(String name, byte[] pdf, String reason) {
            assertThatThrownBy(() -> roomy.inspect(name, pdf))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining(reason);
        }
    }

    static Stream<Arguments> unreadable() {
        Map<String, String> reasons = Map.of(
                "deep-array.pdf", "PDF 无法完整解析",
                "deep-dictionary.pdf", "PDF 无法完整解析",
                "deep-page-tree.pdf", "页面树超过 64 层",
                "page-tree-cycle.pdf", "页面树存在循环或重复引用",
                "page-tree-self-kid.pdf", "页面树存在循环或重复引用",
                "no-pages.pdf", "PDF 没有页面",
                "deep-content-array.pdf", "无法完整解析：嵌套超过 100 层");
        return HostileFiles.unreadablePdfs().stream().map(s -> Arguments.of(s.name(), s.content(), reasons.get(s.name())));
    }

    @Nested
    class Docx {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wenshu.archive.uploads.UploadInspectorTests#hostileDocx")
        void isRefusedNamingTheProblem(String name, byte[] docx, String reason) {
            assertThatThrownBy(() -> roomy.inspect(name, docx))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining(reason);
        }

        @Test
        void aHyperlinkIsNotAnExternalLoad() {
            byte[] docx = sample(HostileFiles.docx(), "hyperlink-control.docx");

            InspectedFile file = roomy.inspect("回复.docx", docx);

            assertThat(file.mediaType()).isEqualTo(UploadInspector.DOCX);
            assertThat(file.text()).contains("整改情况报告");
        }
    }

    static Stream<Arguments> hostileDocx() {
        Map<String, String> reasons = Map.of(
                "attached-template.docx", "attachedTemplate → http://example.invalid/t.dotm",
                "remote-image.docx", "image → \\\\203.0.113.9\\share\\a.png",
                "remote-frame.docx", "frame → http://example.invalid/f.html",
                "ole-object.docx", "DOCX 含有嵌入对象、控件或宏（word/embeddings/oleObject1.bin）",
                "doctype.docx", "「word/document.xml」含有文档类型定义（DOCTYPE）");
        return HostileFiles.docx().stream().filter(s -> !s.storable())
                .map(s -> Arguments.of(s.name(), s.content(), reasons.get(s.name())));
    }

    @Nested
    class Ofd {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.wenshu.archive.uploads.UploadInspectorTests#hostileOfd")
        void isRefusedNamingTheProblem(String name, byte[] ofd, String reason) {
            assertThatThrownBy(() -> roomy.inspect(name, ofd))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining(reason);
        }

        @Test
        void theTextOfEveryPageIsExtracted() {
            byte[] ofd = sample(HostileFiles.ofd(), "plain-control.ofd");

            InspectedFile file = roomy.inspect("回复.ofd", ofd);

            assertThat(file.mediaType()).isEqualTo(UploadInspector.OFD);
            assertThat(file.text()).isEqualTo("整改情况报告\n");
        }

        @Test
        void locationsThatLeaveThePackageAreRefused() {
            assertThat(OfdInspection.resolve("a.ofd", "Doc_0/", "Pages/../Pages/Page_0/Content.xml", "BaseLoc"))
                    .isEqualTo("Doc_0/Pages/Page_0/Content.xml");
            assertThat(OfdInspection.resolve("a.ofd", "Doc_0/", "/Doc_0/Res/a.xml", "BaseLoc")).isEqualTo("Doc_0/Res/a.xml");
            assertThatThrownBy(() -> OfdInspection.resolve("a.ofd", "Doc_0/", "../../etc/passwd", "BaseLoc"))
                    .hasMessageContaining("指向包外");
        }
    }

    static Stream<Arguments> hostileOfd() {
        Map<String, String> reasons = Map.ofEntries(
                Map.entry("dotdot-entry.ofd", "压缩包条目「../../evil.xml」含 ../ 路径"),
                Map.entry("absolute-entry.ofd", "压缩包条目「/etc/cron.d/evil」是绝对路径"),
                Map.entry("backslash-entry.ofd", "含反斜杠"),
                Map.entry("drive-entry.ofd", "压缩包条目「C:/Windows/evil.xml」是绝对路径"),
                Map.entry("symlink-entry.ofd", "压缩包条目「Doc_0/Res/link」是符号链接"),
                Map.entry("duplicate-entry.ofd", "压缩包中有重名条目「Doc_0/Document.xml」"),
                Map.entry("xxe-ofd-xml.ofd", "OFD 中的「OFD.xml」含有文档类型定义（DOCTYPE）"),
                Map.entry("dtd-in-document.ofd", "OFD 中的「Doc_0/Document.xml」含有文档类型定义（DOCTYPE）"),
                Map.entry("no-docroot.ofd", "OFD.xml 中没有 DocBody/DocRoot"),
                Map.entry("docroot-missing.ofd", "OFD 的 DocRoot 指向不存在的「Doc_9/Document.xml」"),
                Map.entry("page-missing.ofd", "OFD 页面「Pages/Page_0/Content.xml」不存在"),
                Map.entry("not-xml.ofd", "「OFD.xml」不是有效的 XML"));
        return HostileFiles.ofd().stream().filter(s -> !s.storable())
                .map(s -> Arguments.of(s.name(), s.content(), reasons.get(s.name())));
    }

    @Nested
    class Images {

        @Test
        void aTruncatedJpegIsRefused() {
            byte[] jpeg = HostileFiles.image("jpg");

            assertThatThrownBy(() -> roomy.inspect("扫描件.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3)))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("JPEG 图像不完整（缺少结束标记 EOI）");
        }

        @Test
        void aJpegWithMissingScanDataIsRefusedEvenWithItsEndMarker() {
            byte[] jpeg = HostileFiles.image("jpg");
            byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2 + 2);
            cut[cut.length - 2] = (byte) 0xFF;
            cut[cut.length - 1] = (byte) 0xD9;

            assertThatThrownBy(() -> roomy.inspect("扫描件.jpg", cut))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("文件已损坏：图像");
        }

        @Test
        void aPngWhoseTextChunkInflatesToABombIsRefused() {
            byte[] png = sample(HostileFiles.images(), "ztxt-bomb.png");

            assertThatThrownBy(() -> roomy.inspect("扫描件.png", png))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("PNG 元数据（zTXt 压缩文本块）解压后超过 1 MiB：疑似压缩炸弹");
        }

        @Test
        void aPngWithACompressedInternationalTextBombIsRefused() {
            byte[] png = sample(HostileFiles.images(), "itxt-bomb.png");

            assertThatThrownBy(() -> roomy.inspect("扫描件.png", png))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("PNG 元数据（iTXt 压缩文本块）");
        }

        @Test
        void aPngWithSmallCompressedMetadataIsKept() {
            byte[] png = HostileFiles.withChunk(HostileFiles.image("png"), "zTXt", smallZtxt());

            assertThat(roomy.inspect("扫描件.png", png).mediaType()).isEqualTo(UploadInspector.PNG);
        }

        @Test
        void aPngWithAWrongChecksumIsRefused() {
            assertThatThrownBy(() -> roomy.inspect("扫描件.png", sample(HostileFiles.images(), "bad-crc.png")))
                    .isInstanceOf(FileRefused.class)
                    .hasMessageContaining("文件已损坏：PNG 数据块");
        }

        private static byte[] smallZtxt() {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
            data.write(0);
            data.write(0);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(compressed)) {
                out.write("扫描于市教育局".repeat(100).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            data.writeBytes(compressed.toByteArray());
            return data.toByteArray();
        }
    }

    @Nested
    class BlankNames {

        @Test
        void aNameWithoutAVisibleStemGetsAGeneratedOne() {
            byte[] pdf = RawPdf.onePage("Reply").bytes();

            assertThat(roomy.inspect(".pdf", pdf, 2).originalName()).isEqualTo("附件2.pdf");
            assertThat(roomy.inspect("\u200B\u2060.pdf", pdf, 1).originalName()).isEqualTo("附件1.pdf");
            assertThat(roomy.inspect("   ", pdf, 3).originalName()).isEqualTo("附件3.pdf");
            assertThat(roomy.inspect("回复.pdf", pdf, 3).originalName()).isEqualTo("回复.pdf");
        }

        @Test
        void aRefusalNamesTheGeneratedName() {
            assertThatThrownBy(() -> roomy.inspect("\u3000.pdf", new byte[0], 4))
                    .hasMessage("文件「附件4.pdf」被拒收: 文件为空（0 字节）");
        }
    }

    private static byte[] sample(java.util.List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().content();
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
