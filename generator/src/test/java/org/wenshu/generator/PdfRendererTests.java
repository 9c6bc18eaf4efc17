package org.wenshu.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.PrintedField;
import org.wenshu.templates.TemplateRenderer;

class PdfRendererTests {

    private static final float MM = 72f / 25.4f;
    /** 3号 at one cell of the 28-character line: 156 mm / 28 = 15.79 pt, less rounding (see layout.ftlh). */
    private static final float BODY_SIZE = 15.78f;

    private final InstrumentCatalog catalog = InstrumentCatalog.standard();
    private final TemplateRenderer templates = new TemplateRenderer();
    private final PdfRenderer renderer = new PdfRenderer(Fixtures.fonts());

    @Test
    void extractedTextEqualsTheFieldValuesIncludingRareCharacters() throws IOException {
        Map<String, Object> values = Fixtures.example("procuratorial-opinion");
        values.put("person", "刘昇");
        values.put("personDetails", "男，1978年6月出生，住荆门市东宝区𠮷祥路8号。其妻张堃、其子刘喆均不知情。");
        values.put("caseName", "拒不支付劳动报酬罪");
        InstrumentXhtml xhtml = templates.render(catalog.require("procuratorial-opinion"), values);

        byte[] pdf = renderer.render(xhtml).content();
        Fixtures.keep("rare-characters", pdf);

        String text = Fixtures.continuousText(pdf);
        for (PrintedField field : xhtml.fields()) {
            for (String line : field.text().split("\n")) {
                assertThat(text).as("field %s", field.field()).contains(line);
            }
        }
        assertThat(text).contains("住荆门市东宝区𠮷祥路8号。其妻张堃、其子刘喆均不知情。").contains("被不起诉人刘昇。");
        assertThat(text).doesNotContain("#");
        assertThat(Fixtures.pdfA2bFailures(pdf)).isEmpty();
    }

    @Test
    void layoutFollowsGbT9704() throws IOException {
        Map<String, Object> values = Fixtures.example("procuratorial-suggestion");
        String paragraph = "行政机关要认真评估日常执法中发现的问题线索对可能涉及损害国家利益社会公共利益且属于检察公益诉讼办案领域的"
                + "应当及时移交检察机关作为公益诉讼案件线索处理检察机关要严格贯彻落实公益诉讼办案规则要求";
        values.put("facts", String.join("\n", Collections.nCopies(12, paragraph)));
        byte[] pdf = renderer.render(templates.render(catalog.require("procuratorial-suggestion"), values)).content();
        Fixtures.keep("layout", pdf);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            PDPage page = document.getPage(1);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(210 * MM, within(0.5f));
            assertThat(page.getMediaBox().getHeight()).isCloseTo(297 * MM, within(0.5f));

            List<List<TextPosition>> lines = bodyLines(document, 2);
            List<TextPosition> all = lines.stream().flatMap(List::stream).toList();
            float left = (float) all.stream().mapToDouble(TextPosition::getXDirAdj).min().orElseThrow();
            float right = (float) all.stream().mapToDouble(p -> p.getXDirAdj() + p.getWidthDirAdj()).max().orElseThrow();
            float firstBaseline = lines.get(0).get(0).getYDirAdj();
            float lastBaseline = lines.get(lines.size() - 1).get(0).getYDirAdj();

            assertThat(left / MM).as("left margin in mm").isCloseTo(28f, within(0.3f));
            assertThat(right / MM).as("right edge of the text block in mm").isCloseTo(28f + 156f, within(0.5f));
            // The first line's box starts at 37 mm; its baseline sits inside the first of the 22 grid lines.
            assertThat(firstBaseline / MM).as("first baseline in mm").isBetween(37f + 4f, 37f + 10.227f);
            assertThat(lines).as("lines on a full page").hasSize(22);
            assertThat((lastBaseline - firstBaseline) / MM).as("21 line pitches").isCloseTo(21 * 10.227f, within(0.5f));
            assertThat(lines.stream().mapToInt(List::size).max().orElseThrow()).as("characters per full line").isEqualTo(28);
            assertThat(all).allSatisfy(p -> assertThat(p.getXScale()).as("body size").isCloseTo(BODY_SIZE, within(0.05f)));
        }
    }

    @Test
    void recordOfCopiesSitsOnTheLastLinesOfTheLastPage() throws IOException {
        byte[] pdf = renderer.render(templates.render(catalog.require("reply-reminder"),
                Fixtures.example("reply-reminder"))).content();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            int last = document.getNumberOfPages();
            List<TextPosition> printed = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    if (text.endsWith("印发")) {
                        printed.addAll(positions);
                    }
                }
            };
            stripper.setStartPage(last);
            stripper.setEndPage(last);
            stripper.getText(document);

            assertThat(printed).isNotEmpty();
            float baseline = printed.get(printed.size() - 1).getYDirAdj() / MM;
            // GB/T 9704 7.4: 版记 is on the last page, its last element on the text block's last line (37 + 225 mm).
            assertThat(baseline).as("baseline of 印发 in mm").isBetween(262f - 10.227f, 262f);
            // The effective size (text matrix x font size): getFontSizeInPt() truncates 13.99 pt to 13.
            assertThat(printed.get(0).getXScale()).as("4号 in pt").isCloseTo(14f, within(0.05f));
        }
    }

    @Test
    void markupAndTemplateSyntaxInValuesArePrintedLiterally() throws IOException {
        Map<String, Object> values = Fixtures.example("procuratorial-suggestion");
        values.put("recipient", "<script>alert(1)</script>");
        values.put("legalBasis", "${7*7}");
        values.put("problems", "<#assign x=1>");

        byte[] pdf = renderer.render(templates.render(catalog.require("procuratorial-suggestion"), values)).content();

        String text = Fixtures.continuousText(pdf);
        assertThat(text).contains("<script>alert(1)</script>：").contains("根据${7*7}的规定").contains("<#assign x=1>");
        assertThat(text).doesNotContain("49");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getNames()).isNull();
            assertThat(document.getDocumentCatalog().getOpenAction()).isNull();
        }
    }

    @Test
    void refusesCharactersNoFontHasNamingTheFieldAndCharacters() {
        Map<String, Object> values = Fixtures.example("procuratorial-suggestion");
        values.put("recipient", "荆门市\uD80C\uDC00司法局");
        values.put("title", "关于\u4DB5\uD80C\uDC00的检察建议");
        assertThat(Fixtures.fonts().covers(0x13000)).as("Egyptian hieroglyph A001 is in no shipped font").isFalse();
        InstrumentXhtml xhtml = templates.render(catalog.require("procuratorial-suggestion"), values);

        UncoveredCharacters failure = catchThrowableOfType(UncoveredCharacters.class, () -> renderer.render(xhtml));

        assertThat(failure.fields()).extracting(UncoveredCharacters.UncoveredField::field).containsExactly("title", "recipient");
        assertThat(failure.fields().get(1).codePoints()).containsExactly(0x13000);
        assertThat(failure.getMessage()).contains("主送机关 (recipient)：“\uD80C\uDC00” U+13000");
    }

    @Test
    void documentInformationNamesTitleIssuerAndNumber() throws IOException {
        InstrumentXhtml xhtml = templates.render(catalog.require("reply-reminder"), Fixtures.example("reply-reminder"));

        byte[] pdf = renderer.render(xhtml).content();

        try (PDDocument document = Loader.loadPDF(pdf)) {
            var info = document.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo("关于督促回复荆检行建〔2024〕3号检察建议书的函");
            assertThat(info.getAuthor()).isEqualTo("荆门市人民检察院");
            assertThat(info.getSubject()).isEqualTo("荆检行督〔2024〕1号");
            assertThat(info.getCustomMetadataValue(PdfRenderer.DOCUMENT_NUMBER_KEY)).isEqualTo("荆检行督〔2024〕1号");
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xmp).contains("关于督促回复荆检行建〔2024〕3号检察建议书的函").contains("<pdfaid:part>2</pdfaid:part>");
            assertThat(document.getDocumentCatalog().getOutputIntents()).singleElement()
                    .satisfies(intent -> assertThat(intent.getOutputConditionIdentifier()).contains("sRGB"));
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void concurrentRendersShareFontsSafely() throws Exception {
        List<InstrumentXhtml> documents = catalog.types().stream()
                .map(type -> templates.render(type, Fixtures.example(type.id()))).toList();
        List<String> expected = new ArrayList<>();
        for (InstrumentXhtml document : documents) {
            expected.add(Fixtures.continuousText(renderer.render(document).content()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (InstrumentXhtml document : documents) {
                    results.add(pool.submit(() -> Fixtures.continuousText(renderer.render(document).content())));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % documents.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPageUsingANonEmbeddedStandardFontIsRefused() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PDResources resources = new PDResources();
            page.setResources(resources);
            resources.add(PDType0Font.load(document, PdfRendererTests.class.getResourceAsStream("/fonts/LXGWWenKai-Regular.ttf")));
            PdfRenderer.requireEmbeddedFonts(document);

            resources.add(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN));
            assertThatThrownBy(() -> PdfRenderer.requireEmbeddedFonts(document))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("non-embedded font Times-Roman");
        }
    }

    /** The text lines of one page (1-based) in the body font, each as its glyph positions. */
    private static List<List<TextPosition>> bodyLines(PDDocument document, int pageNumber) throws IOException {
        Map<Float, List<TextPosition>> lines = new LinkedHashMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition position : positions) {
                    if (Math.abs(position.getXScale() - BODY_SIZE) < 0.5f && !position.getUnicode().isBlank()) {
                        lines.computeIfAbsent(Math.round(position.getYDirAdj() * 10) / 10f, y -> new ArrayList<>()).add(position);
                    }
                }
            }
        };
        stripper.setStartPage(pageNumber);
        stripper.setEndPage(pageNumber);
        stripper.setSortByPosition(true);
        stripper.getText(document);
        return new ArrayList<>(lines.values());
    }
}
