package org.wenshu.search.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The analyzers of the index: CJK bigrams (recall, exact phrases, highlighting) and smartcn words (precision,
 * similar documents). Titles are indexed with both; bodies as bigrams, where a query's words are matched as phrases
 * of their bigrams. Every indexed field is queried: an index that stores a field but never queries it finds
 * nothing through it. Every analyzer first folds the text with {@link ChineseNormalization} (traditional →
 * simplified, full-width → ASCII), so documents and queries meet in one written form.
 */
public final class ChineseAnalysis {

    private final Analyzer bigrams = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new HanBigramTokenizer());
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return ChineseNormalization.filter(reader);
        }
    };
    // smartcn's default stop set holds only punctuation: every word counts.
    private final Analyzer words = new AnalyzerWrapper(Analyzer.GLOBAL_REUSE_STRATEGY) {
        private final Analyzer smartcn = new SmartChineseAnalyzer(true);

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return smartcn;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
            return ChineseNormalization.filter(reader);
        }
    };
    private final Analyzer perField = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
            IndexFields.BODY, bigrams,
            IndexFields.TITLE_BIGRAMS, bigrams,
            IndexFields.TITLE_WORDS, words));

    /**
     * Analyzers for the index; starts building the normalisation table in the background now (about a second of
     * ICU transliteration), so that opening an index does not wait for it and the first search seldom does.
     */
    public ChineseAnalysis() {
        CompletableFuture.runAsync(() -> ChineseNormalization.fold('倉'));
    }

    /** The bigram analyzer (fields {@link IndexFields#BODY}, {@link IndexFields#TITLE_BIGRAMS}). */
    public Analyzer bigrams() {
        return bigrams;
    }

    /**
     * The smartcn word analyzer: indexes {@link IndexFields#TITLE_WORDS}; segments queries and the text of
     * similar-record searches. Bodies are not segmented at index time: smartcn runs at ~3 MB/s per core, slower
     * than everything else in indexing together, and the words of a query are found in a body as phrases of their
     * bigrams.
     */
    public Analyzer words() {
        return words;
    }

    /** The analyzer to index documents with, choosing per field. */
    public Analyzer indexing() {
        return perField;
    }

    /** A token of an analyzed text with its position. */
    public record Token(String text, int position) {
    }

    /** The tokens {@code analyzer} makes of {@code text}, with positions (gaps kept). */
    public static List<Token> tokens(Analyzer analyzer, String field, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return tokens;
    }
}
