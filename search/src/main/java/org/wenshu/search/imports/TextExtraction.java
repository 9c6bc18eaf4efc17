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
 * Text and title of a Markdown, plain-text, PDF or DOCX file (文本提取). Markdown and text are decoded as UTF-8,
 * falling back to GB18030 (files saved by Chinese Windows editors); PDF and DOCX go through Apache Tika.
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
        Extracted parsed = parsed(bytes, fallback);
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

    private Extracted parsed(byte[] bytes, String fallback) throws IOException {
        TextAndHeading handler = new TextAndHeading();
        Metadata metadata = new Metadata();
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
     * Why a Markdown or plain-text file is no text to import, or empty when it is one: text is UTF-8 (a byte-order mark
     * allowed) or GB18030, both decoded strictly, without NUL or other control characters than tab, line feed,
     * vertical tab, form feed, carriage return and DOS's end-of-file mark. Random or binary bytes given a .md or .txt
     * name fail here instead of being indexed as mojibake. PDF and DOCX are left to their parsers.
     */
    public static Optional<String> notText(byte[] bytes, String mediaType) {
        if (!mediaType.equals("text/markdown") && !mediaType.equals("text/plain")) {
            return Optional.empty();
        }
        int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = null;
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            try {
                text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
                break;
            } catch (CharacterCodingException e) {
                // try the next encoding
            }
        }
        if (text == null) {
            return Optional.of("不是文本：既不是 UTF-8 也不是 GB18030 编码，可能是二进制文件");
        }
        // Tab, line feed, vertical tab, form feed, carriage return, and DOS's end-of-file mark (0x1A) occur in text.
        boolean control = text.chars().anyMatch(c -> c < 0x20 && (c < 0x09 || c > 0x0D) && c != 0x1A);
        return control ? Optional.of("不是文本：含有控制字符（如 NUL），可能是二进制文件") : Optional.empty();
    }

    private static String decode(byte[] bytes) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, skip, bytes.length - skip, Charset.forName("GB18030"));
        }
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
