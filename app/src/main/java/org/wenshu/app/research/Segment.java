package org.wenshu.app.research;

import java.util.ArrayList;
import java.util.List;

import org.wenshu.search.Snippet;

/**
 * A piece of a highlighted snippet: plain text, or text that matched the query (shown in {@code <mark>}). The page
 * prints each piece with {@code th:text}, so everything of the record is escaped and only the marks are markup.
 *
 * @param text  the characters
 * @param match whether they matched
 */
public record Segment(String text, boolean match) {

    /** The snippet cut at its matches, in order; empty for an empty snippet. */
    public static List<Segment> of(Snippet snippet) {
        List<Segment> segments = new ArrayList<>();
        String text = snippet.text();
        int at = 0;
        for (Snippet.Span span : snippet.matches()) {
            if (span.start() > at) {
                segments.add(new Segment(text.substring(at, span.start()), false));
            }
            segments.add(new Segment(text.substring(span.start(), span.end()), true));
            at = span.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), false));
        }
        return List.copyOf(segments);
    }
}
