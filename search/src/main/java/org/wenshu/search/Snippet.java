package org.wenshu.search;

import java.util.List;

/**
 * A passage of a hit's text (摘要) with the spans that matched the query.
 *
 * @param text    the passage, line breaks folded to spaces
 * @param matches matched spans, as [start, end) character offsets into {@code text}, in order, not overlapping
 */
public record Snippet(String text, List<Span> matches) {

    public Snippet {
        matches = List.copyOf(matches);
    }

    /** An empty snippet. */
    public static Snippet none() {
        return new Snippet("", List.of());
    }

    /** A span of characters. */
    public record Span(int start, int end) {
    }

    /** The text with every match wrapped in {@code before} and {@code after}, e.g. 【】 or HTML tags. */
    public String marked(String before, String after) {
        StringBuilder out = new StringBuilder(text.length() + matches.size() * 4);
        int at = 0;
        for (Span span : matches) {
            out.append(text, at, span.start()).append(before).append(text, span.start(), span.end()).append(after);
            at = span.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** The matched strings. */
    public List<String> matchedTexts() {
        return matches.stream().map(s -> text.substring(s.start(), s.end())).toList();
    }
}
