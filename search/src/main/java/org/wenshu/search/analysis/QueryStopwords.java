package org.wenshu.search.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Question words in free-text queries (提问词): removes them ({@link #strip}: 怎么, 如何, 是否, …) and tells a query
 * asked as a question or told in the first person ({@link #asks}). A word counts only where smartcn segments it as a
 * whole word; a removed one is replaced by a break so no bigram spans the gap it leaves.
 */
public final class QueryStopwords {

    /**
     * Words by which a query is a question or a first-person account: interrogatives and the speaker. Legal texts
     * name a thing in their own terms; a user who asks 能找哪个部门 or tells 我被辞退了 describes it in theirs. Not
     * 如何, 是否, 能否 or 可否: the titles of judicial interpretations ask with them (关于如何认定…的解释, 关于…是否…
     * 的批复), and a prosecutor asking in the law's own words (是否构成自首) needs the words side as much as ever.
     */
    private static final Set<String> ASKING = Set.of("怎么", "怎么办", "怎么样", "怎样", "什么", "甚么", "哪些", "哪里",
            "哪儿", "哪个", "可不可以", "能不能", "会不会", "有没有", "要不要", "算不算", "是不是", "吗", "呢", "请问",
            "谁", "为什么", "为甚么", "为啥", "咋", "咋办", "多少", "多久", "我", "我们", "我家", "俺");

    /** An A-not-A question (会不会, 是不是, 有没有), found in the text whether or not smartcn keeps it as one word. */
    private static final Pattern A_NOT_A = Pattern.compile("(\\p{IsHan})[不没]\\1");

    /** A maxim of the form 谁主张谁举证 (谁执法谁普法, 谁办案谁负责): a principle's name, not a question. */
    private static final Pattern WHO_MAXIM = Pattern.compile("谁\\p{IsHan}{1,4}谁");

    /** 我 as an institution's "our" (我国, 我省, 我院): the speaker is not a person telling their case. */
    private static final String INSTITUTIONAL_OUR = "国省市县区乡镇院局委厅部处所庭队司校";

    private final Set<String> words = LegalSynonyms.wordList("query-stopwords.txt");
    private final Analyzer segmenter;

    /** Uses {@code analysis}'s word segmenter. */
    public QueryStopwords(ChineseAnalysis analysis) {
        this.segmenter = analysis.words();
    }

    /**
     * True when {@code text} (folded by {@link ChineseNormalization}, so a full-width ？ is already ?) asks a question
     * or speaks in the first person: a question mark, an A-not-A question, or a word of {@link #ASKING} as smartcn
     * segments it — so 谁 in 谁负责 counts, 我 inside 自我 or before 院 (我院) does not, nor 谁 in a maxim
     * (谁主张谁举证).
     */
    public boolean asks(String text) {
        if (text.indexOf('?') >= 0 || A_NOT_A.matcher(text).find()) {
            return true;
        }
        String plain = WHO_MAXIM.matcher(text).replaceAll("|");
        try (TokenStream stream = segmenter.tokenStream("q", plain)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            boolean asking = false;
            while (stream.incrementToken()) {
                String word = term.toString();
                int after = offset.endOffset();
                boolean institutional = word.equals("我") && after < plain.length()
                        && INSTITUTIONAL_OUR.indexOf(plain.charAt(after)) >= 0;
                asking |= ASKING.contains(word) && !institutional;
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
