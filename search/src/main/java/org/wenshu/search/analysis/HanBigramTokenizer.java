package org.wenshu.search.analysis;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Splits text into overlapping CJK bigrams (检察建议 → 检察 察建 建议) and lower-cased runs of letters and digits.
 *
 * <p>Why a tokenizer of our own rather than StandardTokenizer + CJKBigramFilter: exact phrases must never match
 * across punctuation. CJKBigramFilter does not bigram across punctuation, but it gives the token after a break the
 * next position, so the bigram phrase 检察 察建 建议 would still match the text "检察。察建议". Here every run of
 * punctuation or symbols leaves a position gap, so a phrase query (slop 0) cannot span it. Single line breaks and
 * spaces do not break a run: text extracted from PDFs wraps lines in the middle of words. A blank line does.
 *
 * <p>A run of one CJK character between breaks is emitted as a unigram, and so is a character at the edge of a run
 * next to letters or digits (第7项 → 第 7 项 + 项…), so phrases mixing digits and characters match. Full-width ASCII
 * is folded to ASCII.
 */
public final class HanBigramTokenizer extends Tokenizer {

    /** Token type of a CJK bigram. */
    public static final String BIGRAM = "<BIGRAM>";
    /** Token type of an isolated CJK character. */
    public static final String SINGLE = "<SINGLE>";
    /** Token type of a run of letters or digits. */
    public static final String ALNUM = "<ALNUM>";

    private static final int MAX_ALNUM = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    private char[] text = new char[4096];
    private int length;
    private int cursor;
    private boolean broken;
    private boolean emitted;
    /** True when the CJK character at the cursor already ended the previous bigram. */
    private boolean inRun;
    /** True when the last token was letters or digits and nothing but space followed it. */
    private boolean alnumBefore;
    /** True when the next token stands at the same position as the last one. */
    private boolean stackNext;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        while (cursor < length) {
            int cp = fold(Character.codePointAt(text, cursor, length));
            int width = Character.charCount(Character.codePointAt(text, cursor, length));
            switch (classOf(cp)) {
                case SPACE -> {
                    if (cp == '\n' && isBlankLineAt(cursor)) {
                        breakRun();
                    }
                    cursor += width;
                }
                case OTHER -> {
                    breakRun();
                    cursor += width;
                }
                case ALNUM -> {
                    inRun = false;
                    return emitAlnum();
                }
                case HAN -> {
                    int next = nextHan(cursor + width);
                    if (next >= 0) {
                        if (!inRun && alnumBefore) {
                            // 第7项: the edge character next to letters or digits also stands alone, so a phrase
                            // mixing digits and characters finds it; the bigram follows at the same position.
                            appendCodePoint(term.setEmpty(), cp);
                            emit(cursor, cursor + width, SINGLE);
                            stackNext = true;
                            return true;
                        }
                        int nextCp = Character.codePointAt(text, next, length);
                        int end = next + Character.charCount(nextCp);
                        appendCodePoint(appendCodePoint(term.setEmpty(), cp), nextCp);
                        emit(cursor, end, BIGRAM);
                        cursor = next;
                        inRun = true;
                        return true;
                    }
                    boolean endOfBigram = inRun;
                    inRun = false;
                    int start = cursor;
                    cursor += width;
                    if (!endOfBigram || alnumAt(cursor)) {
                        appendCodePoint(term.setEmpty(), cp);
                        emit(start, cursor, SINGLE);
                        return true;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return false;
    }

    private boolean emitAlnum() {
        int start = cursor;
        term.setEmpty();
        int count = 0;
        while (cursor < length) {
            int raw = Character.codePointAt(text, cursor, length);
            int cp = fold(raw);
            if (classOf(cp) != CharClass.ALNUM) {
                break;
            }
            if (count < MAX_ALNUM) {
                appendCodePoint(term, lowerCase(cp));
                count++;
            }
            cursor += Character.charCount(raw);
        }
        emit(start, cursor, ALNUM);
        return true;
    }

    private void emit(int start, int end, String tokenType) {
        positionIncrement.setPositionIncrement(stackNext ? 0 : broken && emitted ? 2 : 1);
        stackNext = false;
        broken = false;
        emitted = true;
        alnumBefore = tokenType == ALNUM;
        offset.setOffset(correctOffset(start), correctOffset(end));
        type.setType(tokenType);
    }

    private void breakRun() {
        broken = true;
        inRun = false;
        alnumBefore = false;
    }

    /** True if letters or digits follow at {@code from}, with at most non-breaking space between. */
    private boolean alnumAt(int from) {
        int i = from;
        while (i < length) {
            int cp = fold(Character.codePointAt(text, i, length));
            CharClass kind = classOf(cp);
            if (kind == CharClass.ALNUM) {
                return true;
            }
            if (kind != CharClass.SPACE || (cp == '\n' && isBlankLineAt(i))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Index of the next CJK character if only non-breaking space lies between, else -1. */
    private int nextHan(int from) {
        int i = from;
        while (i < length) {
            int cp = fold(Character.codePointAt(text, i, length));
            CharClass kind = classOf(cp);
            if (kind == CharClass.HAN) {
                return i;
            }
            if (kind != CharClass.SPACE || (cp == '\n' && isBlankLineAt(i))) {
                return -1;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** A line break followed, after optional spaces, by another line break: a paragraph boundary. */
    private boolean isBlankLineAt(int newline) {
        for (int i = newline + 1; i < length; i++) {
            char c = text[i];
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\u3000') {
                return false;
            }
        }
        return false;
    }

    private static CharTermAttribute appendCodePoint(CharTermAttribute term, int cp) {
        if (Character.isBmpCodePoint(cp)) {
            return term.append((char) cp);
        }
        return term.append(Character.highSurrogate(cp)).append(Character.lowSurrogate(cp));
    }

    /** Lower case, without the Unicode table lookup for ASCII (digits and Latin letters: most alnum runs). */
    private static int lowerCase(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        return Character.toLowerCase(cp);
    }

    private static int fold(int cp) {
        // Full-width ASCII (ＡＢＣ１２３, ，) behaves like its ASCII counterpart.
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0;
        }
        return cp;
    }

    enum CharClass { HAN, ALNUM, SPACE, OTHER }

    private static final CharClass[] CLASSES = CharClass.values();
    /** {@link #classOfCodePoint} of every BMP character: the Unicode script lookup is a search per character. */
    private static final byte[] BMP_CLASSES = new byte[0x10000];

    static {
        for (int cp = 0; cp < BMP_CLASSES.length; cp++) {
            BMP_CLASSES[cp] = (byte) classOfCodePoint(cp).ordinal();
        }
    }

    static CharClass classOf(int cp) {
        return cp < BMP_CLASSES.length ? CLASSES[BMP_CLASSES[cp]] : classOfCodePoint(cp);
    }

    private static CharClass classOfCodePoint(int cp) {
        if (Character.isWhitespace(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR) {
            return CharClass.SPACE;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (Character.isIdeographic(cp) || script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL) {
            return Character.isLetter(cp) || Character.isIdeographic(cp) ? CharClass.HAN : CharClass.OTHER;
        }
        if (Character.isLetterOrDigit(cp)) {
            return CharClass.ALNUM;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK) {
            return CharClass.ALNUM;
        }
        return CharClass.OTHER;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        int read;
        while ((read = input.read(text, length, text.length - length)) != -1) {
            length += read;
            if (length == text.length) {
                text = Arrays.copyOf(text, text.length * 2);
            }
        }
        cursor = 0;
        broken = false;
        emitted = false;
        inRun = false;
        alnumBefore = false;
        stackNext = false;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int finalOffset = correctOffset(length);
        offset.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (text.length > 1 << 20) {
            text = new char[4096];
        }
    }
}
