package org.wenshu.search.semantic;

import java.util.ArrayList;
import java.util.List;

import org.wenshu.search.analysis.ChineseNormalization;

/**
 * Cuts a record into the passages that are embedded (段落切分): the title, then the body in pieces of about
 * {@value #TARGET_CHARS} characters that end at a sentence end where one is near, each prefixed with the title.
 * Every passage of the body is embedded: a record is found by meaning through whichever passage matches.
 * bge-small-zh reads at most 512 tokens (about one per Chinese character), so a passage of the target length plus a
 * title stays within what the model sees.
 */
public final class Passages {

    /** Characters of body per passage, at most. */
    public static final int TARGET_CHARS = 400;
    /** Longest title kept in front of every passage. */
    private static final int MAX_TITLE_CHARS = 80;

    private Passages() {
    }

    /** The passages of a record, normalised ({@link ChineseNormalization}); at least one (the title). */
    public static List<String> of(String title, String body) {
        String head = ChineseNormalization.normalize(title.strip());
        if (head.length() > MAX_TITLE_CHARS) {
            head = head.substring(0, MAX_TITLE_CHARS);
        }
        String text = ChineseNormalization.normalize(body).replaceAll("[ \\t\\u3000]+", " ")
                .replaceAll("\\s*\\n\\s*", "\n").strip();
        List<String> passages = new ArrayList<>();
        if (text.isEmpty()) {
            passages.add(head);
            return passages;
        }
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + TARGET_CHARS);
            if (end < text.length()) {
                int cut = lastSentenceEnd(text, start + TARGET_CHARS / 2, end);
                if (cut > 0) {
                    end = cut;
                }
            }
            String piece = text.substring(start, end).strip();
            if (!piece.isEmpty()) {
                passages.add(head.isEmpty() ? piece : head + "\n" + piece);
            }
            start = end;
        }
        return passages;
    }

    /** Position just after the last sentence end in {@code [from, to)}, or -1. */
    private static int lastSentenceEnd(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '。' || c == '！' || c == '？' || c == '；' || c == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
