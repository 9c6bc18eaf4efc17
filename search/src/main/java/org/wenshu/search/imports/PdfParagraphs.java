package org.wenshu.search.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rejoins the paragraphs of text extracted from a PDF (PDF 段落还原). A PDF knows printed lines, not paragraphs;
 * PDFBox guesses paragraph starts from the spacing of lines, and with the wide line spacing of official documents
 * (公文, 28–29 pt for 16 pt type) it takes every printed line for a paragraph. The index breaks phrases at
 * paragraph ends, so a phrase wrapping a line (通道堵 | 塞) could not be found.
 *
 * <p>Two blocks are one paragraph when the first ends on a full printed line (at least
 * {@value #FULL_LINE} of the typical line width: a paragraph's last line is usually shorter) without a sentence end,
 * and the second does not start indented (全角空格 or spaces) or with an article, item or list marker (第三条,
 * 一、, （二）, 3.). The printed lines of a paragraph are then joined into one line: with nothing between Chinese
 * characters, with a space between words of Latin script.
 */
final class PdfParagraphs {

    private static final double FULL_LINE = 0.85;
    private static final Pattern BLOCKS = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern NEW_ITEM = Pattern.compile(
            "^(?:第[一二三四五六七八九十百千零〇0-9]+[条章节编款项]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]"
                    + "|[0-9]+[.．、]|[①-⑳])");
    private static final String SENTENCE_ENDS = "。！？；：!?;:…";

    private PdfParagraphs() {
    }

    /** {@code text} (blocks separated by blank lines) with the blocks of one paragraph joined. */
    static String join(String text) {
        List<String> blocks = Arrays.asList(BLOCKS.split(text));
        if (blocks.size() < 2) {
            return text;
        }
        double full = typicalWidth(blocks) * FULL_LINE;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder(blocks.get(0));
        for (int i = 1; i < blocks.size(); i++) {
            String next = blocks.get(i);
            if (continues(lastLine(current), next, full)) {
                current.append('\n').append(next);
            } else {
                paragraphs.add(current.toString());
                current = new StringBuilder(next);
            }
        }
        paragraphs.add(current.toString());
        return String.join("\n\n", paragraphs.stream().map(PdfParagraphs::unwrap).toList());
    }

    /** A paragraph's printed lines as one line: nothing between Chinese characters, a space between words. */
    private static String unwrap(String paragraph) {
        String[] lines = paragraph.split("\n");
        StringBuilder joined = new StringBuilder(lines[0].stripTrailing());
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            char before = joined.length() == 0 ? ' ' : joined.charAt(joined.length() - 1);
            if (before < 128 && line.charAt(0) < 128) {
                joined.append(' ');
            }
            joined.append(line);
        }
        return joined.toString();
    }

    private static boolean continues(String line, String next, double full) {
        String end = line.stripTrailing();
        if (end.isEmpty() || next.isEmpty() || width(end) < full) {
            return false;
        }
        char last = end.charAt(end.length() - 1);
        if (SENTENCE_ENDS.indexOf(last) >= 0) {
            return false;
        }
        char first = next.charAt(0);
        if (first == '\u3000' || first == ' ' || first == '\t') {
            return false;
        }
        return !NEW_ITEM.matcher(next).find();
    }

    private static String lastLine(CharSequence block) {
        String text = block.toString();
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    /** The width of a full printed line: the 90th percentile of line widths. */
    private static double typicalWidth(List<String> blocks) {
        List<Double> widths = new ArrayList<>();
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                if (!line.isBlank()) {
                    widths.add(width(line.strip()));
                }
            }
        }
        if (widths.isEmpty()) {
            return 0;
        }
        widths.sort(null);
        return widths.get((int) Math.floor((widths.size() - 1) * 0.9));
    }

    /** Printed width in CJK character cells: ASCII counts half. */
    private static double width(String line) {
        double width = 0;
        for (int i = 0; i < line.length(); i++) {
            width += line.charAt(i) < 128 ? 0.5 : 1;
        }
        return width;
    }
}
