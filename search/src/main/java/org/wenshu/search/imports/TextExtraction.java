package org.wenshu.search.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Text and title of a Markdown, plain-text, PDF or DOCX file (文本提取). Markdown and text are decoded as UTF-8, or
 * UTF-16 after its byte-order mark, falling back to GB18030 (files saved by Chinese Windows editors); PDF and DOCX go
 * through Apache Tika.
 */
public final class TextExtraction {

    /** Largest file accepted, in bytes. */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\R.*?\\R---\\R?", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^#{1,6}[ \\t]+(.+?)[ \\t#]*$", Pattern.MULTILINE);
    /** A heading that opens a numbered division of the text (第一编, 第二章, 第三节…) or its table of contents. */
    private static final Pattern DIVISION = Pattern.compile("第[一二三四五六七八九十百零〇0-9]+[编章节条部分]|目\\s*录");
    private static final Pattern FRONT_TITLE = Pattern.compile("^title:[ \\t]*[\"']?(.+?)[\"']?[ \\t]*$",
            Pattern.MULTILINE);

    private final Parser tika = new AutoDetectParser();

    /** A file's text and title. */
    public record Extracted(String title, String text) {
    }

    /** The media type for a file name, if it is a supported kind. */
    public static Optional<String> mediaType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return Optional.of("text/markdown");
        }
        if (lower.endsWith(".txt")) {
            return Optional.of("text/plain");
        }
        if (lower.endsWith(".pdf")) {
            return Optional.of("application/pdf");
        }
        if (lower.endsWith(".docx")) {
            return Optional.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        return Optional.empty();
    }

    /** Extracts {@code bytes} of {@code mediaType}; {@code fileName} is the fallback title. */
    public Extracted extract(byte[] bytes, String mediaType, String fileName) throws IOException {
        String fallback = stripExtension(fileName);
        if (mediaType.equals("text/markdown")) {
            String raw = decode(bytes);
            Matcher front = FRONT_MATTER.matcher(raw);
            String frontTitle = null;
            if (front.find()) {
                Matcher t = FRONT_TITLE.matcher(front.group());
                frontTitle = t.find() ? t.group(1).strip() : null;
                raw = raw.substring(front.end());
            }
            String text = COMMENT.matcher(raw).replaceAll("").strip();
            String heading = openingHeading(text);
            String title = heading != null ? heading : frontTitle != null ? frontTitle : fallback;
            return new Extracted(title, text);
        }
        if (mediaType.equals("text/plain")) {
            return new Extracted(fallback, decode(bytes).strip());
        }
        Extracted parsed = parsed(bytes, mediaType, fallback);
        return mediaType.equals("application/pdf") ? new Extracted(parsed.title(), PdfParagraphs.join(parsed.text()))
                : parsed;
    }

    /**
     * The first heading of Markdown {@code text}, or null when it has none. When a second heading of the same level
     * follows it with only blank lines between, the two are one title joined by a space: a part of a work published
     * as its own file, such as {@code # 中华人民共和国民法典} then {@code # 继承编}, is "中华人民共和国民法典 继承编"
     * (otherwise every book of the code would carry the code's title alone). A second heading that opens a numbered
     * division (第一编 总则, 第一章) or the table of contents (目录) is not part of the title: the file holds the whole
     * text.
     */
    static String openingHeading(String text) {
        Matcher heading = HEADING.matcher(text);
        if (!heading.find()) {
            return null;
        }
        String title = heading.group(1).strip();
        int level = level(heading.group());
        int next = heading.end();
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        if (heading.find() && heading.start() == next && level(heading.group()) == level
                && !DIVISION.matcher(heading.group(1).strip()).lookingAt()) {
            return title + " " + heading.group(1).strip();
        }
        return title;
    }

    /** The number of {@code #} that open a Markdown heading line. */
    private static int level(String headingLine) {
        int n = 0;
        while (n < headingLine.length() && headingLine.charAt(n) == '#') {
            n++;
        }
        return n;
    }

    private Extracted parsed(byte[] bytes, String mediaType, String fallback) throws IOException {
        TextAndHeading handler = new TextAndHeading();
        Metadata metadata = new Metadata();
        // The type checked by contentProblem: Tika's magic wants %PDF- at the very start, readers (and PDFBox) do not.
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        try {
            tika.parse(new ByteArrayInputStream(bytes), handler, metadata, new ParseContext());
        } catch (SAXException | TikaException e) {
            throw new IOException("cannot read the document: " + e.getMessage(), e);
        }
        String title = handler.heading();
        if (title.isEmpty()) {
            String metaTitle = metadata.get(TikaCoreProperties.TITLE);
            title = metaTitle == null || metaTitle.isBlank() ? fallback : metaTitle.strip();
        }
        return new Extracted(title, handler.text());
    }

    /**
     * Why {@code bytes} are no file of {@code mediaType} to import, or empty when they are one. Markdown and plain
     * text are UTF-8 (a byte-order mark allowed), UTF-16 with its byte-order mark (Windows Notepad's 「Unicode」) or
     * GB18030, each decoded strictly, without NUL or other control characters than tab, line feed, vertical tab, form
     * feed, carriage return and DOS's end-of-file mark: random or binary bytes given a .md or .txt name fail here
     * instead of being indexed as mojibake. A PDF has its header {@code %PDF-} within its first 1,024 bytes (ISO
     * 32000-1 §7.5.2, as readers accept it); a DOCX is a ZIP package (ISO/IEC 29500-2) naming
     * {@code word/document.xml}: a file whose content is not what its extension says is told so, not parsed into
     * nothing and reported as a scan without text. Damage inside a real PDF or DOCX is left to its parser.
     *
     * @param mediaType one of the types {@link #mediaType(String)} returns
     * @return the reason in Chinese, for the import report
     */
    public static Optional<String> contentProblem(byte[] bytes, String mediaType) {
        if (mediaType.equals("application/pdf")) {
            return indexOf(bytes, PDF_HEADER, PDF_HEADER_WITHIN) >= 0 ? Optional.empty()
                    : Optional.of("不是 PDF：文件开头没有 PDF 文件头（%PDF-），扩展名与内容不符" + what(bytes));
        }
        if (mediaType.startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml")) {
            if (!startsWith(bytes, ZIP_LOCAL_HEADER)) {
                return Optional.of("不是 DOCX：DOCX 是 ZIP 压缩包，这个文件不是，扩展名与内容不符" + what(bytes));
            }
            // Entry names are stored uncompressed; the main part's name varies (Word Online writes document2.xml),
            // so an Office package ([Content_Types].xml) with parts under word/ is a Word document to the parser.
            return indexOf(bytes, CONTENT_TYPES, bytes.length) >= 0 && indexOf(bytes, WORD_PARTS, bytes.length) >= 0
                    ? Optional.empty()
                    : Optional.of("不是 DOCX：ZIP 压缩包里没有 Word 正文（word/ 部件），扩展名与内容不符");
        }
        if (!mediaType.equals("text/markdown") && !mediaType.equals("text/plain")) {
            return Optional.empty();
        }
        Optional<String> text = decodeStrictly(bytes);
        if (text.isEmpty()) {
            return Optional.of("不是文本：既不是 UTF-8、带字节顺序标记（BOM）的 UTF-16，也不是 GB18030 编码，可能是二进制文件");
        }
        // Tab, line feed, vertical tab, form feed, carriage return, and DOS's end-of-file mark (0x1A) occur in text.
        boolean control = text.get().chars().anyMatch(c -> c < 0x20 && (c < 0x09 || c > 0x0D) && c != 0x1A);
        if (control && looksLikeUtf16WithoutBom(bytes)) {
            return Optional.of("不是可识别的文本：像是没有字节顺序标记（BOM）的 UTF-16 编码，请另存为 UTF-8");
        }
        return control ? Optional.of("不是文本：含有控制字符（如 NUL），可能是二进制文件") : Optional.empty();
    }

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int PDF_HEADER_WITHIN = 1024;
    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] CONTENT_TYPES = "[Content_Types].xml".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORD_PARTS = "word/".getBytes(StandardCharsets.US_ASCII);
    /** The stream an encrypted OOXML file keeps inside its OLE2 container (MS-OFFCRYPTO), named in UTF-16LE. */
    private static final byte[] ENCRYPTED_PACKAGE = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /** What the bytes look like instead, when that is plain: old Word (OLE2), text, or nothing said. */
    private static String what(byte[] bytes) {
        if (startsWith(bytes, OLE2)) {
            return indexOf(bytes, ENCRYPTED_PACKAGE, bytes.length) >= 0 ? "（是设了打开密码的加密文档，请去掉密码后再导入）"
                    : "（像是旧版 Word/Office 97-2003 文件，请另存为 .docx 或 PDF）";
        }
        if (bytes.length == 0) {
            return "（空文件）";
        }
        if (decodeStrictly(bytes).filter(t -> t.chars().noneMatch(c -> c < 0x20 && (c < 0x09 || c > 0x0D))).isPresent()) {
            return "（内容是纯文本，请改用 .txt 或 .md 扩展名）";
        }
        return "";
    }

    /**
     * The text of {@code bytes}: UTF-8 (BOM skipped), UTF-16 after its BOM, else GB18030; empty when none of them
     * decodes every byte.
     */
    private static Optional<String> decodeStrictly(byte[] bytes) {
        Charset bomCharset = null;
        int skip = 0;
        if (startsWith(bytes, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            skip = 3;
        } else if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            bomCharset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            bomCharset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        List<Charset> tried = bomCharset != null ? List.of(bomCharset)
                : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"));
        for (Charset charset : tried) {
            try {
                return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString());
            } catch (CharacterCodingException e) {
                // try the next encoding
            }
        }
        return Optional.empty();
    }

    /** NUL bytes, nine in ten at one parity: text saved as UTF-16 without its byte-order mark. */
    private static boolean looksLikeUtf16WithoutBom(byte[] bytes) {
        if (bytes.length < 4 || bytes.length % 2 != 0) {
            return false;
        }
        int[] nulAt = new int[2];
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                nulAt[i % 2]++;
            }
        }
        int pairs = bytes.length / 2;
        // Latin text puts its NULs all at one parity; Chinese text some (一 is U+4E00) at the other, far fewer.
        int nuls = nulAt[0] + nulAt[1];
        return nuls * 4 >= pairs && Math.max(nulAt[0], nulAt[1]) * 10 >= nuls * 9;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return indexOf(bytes, prefix, prefix.length) == 0;
    }

    /** Where {@code needle} starts within the first {@code within} bytes of {@code bytes}, or -1. */
    private static int indexOf(byte[] bytes, byte[] needle, int within) {
        int last = Math.min(bytes.length, within) - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String decode(byte[] bytes) {
        return decodeStrictly(bytes).orElseGet(() -> new String(bytes, Charset.forName("GB18030")));
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** Collects the XHTML text Tika emits, with paragraph breaks, and the first heading. */
    private static final class TextAndHeading extends DefaultHandler {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder heading = new StringBuilder();
        private boolean inHeading;
        private boolean headingDone;
        private boolean inHead;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (localName.equals("head")) {
                inHead = true;
            }
            if (!headingDone && localName.matches("h[1-6]")) {
                inHeading = true;
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (localName.equals("head")) {
                inHead = false;
                return;
            }
            if (localName.matches("p|div|h[1-6]|li|tr|br|title")) {
                text.append("\n\n");
            }
            if (inHeading && localName.matches("h[1-6]")) {
                inHeading = false;
                headingDone = heading.toString().strip().length() > 0;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inHead) {
                return;
            }
            text.append(ch, start, length);
            if (inHeading) {
                heading.append(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            if (inHead) {
                return;
            }
            text.append(ch, start, length);
        }

        String text() {
            return text.toString().replaceAll("\\n{3,}", "\n\n").strip();
        }

        String heading() {
            return heading.toString().strip();
        }
    }
}
