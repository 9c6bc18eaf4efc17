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

    /**
     * Words by which a query is a question or a first-person account (提问): interrogatives and the speaker. Legal
     * texts name a thing in their own terms; a user who asks 能找哪个部门 or tells 我被辞退了 describes it in theirs.
     */
    private static final Set<String> ASKING = Set.of("怎么", "怎么办", "怎么样", "怎样", "如何", "什么", "哪些", "哪里",
            "哪儿", "哪个", "是否", "能否", "可否", "可不可以", "能不能", "会不会", "有没有", "要不要", "算不算", "是不是",
            "吗", "呢", "请问", "谁", "为什么", "为啥", "咋", "咋办", "多少", "多久", "我", "我们", "我家", "俺");

    /** An A-not-A question (会不会, 是不是, 有没有, 可不可以), which smartcn does not keep as one word. */
    private static final java.util.regex.Pattern A_NOT_A = java.util.regex.Pattern.compile("(\\p{IsHan})[不没]\\1");

    private final Set<String> words = LegalSynonyms.wordList("query-stopwords.txt");
    private final Analyzer segmenter;

    /** Uses {@code analysis}'s word segmenter. */
    public QueryStopwords(ChineseAnalysis analysis) {
        this.segmenter = analysis.words();
    }

    /**
     * True when {@code text} (folded) asks a question or speaks in the first person: a question mark, an A-not-A
     * question, or a word of {@link #ASKING} as smartcn segments it (so 谁 in 谁负责 counts, 我 inside 自我 does
     * not).
     */
    public boolean asks(String text) {
        if (text.indexOf('?') >= 0 || text.indexOf('？') >= 0 || A_NOT_A.matcher(text).find()) {
            return true;
        }
        try (TokenStream stream = segmenter.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            boolean asking = false;
            while (stream.incrementToken()) {
                asking |= ASKING.contains(term.toString());
            }
            stream.end();
            return asking;
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
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
