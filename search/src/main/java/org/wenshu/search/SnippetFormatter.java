package org.wenshu.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/** Turns the highlighter's best passage into a {@link Snippet}, merging overlapping bigram matches. */
final class SnippetFormatter extends PassageFormatter {

    @Override
    public Object format(Passage[] passages, String content) {
        if (passages.length == 0) {
            return Snippet.none();
        }
        Passage passage = passages[0];
        int start = passage.getStartOffset();
        int end = passage.getEndOffset();
        StringBuilder text = new StringBuilder(end - start);
        int[] mapped = new int[end - start + 1];
        boolean space = false;
        for (int i = start; i < end; i++) {
            mapped[i - start] = text.length();
            char c = content.charAt(i);
            if (Character.isWhitespace(c)) {
                // Collapse line breaks and runs of spaces; a snippet is one line.
                if (!space && text.length() > 0) {
                    text.append(' ');
                }
                space = true;
            } else {
                text.append(c);
                space = false;
            }
        }
        mapped[end - start] = text.length();
        List<Snippet.Span> spans = new ArrayList<>();
        int[] starts = passage.getMatchStarts();
        int[] ends = passage.getMatchEnds();
        for (int i = 0; i < passage.getNumMatches(); i++) {
            int s = Math.max(starts[i], start);
            int e = Math.min(ends[i], end);
            // Adjacent bigrams (检察|察建|建议) overlap: extend the current span instead of starting a new one.
            while (i + 1 < passage.getNumMatches() && starts[i + 1] <= e) {
                e = Math.max(e, Math.min(ends[++i], end));
            }
            if (e > s) {
                spans.add(new Snippet.Span(mapped[s - start], mapped[e - start]));
            }
        }
        String snippet = text.toString().strip();
        int shift = text.length() - text.toString().stripLeading().length();
        List<Snippet.Span> shifted = spans.stream()
                .map(s -> new Snippet.Span(Math.max(0, s.start() - shift), Math.min(snippet.length(), s.end() - shift)))
                .filter(s -> s.end() > s.start())
                .toList();
        return new Snippet(snippet, shifted);
    }
}
