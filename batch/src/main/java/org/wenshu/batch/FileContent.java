package org.wenshu.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * What a file a user gave as text (a CSV list, JSON data) really holds, told from its bytes rather than its name, so
 * that a refusal names the cause: a workbook, a PDF or an archive renamed {@code .csv}, a text saved as UTF-16 (with
 * or without a byte-order mark), or GBK where UTF-8 is required. Never guesses a decoding: it only names.
 */
public final class FileContent {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private FileContent() {
    }

    /** A document format that is not text, as a user knows it. */
    public enum Document {
        XLSX("Excel 工作簿（.xlsx）"),
        XLS("旧版 Excel 工作簿（.xls）"),
        DOCX("Word 文档（.docx）"),
        DOC("旧版 Word 文档（.doc）"),
        PPTX("PowerPoint 演示文稿（.pptx）"),
        PPT("旧版 PowerPoint 演示文稿（.ppt）"),
        ENCRYPTED_OFFICE("受密码保护（已加密）的 Office 文档"),
        OLE2("旧版 Office 文档（OLE2 格式）"),
        OPEN_DOCUMENT("OpenDocument 文档（.ods/.odt，WPS 或 LibreOffice 格式）"),
        PDF("PDF 文件"),
        ZIP("ZIP 压缩包"),
        RAR("RAR 压缩包"),
        SEVEN_ZIP("7z 压缩包"),
        GZIP("gzip 压缩文件"),
        PNG("PNG 图片"),
        JPEG("JPEG 图片"),
        GIF("GIF 图片"),
        BINARY("二进制文件（含空字节），不是文本");

        private final String label;

        Document(String label) {
            this.label = label;
        }

        /** The format's Chinese name, e.g. {@code Excel 工作簿（.xlsx）}. */
        public String label() {
            return label;
        }
    }

    /**
     * The document format {@code bytes} (the whole content of {@code file}) start like, by their magic bytes; for an
     * OLE2 or zip container, what its entries say it is (a workbook, a Word document, …). Empty for anything that
     * may be text, including UTF-16 text (see {@link #utf16}).
     */
    public static Optional<Document> document(Path file, byte[] bytes) {
        if (starts(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(ole2(file));
        }
        if (starts(bytes, 'P', 'K', 3, 4) || starts(bytes, 'P', 'K', 5, 6)) {
            return Optional.of(zip(file));
        }
        if (starts(bytes, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(Document.PDF);
        }
        if (starts(bytes, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return Optional.of(Document.RAR);
        }
        if (starts(bytes, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return Optional.of(Document.SEVEN_ZIP);
        }
        if (starts(bytes, 0x1F, 0x8B)) {
            return Optional.of(Document.GZIP);
        }
        if (starts(bytes, 0x89, 'P', 'N', 'G')) {
            return Optional.of(Document.PNG);
        }
        if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(Document.JPEG);
        }
        if (starts(bytes, 'G', 'I', 'F', '8')) {
            return Optional.of(Document.GIF);
        }
        if (utf16(bytes).isEmpty() && utf32(bytes).isEmpty() && indexOf(bytes, (byte) 0) >= 0) {
            // No text file has NUL bytes but UTF-16 and UTF-32 ones.
            return Optional.of(Document.BINARY);
        }
        return Optional.empty();
    }

    /**
     * The UTF-16 (or UTF-32) encoding {@code bytes} are written in, e.g. {@code UTF-16（小端，无 BOM）}: by the byte-order
     * mark, or without one by where the NUL bytes fall (the high byte of every ASCII character: commas, line ends) when
     * the bytes then decode strictly. Empty for anything else.
     */
    public static Optional<String> utf16(byte[] bytes) {
        Optional<String> wide = utf32(bytes);
        if (wide.isPresent()) {
            return wide;
        }
        if (starts(bytes, 0xFF, 0xFE)) {
            return Optional.of("UTF-16（小端，带 BOM）");
        }
        if (starts(bytes, 0xFE, 0xFF)) {
            return Optional.of("UTF-16（大端，带 BOM）");
        }
        if (bytes.length < 2 || bytes.length % 2 != 0) {
            return Optional.empty();
        }
        int even = 0;
        int odd = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        // A CJK character whose low byte is 00 (U+4E00 一) puts a NUL on the other side now and then: the majority
        // decides, and the decoding confirms it is text (no unpaired surrogate, no control character but tab and line
        // ends), which other binary data practically never is.
        if (odd > even && text(bytes, StandardCharsets.UTF_16LE)) {
            return Optional.of("UTF-16（小端，无 BOM）");
        }
        if (even > odd && text(bytes, StandardCharsets.UTF_16BE)) {
            return Optional.of("UTF-16（大端，无 BOM）");
        }
        return Optional.empty();
    }

    /**
     * Why {@code bytes} are not UTF-8 text, in words for a message after the file's name, e.g.
     * {@code 不是 UTF-8 编码，看起来是 GBK/GB18030}; empty when they are valid UTF-8 (a BOM included) without NUL bytes.
     * Documents and UTF-16 are named as {@link #document} and {@link #utf16} name them.
     */
    public static Optional<String> notUtf8(Path file, byte[] bytes) {
        Optional<Document> document = document(file, bytes);
        if (document.isPresent()) {
            return Optional.of("实际是 " + document.get().label() + "，不是文本文件");
        }
        Optional<String> utf16 = utf16(bytes);
        if (utf16.isPresent()) {
            return Optional.of("是 " + utf16.get() + " 编码，不是 UTF-8");
        }
        byte[] body = starts(bytes, 0xEF, 0xBB, 0xBF) ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
        if (decodes(body, StandardCharsets.UTF_8)) {
            return Optional.empty();
        }
        return Optional.of("不是 UTF-8 编码" + (decodes(body, GB18030) ? "，看起来是 GBK/GB18030（中文 Windows 的默认编码）" : ""));
    }

    private static Optional<String> utf32(byte[] bytes) {
        if (starts(bytes, 0xFF, 0xFE, 0, 0)) {
            return Optional.of("UTF-32（小端，带 BOM）");
        }
        if (starts(bytes, 0, 0, 0xFE, 0xFF)) {
            return Optional.of("UTF-32（大端，带 BOM）");
        }
        return Optional.empty();
    }

    private static Document ole2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                return Document.ENCRYPTED_OFFICE;
            }
            if (root.hasEntry("Workbook") || root.hasEntry("WORKBOOK") || root.hasEntry("Book")) {
                return Document.XLS;
            }
            if (root.hasEntry("WordDocument")) {
                return Document.DOC;
            }
            if (root.hasEntry("PowerPoint Document")) {
                return Document.PPT;
            }
        } catch (IOException | RuntimeException e) {
            // A damaged container: its signature still says it is an Office file of the old kind.
        }
        return Document.OLE2;
    }

    /** By the central directory's names only: nothing is inflated, so a zip bomb costs nothing here. */
    private static Document zip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
            if (names.stream().anyMatch(name -> name.startsWith("xl/"))) {
                return Document.XLSX;
            }
            if (names.stream().anyMatch(name -> name.startsWith("word/"))) {
                return Document.DOCX;
            }
            if (names.stream().anyMatch(name -> name.startsWith("ppt/"))) {
                return Document.PPTX;
            }
            if (names.contains("mimetype") && names.contains("content.xml")) {
                return Document.OPEN_DOCUMENT;
            }
        } catch (IOException | RuntimeException e) {
            // Not readable as a zip although it starts like one: still an archive to the user, not a text.
        }
        return Document.ZIP;
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\u0000') < 0;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean text(byte[] bytes, Charset charset) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != (byte) prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
