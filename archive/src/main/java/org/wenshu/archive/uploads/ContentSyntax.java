package org.wenshu.archive.uploads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a PDF content stream's syntax (ISO 32000-1, 7.8.2 and Annex A) without interpreting it: arrays and
 * dictionaries may nest at most {@code maxDepth} levels, and every operator outside a {@code BX}/{@code EX}
 * compatibility section must be one the standard defines. PDFBox stops reading an over-deep array or skips an
 * unknown operator with only a log line and shows the page without the rest; checking first lets such a page (for
 * example a stream whose /Filter entry was damaged, so its compressed bytes are read as operators) be refused.
 */
final class ContentSyntax {

    private static final Set<String> OPERATORS = Set.of("b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm",
            "CS", "cs", "d", "d0", "d1", "Do", "DP", "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID",
            "j", "J", "K", "k", "l", "m", "M", "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn",
            "sh", "T*", "Tc", "Td", "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y",
            "'", "\"", "true", "false", "null");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final String DELIMITERS = "()<>[]{}/%";

    private final InputStream in;
    private final long maxBytes;
    private long read;
    private int pushedBack = -1;

    private ContentSyntax(InputStream in, long maxBytes) {
        this.in = new BufferedInputStream(in);
        this.maxBytes = maxBytes;
    }

    /** What is wrong with the stream's syntax, or empty when it reads cleanly; reads at most {@code maxBytes}. */
    static Optional<String> problem(InputStream content, int maxDepth, long maxBytes) throws IOException {
        return new ContentSyntax(content, maxBytes).check(maxDepth);
    }

    private Optional<String> check(int maxDepth) throws IOException {
        int depth = 0;
        int compatibility = 0;
        int c;
        while ((c = next()) >= 0) {
            if (isWhite(c)) {
                continue;
            }
            switch (c) {
                case '%' -> skipComment();
                case '(' -> skipLiteralString();
                case '[' -> depth++;
                case ']' -> depth--;
                case '{', '}' -> {
                }
                case '<' -> {
                    int second = next();
                    if (second == '<') {
                        depth++;
                    } else {
                        skipHexString(second);
                    }
                }
                case '>' -> {
                    if (next() != '>') {
                        return Optional.of("多余的「>」");
                    }
                    depth--;
                }
                case '/' -> token(-1);
                default -> {
                    String token = token(c);
                    if (NUMBER.matcher(token).matches()) {
                        break;
                    }
                    if (token.equals("BX")) {
                        compatibility++;
                    } else if (token.equals("EX")) {
                        compatibility = Math.max(0, compatibility - 1);
                    } else if (token.equals("ID")) {
                        skipInlineImage();
                    } else if (!OPERATORS.contains(token) && compatibility == 0) {
                        return Optional.of("未知的操作符「" + printable(token) + "」");
                    }
                }
            }
            if (depth > maxDepth) {
                return Optional.of("嵌套超过 " + maxDepth + " 层");
            }
            if (depth < 0) {
                return Optional.of("多余的「]」或「>>」");
            }
        }
        return Optional.empty();
    }

    private int next() throws IOException {
        if (pushedBack >= 0) {
            int c = pushedBack;
            pushedBack = -1;
            return c;
        }
        if (read >= maxBytes) {
            return -1;
        }
        read++;
        return in.read();
    }

    /** A run of regular characters starting with {@code first} (or none for a name after '/'). */
    private String token(int first) throws IOException {
        StringBuilder token = new StringBuilder();
        if (first >= 0) {
            token.append((char) first);
        }
        int c;
        while ((c = next()) >= 0 && !isWhite(c) && DELIMITERS.indexOf(c) < 0) {
            if (token.length() < 64) {
                token.append((char) c);
            }
        }
        if (c >= 0) {
            pushedBack = c;
        }
        return token.toString();
    }

    private void skipLiteralString() throws IOException {
        int open = 1;
        int c;
        while (open > 0 && (c = next()) >= 0) {
            if (c == '\\') {
                next();
            } else if (c == '(') {
                open++;
            } else if (c == ')') {
                open--;
            }
        }
    }

    private void skipComment() throws IOException {
        int c;
        while ((c = next()) >= 0 && c != '\n' && c != '\r') {
            // a comment runs to the end of the line
        }
    }

    private void skipHexString(int first) throws IOException {
        int c = first;
        while (c >= 0 && c != '>') {
            c = next();
        }
    }

    /** Inline image data runs from "ID" plus one white-space byte to "EI" between white space. */
    private void skipInlineImage() throws IOException {
        int a = ' ';
        int b = ' ';
        int c;
        next(); // the single white-space byte after ID
        while ((c = next()) >= 0) {
            if (isWhite(a) && b == 'E' && c == 'I') {
                return;
            }
            a = b;
            b = c;
        }
    }

    private static boolean isWhite(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
    }

    private static String printable(String token) {
        StringBuilder out = new StringBuilder();
        for (char c : token.toCharArray()) {
            out.append(c >= 0x21 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.length() > 40 ? out.substring(0, 40) + "…" : out.toString();
    }
}
