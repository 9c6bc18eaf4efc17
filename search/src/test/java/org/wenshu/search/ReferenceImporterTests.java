package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ImportedFile;
import org.wenshu.search.imports.ReferenceImporter;

class ReferenceImporterTests {

    @TempDir
    Path home;

    Path folder;
    LuceneRecordIndex index;
    List<ImportedFile> stored = new ArrayList<>();
    ReferenceImporter importer;

    @BeforeEach
    void open() throws IOException {
        folder = Files.createDirectories(home.resolve("refs"));
        index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty());
        importer = new ReferenceImporter(index, file -> {
            synchronized (stored) {
                stored.add(file);
            }
        });
    }

    @AfterEach
    void close() {
        index.close();
    }

    void write(String relative, String text) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    Hit only(String query) {
        SearchResults results = index.search(SearchRequest.of(query, Viewer.agency("任一单位"), 10));
        assertThat(results.hits()).hasSize(1);
        return results.hits().get(0);
    }

    @Test
    void importsMarkdownWithTitleFromTheFirstHeadingAndSourceRelativeToTheFolder() throws IOException {
        write("行政法/行政诉讼法(2017-06-27).md", "---\nweight: 1\n---\n# 中华人民共和国行政诉讼法\n\n<!-- INFO END -->\n"
                + "第一条 为保证人民法院公正、及时审理行政案件，制定本法。\n");

        ImportReport report = importer.importFolder(folder);

        assertThat(report.added()).isEqualTo(1);
        Hit hit = only("公正审理行政案件");
        assertThat(hit.title()).isEqualTo("中华人民共和国行政诉讼法");
        assertThat(hit.source()).isEqualTo("行政法/行政诉讼法(2017-06-27).md");
        assertThat(hit.kind()).isEqualTo(RecordKind.REFERENCE);
        assertThat(hit.type()).isEqualTo("行政法");
        assertThat(hit.date()).hasValueSatisfying(d -> assertThat(d.toString()).isEqualTo("2017-06-27"));
        assertThat(hit.snippet().text()).doesNotContain("INFO END", "weight");
        assertThat(stored).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("ref-" + f.sha256()).isEqualTo(hit.id());
            assertThat(f.mediaType()).isEqualTo("text/markdown");
        });
    }

    @Test
    void aBookOfACodeInItsOwnFileIsTitledByTheCodeAndTheBook() throws IOException {
        write("民法典/继承编.md", "# 中华人民共和国民法典\n\n# 继承编\n\n## 第一章 一般规定\n\n第一千一百一十九条 本编调整因继承产生的民事关系。\n");
        write("民法典/总则.md", "# 中华人民共和国民法典\n\n# 总则\n\n第一条 为了保护民事主体的合法权益，制定本法。\n");
        write("行政法/食品安全法.md", "# 中华人民共和国食品安全法\n\n## 第一章 总则\n\n第一条 为了保证食品安全，制定本法。\n");

        importer.importFolder(folder);

        assertThat(only("\"因继承产生\"").title()).isEqualTo("中华人民共和国民法典 继承编");
        assertThat(only("\"保护民事主体\"").title()).isEqualTo("中华人民共和国民法典 总则");
        // A numbered division opens the text of a code kept whole in one file.
        write("民法典/全文.md", "# 中华人民共和国民法典\n\n# 第一编 总则\n\n第一条 为了保护民事主体的合法权益，调整民事关系。\n");
        importer.importFolder(folder);
        assertThat(only("\"调整民事关系\"").title()).isEqualTo("中华人民共和国民法典");
        // A heading of another level is a chapter, not part of the title.
        assertThat(only("\"保证食品安全\"").title()).isEqualTo("中华人民共和国食品安全法");
    }

    @Test
    void reimportingTheSameFilesIsANoOpAndAChangedFileReplacesItsOldVersion() throws IOException {
        write("a.md", "# 甲\n\n野生动物保护的规定。");
        write("b.txt", "文物保护的规定。");
        importer.importFolder(folder);

        ImportReport again = importer.importFolder(folder);

        assertThat(again.added()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(stored).hasSize(2);

        write("a.md", "# 甲\n\n湿地保护的规定。");
        ImportReport changed = importer.importFolder(folder);

        assertThat(changed.replaced()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(1);
        assertThat(index.search(SearchRequest.of("\"野生动物\"", Viewer.researcher(), 10)).total()).isZero();
        assertThat(only("\"湿地保护\"").source()).isEqualTo("a.md");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void readsTextSavedAsGb18030AndNamesItAfterTheFile() throws IOException {
        Files.write(folder.resolve("旧通知.txt"), "关于加强秸秆禁烧工作的通知".getBytes(Charset.forName("GB18030")));

        importer.importFolder(folder);

        Hit hit = only("秸秆禁烧");
        assertThat(hit.title()).isEqualTo("旧通知");
        assertThat(hit.type()).isEqualTo(ReferenceImporter.DEFAULT_CATEGORY);
    }

    @Test
    void extractsDocxTextAndTakesTheFirstHeadingAsTitle() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(); var out = Files.newOutputStream(folder.resolve("建议.docx"))) {
            XWPFParagraph heading = docx.createParagraph();
            heading.setStyle("Heading1");
            heading.createRun().setText("关于规范校外培训机构的检察建议");
            docx.createParagraph().createRun().setText("部分校外培训机构存在消防隐患，建议开展联合检查。");
            docx.write(out);
        }

        ImportReport report = importer.importFolder(folder);

        assertThat(report.failed()).isEmpty();
        Hit hit = only("消防隐患");
        assertThat(hit.snippet().text()).contains("校外培训机构存在消防隐患");
        assertThat(hit.title()).isIn("关于规范校外培训机构的检察建议", "建议");
    }

    /** A one-page PDF showing {@code line} in an embedded CJK font. */
    private static byte[] pdfSaying(String line) throws IOException {
        Path font = Path.of("../generator/src/main/resources/fonts/LXGWWenKai-Regular.ttf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            PDType0Font cjk = PDType0Font.load(pdf, font.toFile());
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(cjk, 14);
                content.newLineAtOffset(72, 700);
                content.showText(line);
                content.endText();
            }
            pdf.save(bytes);
        }
        return bytes.toByteArray();
    }

    @Test
    void extractsPdfTextWithChineseCharacters() throws IOException {
        Files.write(folder.resolve("水源地.pdf"), pdfSaying("饮用水水源地保护区内违法建设问题"));

        importer.importFolder(folder);

        Hit hit = only("\"饮用水水源地\"");
        assertThat(hit.title()).isEqualTo("水源地");
        assertThat(hit.snippet().matchedTexts()).contains("饮用水水源地");
    }

    @Test
    void findsAPhraseThatWrapsAPrintedLineOfAnImportedPdf() throws IOException {
        // Official documents print 16 pt type on 28-29 pt lines; PDFBox takes each such line for a paragraph.
        String[] lines = {"关于消防安全的检察建议", "", "　　经查，该仓储企业存在安全出口锁闭、疏散通道堵",
                "塞等问题，严重威胁群众生命财产安全。请你单位依法", "整改。", "　　第二段另起一行，与前段无关。"};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            PDType0Font cjk = PDType0Font.load(pdf,
                    Path.of("../generator/src/main/resources/fonts/LXGWWenKai-Regular.ttf").toFile());
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                float y = 720;
                for (String line : lines) {
                    if (!line.isEmpty()) {
                        content.beginText();
                        content.setFont(cjk, 14);
                        content.newLineAtOffset(60, y);
                        content.showText(line);
                        content.endText();
                    }
                    y -= 28;
                }
            }
            pdf.save(bytes);
        }
        Files.write(folder.resolve("消防.pdf"), bytes.toByteArray());

        importer.importFolder(folder);

        assertThat(only("\"通道堵塞\"").snippet().matchedTexts()).contains("通道堵塞");
        assertThat(only("\"依法整改\"").snippet().matchedTexts()).contains("依法整改");
        assertThat(index.search(SearchRequest.of("\"整改第二段\"", Viewer.researcher(), 10)).hits())
                .as("a new, indented paragraph is not joined to the one before")
                .isEmpty();
    }

    @Test
    void reportsUnsupportedEmptyAndBrokenFilesWithoutStoppingTheImport() throws IOException {
        write("ok.md", "# 好\n\n森林防火的规定。");
        write("图片.png", "not an image");
        write("_index.md", "---\nbookCollapseSection: true\n---\n");
        Files.write(folder.resolve("坏.pdf"), "%PDF-1.7 broken".getBytes(StandardCharsets.US_ASCII));

        ImportReport report = importer.importFolder(folder);

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.skipped()).extracting(ImportReport.Problem::source).containsExactly("_index.md", "图片.png");
        assertThat(report.skipped().get(0).reason()).isEqualTo(ReferenceImporter.NO_TEXT);
        assertThat(report.skipped().get(1).reason()).isEqualTo(ReferenceImporter.UNSUPPORTED);
        assertThat(report.failed()).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo("坏.pdf"));
        assertThat(report.failed().get(0).reason()).isEqualTo(ReferenceImporter.UNPARSABLE);
        // Every reason the report can give is Chinese only: no library text, no English.
        assertThat(java.util.stream.Stream.concat(report.skipped().stream(), report.failed().stream()))
                .allSatisfy(p -> assertThat(p.reason().replaceAll("\\.(md|txt|pdf|docx)", "")).doesNotContainPattern("[A-Za-z]{3,}"));
        assertThat(List.of(ReferenceImporter.UNSUPPORTED, ReferenceImporter.TOO_LARGE, ReferenceImporter.NO_TEXT,
                ReferenceImporter.FOLDER_LINK, ReferenceImporter.BROKEN_LINK, ReferenceImporter.NOT_A_FILE,
                ReferenceImporter.UNREADABLE, ReferenceImporter.UNPARSABLE))
                .allSatisfy(reason -> assertThat(reason.replaceAll("\\.(md|txt|pdf|docx)", "")).doesNotContainPattern("[A-Za-z]{3,}"));
        assertThat(only("森林防火").source()).isEqualTo("ok.md");
    }

    @Test
    void reportsLinksToFoldersAndBrokenLinksAsSkippedAndCountsProgressOverEveryEntry() throws IOException {
        write("ok.md", "# 好\n\n森林防火的规定。");
        Path outside = Files.createDirectories(folder.getParent().resolve("outside-" + System.nanoTime()));
        Files.writeString(outside.resolve("外面.md"), "# 外面\n\n不该导入的文本。");
        Files.createSymbolicLink(folder.resolve("link-dir"), outside);
        Files.createSymbolicLink(folder.resolve("broken.md"), folder.resolve("nothing-here.md"));
        List<long[]> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        ImportReport report = importer.importFolder(folder, (done, total) -> calls.add(new long[] {done, total}));

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.skipped()).extracting(ImportReport.Problem::source, ImportReport.Problem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("broken.md", ReferenceImporter.BROKEN_LINK),
                        org.assertj.core.groups.Tuple.tuple("link-dir", ReferenceImporter.FOLDER_LINK));
        assertThat(index.search(SearchRequest.of("\"不该导入\"", Viewer.researcher(), 10)).total()).isZero();
        // The total is known before the first file is read, and the count ends at it.
        assertThat(calls).isNotEmpty().allSatisfy(call -> assertThat(call[1]).isEqualTo(3));
        assertThat(calls.get(0)[0]).isLessThan(3);
        assertThat(calls).anySatisfy(call -> assertThat(call[0]).isEqualTo(3));
    }

    @Test
    void aTopFolderIsTheTypeOnlyWhenItNamesACategory() throws IOException {
        write("司法解释/公司法解释三.md", "# 公司法解释三\n\n股东出资的规定。");
        write("a/说明.md", "# 说明\n\n仓库说明文字。");
        write("docs/指南.md", "# 指南\n\n使用指南文字。");

        importer.importFolder(folder);

        assertThat(only("\"股东出资\"").type()).isEqualTo("司法解释");
        assertThat(only("\"仓库说明\"").type()).isEqualTo(ReferenceImporter.DEFAULT_CATEGORY);
        assertThat(only("\"使用指南\"").type()).isEqualTo(ReferenceImporter.DEFAULT_CATEGORY);
        assertThat(only("\"使用指南\"").source()).isEqualTo("docs/指南.md");
    }

    /** Bytes that are no text in either encoding a Chinese text file is saved in are skipped, not indexed as mojibake. */
    @Test
    void skipsBinaryFilesNamedAsText() throws IOException {
        write("ok.md", "# 好\n\n森林防火的规定。");
        byte[] random = new byte[2000];
        new java.util.Random(7).nextBytes(random);
        Files.write(folder.resolve("乱码.md"), random);
        Files.write(folder.resolve("带空字节.txt"), "第一条\u0000\u0000规定".getBytes(StandardCharsets.UTF_8));
        Files.write(folder.resolve("国标.txt"), "第一条 森林防火实行预防为主的方针。".getBytes(java.nio.charset.Charset.forName("GB18030")));

        ImportReport report = importer.importFolder(folder);

        assertThat(report.added()).isEqualTo(2);
        assertThat(report.skipped()).extracting(ImportReport.Problem::source).containsExactlyInAnyOrder("乱码.md", "带空字节.txt");
        assertThat(report.skipped()).allSatisfy(p -> assertThat(p.reason()).startsWith("不是文本"));
    }

    /**
     * A file is read by what it holds, not only by its name: UTF-16 text with its byte-order mark (Windows Notepad's
     * 「Unicode」) is imported exactly; random bytes named .pdf, text named .docx and an old .doc renamed .docx are
     * each told that content and extension disagree, not called a scan without text or imported.
     */
    @Test
    void readsUtf16TextAndTellsAFileWhoseContentIsNotWhatItsExtensionSays() throws IOException {
        String article = "第一条 森林防火工作实行预防为主、积极消灭的方针。";
        byte[] le = article.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        Files.write(folder.resolve("记事本.txt"), withBom);
        // UTF_16 writes big-endian with its byte-order mark.
        Files.write(folder.resolve("大端.md"), "# 草原防火条例\n\n第二条 草原防火实行预防为主的方针。".getBytes(StandardCharsets.UTF_16));
        byte[] random = new byte[3000];
        new java.util.Random(11).nextBytes(random);
        random[0] = 'x';
        Files.write(folder.resolve("随机.pdf"), random);
        Files.write(folder.resolve("文本.docx"), "第一条 这是纯文本，只是改了扩展名。".getBytes(StandardCharsets.UTF_8));
        byte[] doc = random.clone();
        System.arraycopy(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0, doc, 0, 8);
        Files.write(folder.resolve("旧版.docx"), doc);
        Files.write(folder.resolve("无标记.txt"), "Article 1 forest fire prevention".getBytes(StandardCharsets.UTF_16LE));
        // A PDF with bytes before its header (readers accept it within the first 1,024 bytes) is still a PDF.
        ByteArrayOutputStream offset = new ByteArrayOutputStream();
        offset.write("\r\n\r\n    ".getBytes(StandardCharsets.US_ASCII));
        offset.write(pdfSaying("湿地保护修复工作"));
        Files.write(folder.resolve("前有空行.pdf"), offset.toByteArray());

        ImportReport report = importer.importFolder(folder);

        assertThat(report.added()).isEqualTo(3);
        assertThat(only("湿地保护").source()).isEqualTo("前有空行.pdf");
        assertThat(only("积极消灭").source()).isEqualTo("记事本.txt");
        assertThat(only("积极消灭").title()).isEqualTo("记事本");
        assertThat(only("草原").title()).isEqualTo("草原防火条例");
        assertThat(report.failed()).isEmpty();
        java.util.Map<String, String> reasons = report.skipped().stream()
                .collect(java.util.stream.Collectors.toMap(ImportReport.Problem::source, ImportReport.Problem::reason));
        assertThat(reasons).containsOnlyKeys("随机.pdf", "文本.docx", "旧版.docx", "无标记.txt");
        assertThat(reasons.get("随机.pdf")).startsWith("不是 PDF").contains("扩展名与内容不符").doesNotContain("扫描件");
        assertThat(reasons.get("文本.docx")).startsWith("不是 DOCX").contains("纯文本");
        assertThat(reasons.get("旧版.docx")).startsWith("不是 DOCX").contains("旧版 Word");
        assertThat(reasons.get("无标记.txt")).contains("UTF-16", "另存为 UTF-8");
    }
}
