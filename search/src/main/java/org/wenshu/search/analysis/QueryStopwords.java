package org.wenshu.search.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Removes question words (怎么, 如何, 是否, …) from free-text queries. A word goes only where smartcn segments it
 * as a whole word, and is replaced by a break so no bigram spans the gap it leaves.
 */
public final class QueryStopwords {

    private final Set<String> words = LegalSynonyms.wordList("query-stopwords.txt");
    private final Analyzer segmenter;

    /** Uses {@code analysis}'s word segmenter. */
    public QueryStopwords(ChineseAnalysis analysis) {
        this.segmenter = analysis.words();
    }

    /** {@code text} without its question words, or {@code text} itself if nothing else would remain. */
    public String strip(String text) {
        StringBuilder out = new StringBuilder(text);
        boolean kept = false;
        try (TokenStream stream = segmenter.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (words.contains(term.toString())) {
                    for (int i = offset.startOffset(); i < offset.endOffset(); i++) {
                        out.setCharAt(i, '|');
                    }
                } else {
                    kept = true;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return kept ? out.toString() : text;
    }
}
