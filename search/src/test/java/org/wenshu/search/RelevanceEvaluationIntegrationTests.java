package org.wenshu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.imports.TextExtraction;
import org.wenshu.search.query.Ranking;

/**
 * Measures ranking on the law corpus with the judged queries in {@code relevance/queries.tsv}: NDCG@10, MRR@10 and
 * Recall@10 per analysis choice and per query kind, against out-of-the-box Lucene baselines. Writes the table to
 * {@code target/relevance.md}; fails if the standard ranking falls below the floor.
 */
class RelevanceEvaluationIntegrationTests {

    /**
     * The committed sample of the law corpus (the judged texts, see laws-sample.README.md) unless
     * {@code -Dwenshu.corpus} names the whole corpus: the test suite never needs anything beside the clone.
     */
    static final Path CORPUS = Path.of(System.getProperty("wenshu.corpus", "src/test/resources/relevance/laws-sample"))
            .toAbsolutePath().normalize();
    static final double NDCG_FLOOR = 0.80;
    static final String STANDARD = "+ synonyms (weight 0.5) = standard";

    @TempDir
    static Path home;

    static List<Judged> queries;

    record Judged(String id, String kind, String query, Map<String, Integer> grades) {
    }

    record Metrics(double ndcg, double mrr, double recall) {
    }

    @BeforeAll
    static void importCorpus() throws IOException {
        assertThat(CORPUS).as("law corpus").isDirectory();
        queries = readQueries();
        try (LuceneRecordIndex index = LuceneRecordIndex.open(home.resolve("index"), RecordSource.empty())) {
            ImportReport report = new ReferenceImporter(index, ImportSink.NONE).importFolder(CORPUS);
            System.out.printf("imported %d texts (%.1f MB) in %.1f s: %.1f MB/s%n", report.added(),
                    report.bytes() / 1e6, report.millis() / 1000.0, report.megabytesPerSecond());
            assertThat(report.failed()).isEmpty();
        }
    }

    static List<Judged> readQueries() throws IOException {
        List<Judged> judged = new ArrayList<>();
        String resource = "/" + System.getProperty("wenshu.queries", "relevance/queries.tsv");
        try (InputStream in = RelevanceEvaluationIntegrationTests.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                Map<String, Integer> grades = new LinkedHashMap<>();
                for (String judgment : columns[3].split("\\|")) {
                    int colon = judgment.indexOf(':');
                    grades.put(judgment.substring(colon + 1), Integer.parseInt(judgment.substring(0, colon)));
                }
                judged.add(new Judged(columns[0], columns[1], columns[2], grades));
            }
        }
        return judged;
    }

    static Metrics score(List<String> ranked, Map<String, Integer> grades) {
        double dcg = 0;
        double mrr = 0;
        int found = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            int grade = grades.getOrDefault(ranked.get(i), 0);
            dcg += (Math.pow(2, grade) - 1) / (Math.log(i + 2) / Math.log(2));
            if (grade > 0) {
                found++;
                if (mrr == 0) {
                    mrr = 1.0 / (i + 1);
                }
            }
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        return new Metrics(dcg / idcg, mrr, (double) found / Math.min(10, grades.size()));
    }

    /** Mean metrics over all queries and per kind, as one table row each. */
    static Map<String, Metrics> evaluate(Function<String, List<String>> engine) {
        Map<String, List<Metrics>> byKind = new LinkedHashMap<>();
        for (Judged q : queries) {
            Metrics m = score(engine.apply(q.query()), q.grades());
            byKind.computeIfAbsent("all", k -> new ArrayList<>()).add(m);
            byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Metrics> means = new LinkedHashMap<>();
        byKind.forEach((kind, list) -> means.put(kind, new Metrics(
                list.stream().mapToDouble(Metrics::ndcg).average().orElse(0),
                list.stream().mapToDouble(Metrics::mrr).average().orElse(0),
                list.stream().mapToDouble(Metrics::recall).average().orElse(0))));
        return means;
    }

    static Function<String, List<String>> ours(RecordSearch search) {
        return query -> search.search(new SearchRequest(query, Viewer.researcher(), SortOrder.RELEVANCE, 0, 10, false))
                .hits().stream().map(Hit::source).toList();
    }

    /** A stock Lucene index: one text field (title + body) with {@code analyzer}, default BM25, QueryParser. */
    static Function<String, List<String>> stock(Analyzer analyzer) throws IOException {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
                var files = Files.walk(CORPUS)) {
            TextExtraction extraction = new TextExtraction();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                TextExtraction.Extracted text = extraction.extract(Files.readAllBytes(file), "text/markdown",
                        file.getFileName().toString());
                Document doc = new Document();
                doc.add(new StringField("path", CORPUS.relativize(file).toString(), Field.Store.YES));
                doc.add(new TextField("text", text.title() + "\n" + text.text(), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
        return query -> {
            try {
                List<String> paths = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(new QueryParser("text", analyzer).parse(query), 10).scoreDocs) {
                    paths.add(searcher.storedFields().document(hit.doc).get("path"));
                }
                return paths;
            } catch (Exception e) {
                throw new IllegalStateException(query, e);
            }
        };
    }

    @Test
    void standardRankingBeatsTheBaselinesWellAboveTheFloor() throws IOException {
        // The CI run measures the standard ranking against the stock bigram baseline and the ablations that show
        // what each part adds; -Dwenshu.relevance.table=full measures every row of RELEVANCE.md (a few minutes).
        boolean full = "full".equals(System.getProperty("wenshu.relevance.table"));
        Map<String, Map<String, Metrics>> rows = new LinkedHashMap<>();
        if (full) {
            rows.put("stock StandardAnalyzer (single characters)", evaluate(stock(new StandardAnalyzer())));
        }
        rows.put("stock CJKAnalyzer (bigrams)", evaluate(stock(new CJKAnalyzer())));
        if (full) {
            rows.put("stock SmartChineseAnalyzer (words)", evaluate(stock(new SmartChineseAnalyzer())));
        }
        Map<String, Ranking> variants = new LinkedHashMap<>();
        Ranking standard = Ranking.standard();
        Ranking plain = standard.withWords(true, 1f).withTitleBoost(1).withPhraseBoost(0).withSynonyms(false, 0)
                .withStopwords(false).withBm25(1.2f, 0.75f);
        if (full) {
            variants.put("bigrams only (BM25 1.2/0.75)", plain.withWords(false, 0));
            variants.put("words only", plain.withBigrams(false));
            variants.put("bigrams + words", plain);
            variants.put("+ title boost 1.5", plain.withTitleBoost(1.5f));
            variants.put("+ title boost 3", plain.withTitleBoost(3f));
            variants.put("+ title 1.5, words weight 0.5", plain.withTitleBoost(1.5f).withWords(true, 0.5f));
            variants.put("+ phrase boost 3", plain.withTitleBoost(1.5f).withWords(true, 0.5f).withPhraseBoost(3f));
            variants.put("+ BM25 b=0.5", plain.withTitleBoost(1.5f).withWords(true, 0.5f).withPhraseBoost(3f)
                    .withBm25(1.2f, 0.5f));
        }
        variants.put("+ query stopwords", standard.withSynonyms(false, 0));
        variants.put(STANDARD, standard);
        variants.put("standard without words", standard.withWords(false, 0));
        if (full) {
            variants.put("standard, synonym weight 1", standard.withSynonyms(true, 1f));
            variants.put("standard, synonym weight 0.25", standard.withSynonyms(true, 0.25f));
            variants.put("standard, title boost 1", standard.withTitleBoost(1f));
            variants.put("standard, title boost 2", standard.withTitleBoost(2f));
            variants.put("standard, words weight 0.25", standard.withWords(true, 0.25f));
            variants.put("standard, words weight 1", standard.withWords(true, 1f));
            variants.put("standard, phrase boost 1", standard.withPhraseBoost(1f));
            variants.put("standard, phrase boost 6", standard.withPhraseBoost(6f));
            variants.put("standard, any word may match", standard.withEveryWord(false));
            variants.put("standard, BM25 k1=0.9 b=0.4", standard.withBm25(0.9f, 0.4f));
            variants.put("standard, BM25 k1=1.5 b=0.3", standard.withBm25(1.5f, 0.3f));
        }
        for (Map.Entry<String, Ranking> variant : variants.entrySet()) {
            try (RecordSearch search = LuceneRecordIndex.openReadOnly(home.resolve("index"), variant.getValue())) {
                rows.put(variant.getKey(), evaluate(ours(search)));
            }
        }
        String table = table(rows);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/relevance.md"), table);

        Metrics ours = rows.get(STANDARD).get("all");
        Metrics cjk = rows.get("stock CJKAnalyzer (bigrams)").get("all");
        assertThat(ours.ndcg()).isGreaterThanOrEqualTo(NDCG_FLOOR).isGreaterThan(cjk.ndcg() + 0.03);
    }

    static String table(Map<String, Map<String, Metrics>> rows) {
        List<String> kinds = List.of("all", "known", "topic", "phrase", "multi");
        StringBuilder out = new StringBuilder("| ranking | NDCG@10 | MRR@10 | Recall@10 |"
                + " NDCG known | NDCG topic | NDCG phrase | NDCG multi |\n|---|---|---|---|---|---|---|---|\n");
        rows.forEach((name, metrics) -> {
            Metrics all = metrics.get("all");
            out.append(String.format("| %s | %.3f | %.3f | %.3f |", name, all.ndcg(), all.mrr(), all.recall()));
            for (String kind : kinds.subList(1, kinds.size())) {
                out.append(String.format(" %.3f |", metrics.get(kind).ndcg()));
            }
            out.append('\n');
        });
        return out.toString();
    }
}
