package org.wenshu.search;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets: after 。！？；!?; and at line breaks. Why not the JDK's sentence instance: its
 * {@code preceding} re-scans from far back, and the highlighter calls it at every match, which made highlighting a
 * long law the most expensive step of a search. Scanning for these few characters is linear and exact for
 * Chinese legal text, where a sentence ends with one of them.
 */
final class SentenceBreaks extends BreakIterator {

    private String text = "";
    private int current;

    private static boolean endsSentence(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；' || c == '!' || c == '?' || c == ';' || c == '\n';
    }

    /** True if a boundary lies at {@code offset} (the text's ends always are). */
    private boolean isBoundaryAt(int offset) {
        return offset == 0 || offset == text.length() || endsSentence(text.charAt(offset - 1));
    }

    @Override
    public int first() {
        current = 0;
        return current;
    }

    @Override
    public int last() {
        current = text.length();
        return current;
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n; i++) {
            result = next();
            if (result == DONE) {
                return DONE;
            }
        }
        for (int i = 0; i > n; i--) {
            result = previous();
            if (result == DONE) {
                return DONE;
            }
        }
        return result;
    }

    @Override
    public int next() {
        if (current >= text.length()) {
            return DONE;
        }
        return following(current);
    }

    @Override
    public int previous() {
        if (current <= 0) {
            return DONE;
        }
        return preceding(current);
    }

    @Override
    public int following(int offset) {
        checkOffset(offset);
        if (offset >= text.length()) {
            current = text.length();
            return DONE;
        }
        int i = offset + 1;
        while (!isBoundaryAt(i)) {
            i++;
        }
        current = i;
        return current;
    }

    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        if (offset <= 0) {
            current = 0;
            return DONE;
        }
        int i = offset - 1;
        while (!isBoundaryAt(i)) {
            i--;
        }
        current = i;
        return current;
    }

    @Override
    public boolean isBoundary(int offset) {
        checkOffset(offset);
        current = offset;
        return isBoundaryAt(offset);
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public CharacterIterator getText() {
        return new StringCharacterIterator(text);
    }

    @Override
    public void setText(String newText) {
        text = newText;
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder copy = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            copy.append(c);
        }
        setText(copy.toString());
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("offset " + offset + " outside 0.." + text.length());
        }
    }
}
