package org.wenshu.archive.uploads;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a classic PDF (one body, a cross-reference table, trailer, startxref) from object bodies given as text, so
 * tests can build structures PDFBox's writer refuses to produce: deep page trees, loops, damaged tables.
 */
final class RawPdf {

    private final List<String> objects = new ArrayList<>();

    /** Adds the body of the next object (number = position, from 1) and returns its number. */
    int add(String body) {
        objects.add(body);
        return objects.size();
    }

    /** Replaces the body of object {@code number}. */
    void set(int number, String body) {
        objects.set(number - 1, body);
    }

    /** A stream object body with the given (uncompressed) data and a correct /Length. */
    static String stream(String dictionaryEntries, String data) {
        return "<< " + dictionaryEntries + " /Length " + data.getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n"
                + data + "\nendstream";
    }

    /** The file with object 1 as /Root. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f\r\n");
        for (long offset : offsets) {
            table.append(String.format("%010d 00000 n\r\n", offset));
        }
        write(out, table.toString());
        write(out, "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    /** A one-page document whose page shows {@code text} in Helvetica; objects 1-4 are catalog, pages, page, content. */
    static RawPdf onePage(String text) {
        RawPdf pdf = new RawPdf();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.add(stream("", "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET"));
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
