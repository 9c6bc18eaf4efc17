package org.wenshu.batch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The encoding (编码) a recipient list is read in. One rule for the job's identity and for reading: an XLSX workbook
 * and a CSV that is valid UTF-8 (with or without a BOM) are read as UTF-8 whatever encoding is named; the GBK family
 * (GB2312, GBK, CP936, GB18030, any alias or case) is decoded as GB18030, its superset. Only encodings that can write
 * the simplified Chinese of the field labels (主送单位) and unit names (荆门市司法局) are accepted: a list in any other
 * (Big5 and Big5-HKSCS are traditional Chinese) could never name a field or a unit, so naming one is refused up front.
 */
public final class ListEncoding {

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** Java's canonical names of the GBK family; GB18030 decodes every text they decode. */
    private static final Set<String> GB_FAMILY = Set.of("GB18030", "GBK", "GB2312", "x-mswin-936");

    /** The effective encodings a list may name besides UTF-8, by their canonical Java names. */
    private static final List<String> OTHERS = List.of("GB18030");

    /**
     * Encodings accepted before the simplified-Chinese rule: executions started with them are restarted reading their
     * list as then (UTF-8 first), so that every row keeps its idempotency key; a new list may not name them.
     */
    private static final List<String> FORMERLY_ACCEPTED = List.of("Big5", "Big5-HKSCS");

    /** The accepted encodings as a user reads them, for every refusal. */
    public static final String ACCEPTED = "UTF-8（默认）、GB18030（GBK、GB2312、CP936 均按 GB18030 解码）；.xlsx 不需要编码";

    private ListEncoding() {
    }

    /**
     * The charset a user-given encoding name stands for: UTF-8, or GB18030 for the whole GBK family.
     *
     * @param name an encoding name in any case, e.g. {@code gbk}, {@code CP936}, {@code utf8}
     * @throws UnknownEncoding for any other name, with the accepted ones; for a known encoding that cannot write
     *                         simplified Chinese (Big5, Shift_JIS, ISO-8859-1) saying so
     */
    public static Charset named(String name) {
        Charset charset = known(name).map(ListEncoding::canonical).orElse(null);
        String shown = name.strip().length() > 40 ? name.strip().substring(0, 40) + "…" : name.strip();
        if (charset != null && !accepted(charset) && !charset.newEncoder().canEncode(SIMPLIFIED)) {
            // Big5, Shift_JIS, Latin-1…: the headers and unit names a list must contain cannot be written in them.
            throw new UnknownEncoding("不支持名单编码 encoding=" + shown + "：" + charset.name()
                    + " 写不出简体中文的表头和单位名称（如「主送单位」「荆门市司法局」），这样的名单无法使用；"
                    + "请在表格软件中另存为“CSV UTF-8（逗号分隔）”或 .xlsx。可用 " + ACCEPTED);
        }
        if (charset == null || !accepted(charset)) {
            throw new UnknownEncoding("不支持名单编码 encoding=" + shown + "：可用 " + ACCEPTED);
        }
        return charset;
    }

    /** Simplified characters every list has: field labels and the words of unit names, for the encodability rule. */
    static final String SIMPLIFIED = "主送单位发文机关标题会议时间地点荆门市司法局公安局检察院";

    /**
     * The effective encoding of {@code list} when {@code requested} is named for it, as the job's identifying
     * parameter: empty when the list is read as UTF-8 (an XLSX, a CSV that is valid UTF-8, or none or UTF-8 named),
     * else the canonical name ({@code GB18030}). Reads the file as a stream.
     *
     * @throws UnknownEncoding when {@code requested} is not an accepted encoding, even for an XLSX
     */
    public static Optional<String> effective(Path list, Optional<String> requested) {
        Optional<Charset> named = requested.filter(name -> !name.isBlank()).map(ListEncoding::named);
        if (named.isEmpty() || named.get().equals(StandardCharsets.UTF_8) || xlsx(list) || validUtf8(list)) {
            return Optional.empty();
        }
        return Optional.of(named.get().name());
    }

    /**
     * The charset a stored job parameter names, for reading: an accepted name as {@link #named}, and for executions
     * started before names were checked any charset Java knows, read as it was read then.
     *
     * @throws UnknownEncoding when Java knows no such charset
     */
    static Charset forReading(String name) {
        Optional<Charset> charset = known(name);
        if (charset.isEmpty()) {
            return named(name); // refuses, naming the accepted ones
        }
        Charset canonical = canonical(charset.get());
        return readsUtf8First(canonical) ? canonical : charset.get();
    }

    /** True for a charset a new list may name: UTF-8 or GB18030. */
    static boolean accepted(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || OTHERS.contains(charset.name());
    }

    /** True for a charset the UTF-8-first rule applies to: accepted now, or formerly (see {@link #forReading}). */
    static boolean readsUtf8First(Charset charset) {
        return accepted(charset) || FORMERLY_ACCEPTED.contains(charset.name());
    }

    private static Optional<Charset> known(String name) {
        try {
            return Optional.of(Charset.forName(name.strip()));
        } catch (IllegalArgumentException e) { // illegal or unsupported name
            return Optional.empty();
        }
    }

    private static Charset canonical(Charset charset) {
        return GB_FAMILY.contains(charset.name()) ? GB18030 : charset;
    }

    private static boolean xlsx(Path list) {
        return list.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    /** Whether the whole file decodes strictly as UTF-8 (a BOM is valid UTF-8), in bounded memory. */
    static boolean validUtf8(Path file) {
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] buffer = new char[8192];
            while (reader.read(buffer) >= 0) {
                // reading is the check
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
