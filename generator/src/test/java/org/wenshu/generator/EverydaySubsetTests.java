package org.wenshu.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenshu.generator.fonts.FontSet;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentXhtml;
import org.wenshu.templates.TemplateRenderer;

/**
 * A document in everyday characters embeds from the fonts' everyday subsets, one with a rarer character from the
 * whole font; either way the page is the same.
 */
class EverydaySubsetTests {

    private static FontSet whole;

    private final InstrumentCatalog catalog = InstrumentCatalog.standard();
    private final TemplateRenderer templates = new TemplateRenderer();

    @BeforeAll
    static void wholeFontsOnly() {
        whole = FontSet.load(FontSet.bundledSources(), false);
    }

    @AfterAll
    static void close() {
        whole.close();
    }

    @Test
    void everydayTextEmbedsFromTheSubsetAndPrintsTheSamePage() throws Exception {
        assertThat(Fixtures.fonts().awaitEverydaySubsets(120_000)).as("subsets derived").isTrue();
        InstrumentXhtml xhtml = templates.render(catalog.require("procuratorial-suggestion"),
                Fixtures.example("procuratorial-suggestion"));

        byte[] fromSubset = new PdfRenderer(Fixtures.fonts()).render(xhtml).content();
        byte[] fromWhole = new PdfRenderer(whole).render(xhtml).content();

        assertThat(highestCids(fromSubset)).allMatch(cid -> cid < 8_000, "CIDs of a 7,500-glyph subset");
        assertThat(highestCids(fromWhole)).anyMatch(cid -> cid >= 8_000);
        assertThat(glyphs(fromSubset)).isEqualTo(glyphs(fromWhole));
        assertThat(Fixtures.pdfA2bFailures(fromSubset)).isEmpty();
    }

    @Test
    void aRareCharacterEmbedsFromTheWholeFont() throws Exception {
        assertThat(Fixtures.fonts().awaitEverydaySubsets(120_000)).isTrue();
        Map<String, Object> values = Fixtures.example("procuratorial-opinion");
        values.put("person", "张堃");
        InstrumentXhtml xhtml = templates.render(catalog.require("procuratorial-opinion"), values);

        byte[] pdf = new PdfRenderer(Fixtures.fonts()).render(xhtml).content();

        assertThat(highestCids(pdf)).anyMatch(cid -> cid >= 8_000);
        assertThat(glyphs(pdf)).isEqualTo(glyphs(new PdfRenderer(whole).render(xhtml).content()));
        assertThat(Fixtures.continuousText(pdf)).contains("张堃");
    }

    /** The highest CID of each embedded font, from its CIDToGIDMap: CIDs are the glyph ids of the source font. */
    private static List<Integer> highestCids(byte[] pdf) throws IOException {
        List<Integer> highest = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                COSStream map = (COSStream) ((PDType0Font) font).getDescendantFont().getCOSObject()
                        .getDictionaryObject(COSName.CID_TO_GID_MAP);
                try (InputStream in = map.createInputStream()) {
                    highest.add(in.readAllBytes().length / 2 - 1);
                }
            }
        }
        return highest;
    }

    /** Every printed character with its page, position, width and size. */
    private static List<String> glyphs(byte[] pdf) throws IOException {
        List<String> glyphs = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        glyphs.add(String.format("%d %s %.2f %.2f %.2f %.1f", getCurrentPageNo(), p.getUnicode(),
                                p.getXDirAdj(), p.getYDirAdj(), p.getWidthDirAdj(), p.getFontSizeInPt()));
                    }
                }
            };
            stripper.getText(document);
        }
        return glyphs;
    }
}
