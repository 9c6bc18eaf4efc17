package org.wenshu.search.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.wenshu.search.analysis.ChineseNormalization;
import org.wenshu.search.bench.SemanticBenchmark.QueryEmbedding;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * The texts the model embeds for the benchmark's queries (查询语义文本), kept distinct so that no measured query finds
 * its vector remembered, and the latency of embedding them.
 */
final class QueryMeanings {

    private QueryMeanings() {
    }

    /** Query embedding on the calling thread (the model runs one ONNX thread per call: one core). */
    static QueryEmbedding queryEmbedding(SentenceEmbedder model, List<String> queryTexts, List<String> warmUp) {
        for (String query : meanings(warmUp)) {
            model.embedQuery(query);
        }
        List<String> texts = new ArrayList<>(meanings(queryTexts));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[texts.size()];
        double[] cpu = new double[texts.size()];
        long chars = 0;
        int maxChars = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            chars += text.length();
            maxChars = Math.max(maxChars, text.length());
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            model.embedQuery(text);
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return new QueryEmbedding(SearchBenchmark.latency(millis, cpu), (double) chars / texts.size(), maxChars);
    }

    /**
     * The queries of {@code queries} whose meaning (the text the model embeds) is neither that of an earlier one nor
     * among {@code exclude}: no measured query finds its vector remembered.
     */
    static List<String> distinctMeanings(List<String> queries, Set<String> exclude) {
        Set<String> seen = new HashSet<>(exclude);
        List<String> result = new ArrayList<>();
        for (String query : queries) {
            String meaning = meaning(query);
            if (!meaning.isEmpty() && seen.add(meaning)) {
                result.add(query);
            }
        }
        return result;
    }

    /** The distinct meanings of {@code queries}, in order. */
    static Set<String> meanings(List<String> queries) {
        Set<String> result = new LinkedHashSet<>();
        for (String query : queries) {
            String meaning = meaning(query);
            if (!meaning.isEmpty()) {
                result.add(meaning);
            }
        }
        return result;
    }

    /**
     * The text the search embeds for a benchmark query: its words and phrases, normalised, without quotes and field
     * filters ({@code year:2018..2024}), as {@code QueryTranslator.meaning} gives it for these simple queries.
     */
    static String meaning(String query) {
        List<String> words = new ArrayList<>();
        for (String word : query.split("\\s+")) {
            if (word.isEmpty() || word.contains(":")) {
                continue;
            }
            words.add(ChineseNormalization.normalize(word.replace("\"", "")));
        }
        return String.join(" ", words).strip();
    }
}
