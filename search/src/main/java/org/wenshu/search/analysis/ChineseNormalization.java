package org.wenshu.search.analysis;

import java.io.IOException;
import java.io.Reader;

import org.apache.lucene.analysis.CharFilter;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * Folds Chinese text to one written form at index and query time (文字规范化): traditional characters to simplified
 * (ICU's {@code Traditional-Simplified} transliteration, 倉儲 → 仓储) and compatibility forms to their canonical
 * characters (Unicode NFKC: full-width ２０２４ → 2024, compatibility ideographs → unified ideographs).
 *
 * <p>Folding is one UTF-16 unit to one unit, so offsets into the original text stay valid: snippets and highlights
 * are cut from the stored text as written, while indexed and query terms are folded. Characters whose folding would
 * take several units (a handful of rare ones) are left as they are. The per-character table is computed from ICU
 * once per JVM, lazily; ICU's context rules for words (乾坤 stays 乾坤 as a whole word) are not applied, so a rare
 * character may fold although it should not, identically in documents and queries.
 */
public final class ChineseNormalization {

    private ChineseNormalization() {
    }

    /** {@code c} folded: simplified, width-folded; {@code c} itself when it needs no folding. */
    public static char fold(char c) {
        return Table.FOLDED[c];
    }

    /** {@code text} with every character {@linkplain #fold(char) folded}; same length. */
    public static String normalize(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = Table.FOLDED[c];
            if (f != c) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = f;
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** A character filter folding what it reads; offsets need no correction (one unit to one unit). */
    public static Reader filter(Reader input) {
        return new FoldingCharFilter(input);
    }

    private static final class FoldingCharFilter extends CharFilter {

        FoldingCharFilter(Reader input) {
            super(input);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = input.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(0, read); i++) {
                buffer[i] = Table.FOLDED[buffer[i]];
            }
            return read;
        }

        @Override
        protected int correct(int currentOff) {
            return currentOff;
        }
    }

    /** The folding of every BMP character, built on first use. */
    private static final class Table {

        static final char[] FOLDED = build();

        private static char[] build() {
            char[] table = new char[Character.MAX_VALUE + 1];
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                table[c] = (char) c;
            }
            // Full-width ASCII (U+FF01..U+FF5E) and the ideographic space: the width folding NFKC does, without
            // asking ICU for each.
            for (int c = 0xFF01; c <= 0xFF5E; c++) {
                table[c] = (char) (c - 0xFEE0);
            }
            table[0x3000] = ' ';
            Normalizer2 nfkc = Normalizer2.getNFKCInstance();
            Transliterator simplified = Transliterator.getInstance("Traditional-Simplified");
            fold(table, nfkc, simplified, 0x3400, 0x4DBF);
            fold(table, nfkc, simplified, 0x4E00, 0x9FFF);
            fold(table, nfkc, simplified, 0xF900, 0xFAFF);
            // Circled and parenthesised numbers (①, ⑴) would fold to several characters: they stay.
            return table;
        }

        private static void fold(char[] table, Normalizer2 nfkc, Transliterator simplified, int from, int to) {
            for (int c = from; c <= to; c++) {
                String original = String.valueOf((char) c);
                String folded = simplified.transliterate(nfkc.normalize(original));
                if (folded.length() == 1) {
                    table[c] = folded.charAt(0);
                }
            }
        }
    }
}
