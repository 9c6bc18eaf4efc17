package org.wenshu.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small PDFs for tests that need a real, unsigned file (an uploaded reply, a document to verify). */
public final class TestPdfs {

    private TestPdfs() {
    }

    /**
     * A one-page US Letter PDF, made with PDFBox, showing {@code asciiText} in 12 pt Helvetica 72 pt from the left and
     * 700 pt from the bottom; no signature, no embedded font (so the text must be WinAnsi: ASCII is safe).
     */
    public static byte[] onePage(String asciiText) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(asciiText);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
