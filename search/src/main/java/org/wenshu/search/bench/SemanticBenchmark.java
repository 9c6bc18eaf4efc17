package org.wenshu.search.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.wenshu.search.IndexedRecord;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.RecordSource;
import org.wenshu.search.Viewer;
import org.wenshu.search.bench.SearchBenchmark.Latency;
import org.wenshu.search.bench.SearchBenchmark.Throughput;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.imports.TextExtraction;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.BgeSmallZhEmbedder;
import org.wenshu.search.semantic.CachingEmbedder;
import org.wenshu.search.semantic.Passages;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * The meaning side of search, measured (语义检索基准): query embedding latency of the real model on one core, search
 * latency with retrieval by meaning on over the law corpus and over a large synthetic index, indexing throughput with
 * and without embedding, and resident memory with and without the model.
 *
 * <p>What the passage vectors are: embedding a large index takes hours on a small machine, so the indexes searched
 * take their passage vectors from a vector cache ({@link CachingEmbedder}, a copy of the file given, never written
 * back). The corpus index holds the corpus texts whose every passage is in that cache; the synthetic records are
 * {@link PassageRecords}: runs of real passages of those texts, so every vector is the model's real vector of the
 * exact passage text, and vectors repeat across records (as many distinct vectors as the cache holds passages of
 * the texts used). Indexing with embedding is measured for real, with an empty cache, on a subset of the corpus.
 * Queries are always embedded by the real model, each distinct and not among the warm-up queries, against a fresh
 * searcher for each measurement: no query vector comes from a cache.
 */
public final class SemanticBenchmark {

    /** What the benchmark runs on. */
    public record Options(Path corpus, Path work, Path models, Optional<Path> vectors, int records, int queries,
            int embedTexts) {
    }

    /** Latency of embedding queries, with their length in characters (without the model's instruction). */
    public record QueryEmbedding(Latency latency, double meanChars, int maxChars) {
    }

    /** One index with vectors: how it was built and how fast it answers, words only and with meaning. */
    public record Searched(int records, int passages, int distinctPassages, Throughput indexing, int computed,
            Latency words, Latency hybrid, Latency hybridAgency, Latency hybridWithoutFacets) {
    }

    /** Indexing of the same texts without and with embedding (every passage embedded by the model). */
    public record Embedding(int texts, long passages, Throughput words, Throughput embedded) {
        /** Passages embedded per second of wall-clock time, indexing included. */
        public double passagesPerSecond() {
            return embedded.millis() == 0 ? 0 : passages / (embedded.millis() / 1000.0);
        }
    }

    /** All figures of one run. */
    public record Figures(String vectors, String corpusNote, QueryEmbedding queryEmbedding, Searched corpus,
            Searched synthetic, Embedding embedding, ResidentMemory beforeModel, ResidentMemory afterModel,
            ResidentMemory end, String loadBefore, String loadAfter) {
    }

    private final Options options;
    private final Consumer<String> progress;

    public SemanticBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs everything; indexes and copies are written below the work folder. */
    public Figures run() throws IOException {
        String loadBefore = loadAverage();
        List<Path> files = corpusFiles(options.corpus());
        List<String> titles = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        TextExtraction extraction = new TextExtraction();
        for (Path file : files) {
            String name = file.getFileName().toString();
            TextExtraction.Extracted text = extraction.extract(Files.readAllBytes(file),
                    TextExtraction.mediaType(name).orElseThrow(), name);
            titles.add(text.title());
            bodies.add(text.text());
        }
        List<String> queryTexts = QueryMeanings.distinctMeanings(SearchBenchmark.queries(bodies, titles, new Random(42),
                options.queries()), Set.of());
        List<String> warmUp = SearchBenchmark.queries(bodies, titles, new Random(7), options.queries());
        queryTexts = QueryMeanings.distinctMeanings(queryTexts, QueryMeanings.meanings(warmUp));

        Indexes indexes = null;
        String vectorsNote;
        if (options.vectors().isPresent()) {
            Path copy = options.work().resolve("vectors.bin");
            Files.copy(options.vectors().get(), copy);
            vectorsNote = "passage vectors read from a copy of " + options.vectors().get();
            indexes = buildIndexes(copy, files, titles, bodies, queryTexts, warmUp);
        } else {
            vectorsNote = "passage vectors embedded in this run (the subset measured below)";
        }
        ResidentMemory beforeModel = settledMemory();
        progress.accept("loading the model from " + options.models() + " …");
        try (BgeSmallZhEmbedder model = BgeSmallZhEmbedder.load(options.models())) {
            for (String query : QueryMeanings.meanings(warmUp)) {
                model.embedQuery(query);
            }
            ResidentMemory afterModel = settledMemory();
            progress.accept("embedding queries on one core …");
            QueryEmbedding queryEmbedding = QueryMeanings.queryEmbedding(model, queryTexts, warmUp);
            progress.accept("indexing " + options.embedTexts() + " texts without and with embedding …");
            Path subsetVectors = options.work().resolve("subset-vectors.bin");
            Embedding embedding = new EmbeddedImport(options, progress).measure(model, files, subsetVectors);
            if (indexes == null) {
                indexes = buildIndexes(subsetVectors, files, titles, bodies, queryTexts, warmUp);
            }
            progress.accept("querying with meaning (the corpus) …");
            Searched corpus = hybrid(indexes.corpus(), options.work().resolve("corpus-semantic"), model, queryTexts,
                    warmUp);
            progress.accept("querying with meaning (" + options.records() + " synthetic records) …");
            Searched synthetic = hybrid(indexes.synthetic(), options.work().resolve("synthetic-semantic"), model,
                    queryTexts, warmUp);
            ResidentMemory end = ResidentMemory.now();
            return new Figures(vectorsNote, indexes.corpusNote(), queryEmbedding, corpus, synthetic, embedding,
                    beforeModel, afterModel, end, loadBefore, loadAverage());
        }
    }

    /** The indexes with vectors, built and measured words only (the model not loaded). */
    private record Indexes(Searched corpus, Searched synthetic, String corpusNote) {
    }

    private Indexes buildIndexes(Path vectors, List<Path> files, List<String> titles, List<String> bodies,
            List<String> queryTexts, List<String> warmUp) throws IOException {
        // The cache opens the model only for a passage it lacks: none here, as only fully cached texts are used.
        try (CachingEmbedder cache = CachingEmbedder.over(BgeSmallZhEmbedder.lazy(options.models()), vectors)) {
            progress.accept("vector cache: " + cache.size() + " vectors");
            Path cached = options.work().resolve("corpus-cached");
            int kept = 0;
            int passages = 0;
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                List<String> cut = Passages.of(titles.get(i), bodies.get(i));
                if (cut.stream().allMatch(cache::contains)) {
                    Path copy = cached.resolve(options.corpus().relativize(files.get(i)).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(files.get(i), copy);
                    kept++;
                    passages += cut.size();
                    distinct.addAll(cut);
                }
            }
            if (kept == 0) {
                throw new IllegalStateException("no corpus text has all its passages in " + vectors);
            }
            String corpusNote = String.format("the %d of %d corpus texts whose passages are all in the vector cache",
                    kept, files.size());
            progress.accept("importing " + corpusNote + " with their vectors …");
            Path corpusIndex = options.work().resolve("corpus-semantic");
            long cpu = SearchBenchmark.processCpuNanos();
            long start = System.nanoTime();
            ImportReport report;
            try (LuceneRecordIndex index = LuceneRecordIndex.open(corpusIndex, RecordSource.empty(),
                    Ranking.standard(), cache)) {
                report = new ReferenceImporter(index, ImportSink.NONE).importFolder(cached);
                awaitVectors(index);
                index.commit();
            }
            Throughput corpusIndexing = new Throughput(report.added(), report.bytes(),
                    (System.nanoTime() - start) / 1_000_000, (SearchBenchmark.processCpuNanos() - cpu) / 1_000_000);
            Latency corpusWords = words(corpusIndex, queryTexts, warmUp);
            Searched corpus = new Searched(report.added(), passages, distinct.size(), corpusIndexing,
                    cache.computed(), corpusWords, null, null, null);

            PassageRecords records = new PassageRecords(titles, bodies, cache::contains);
            progress.accept(String.format("indexing %d synthetic records of real passages (%d texts, %d distinct"
                    + " passages) with their vectors …", options.records(), records.sources(),
                    records.passages().size()));
            Path syntheticIndex = options.work().resolve("synthetic-semantic");
            int computedBefore = cache.computed();
            long[] syntheticPassages = new long[1];
            Throughput syntheticIndexing = synthetic(records, cache, syntheticIndex, syntheticPassages);
            Latency syntheticWords = words(syntheticIndex, queryTexts, warmUp);
            Searched synthetic = new Searched(options.records(), (int) syntheticPassages[0],
                    records.passages().size(), syntheticIndexing, cache.computed() - computedBefore, syntheticWords,
                    null, null, null);
            return new Indexes(corpus, synthetic, corpusNote);
        }
    }

    private Throughput synthetic(PassageRecords records, CachingEmbedder cache, Path path, long[] passages) {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong bytes = new AtomicLong();
        AtomicLong cut = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = SearchBenchmark.processCpuNanos();
        try (LuceneRecordIndex index = LuceneRecordIndex.open(path, RecordSource.empty(), Ranking.standard(), cache)) {
            try (RecordIndex.BulkLoad load = index.bulkLoad()) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> work = new ArrayList<>();
                int perThread = (options.records() + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int from = t * perThread;
                    int to = Math.min(options.records(), from + perThread);
                    work.add(pool.submit(() -> {
                        for (int i = from; i < to; i++) {
                            IndexedRecord record = records.record(i);
                            bytes.addAndGet(record.body().getBytes(StandardCharsets.UTF_8).length
                                    + record.title().getBytes(StandardCharsets.UTF_8).length);
                            cut.addAndGet(Passages.of(record.title(), record.body()).size());
                            load.index(record);
                        }
                    }));
                }
                for (Future<?> future : work) {
                    future.get();
                }
                pool.shutdown();
            }
            awaitVectors(index);
            index.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("synthetic indexing failed", e.getCause());
        }
        passages[0] = cut.get();
        return new Throughput(options.records(), bytes.get(), (System.nanoTime() - start) / 1_000_000,
                (SearchBenchmark.processCpuNanos() - cpuStart) / 1_000_000);
    }

    private void awaitVectors(LuceneRecordIndex index) {
        awaitVectors(index, progress);
    }

    /** Waits until every record of {@code index} has its vectors, telling {@code progress} every minute. */
    static void awaitVectors(LuceneRecordIndex index, Consumer<String> progress) {
        long start = System.nanoTime();
        while (!index.awaitVectors(Duration.ofMinutes(1))) {
            progress.accept(String.format("%d records waiting for vectors after %.0f s, load average %s",
                    index.vectorsPending(), (System.nanoTime() - start) / 1e9, loadAverage()));
        }
    }

    private Latency words(Path index, List<String> queryTexts, List<String> warmUp) {
        try (RecordSearch search = LuceneRecordIndex.openReadOnly(index)) {
            return SearchBenchmark.measure(search, queryTexts, warmUp, Viewer.researcher(), true, progress);
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** The figures of {@code built} completed with its latencies with meaning, a fresh searcher for each. */
    private Searched hybrid(Searched built, Path index, SentenceEmbedder model, List<String> queryTexts,
            List<String> warmUp) {
        Latency researcher = hybrid(index, model, queryTexts, warmUp, Viewer.researcher(), true);
        Latency agency = hybrid(index, model, queryTexts, warmUp, Viewer.agency(SearchBenchmark.UNITS[2]), true);
        Latency page = hybrid(index, model, queryTexts, warmUp, Viewer.researcher(), false);
        return new Searched(built.records(), built.passages(), built.distinctPassages(), built.indexing(),
                built.computed(), built.words(), researcher, agency, page);
    }

    private Latency hybrid(Path index, SentenceEmbedder model, List<String> queryTexts, List<String> warmUp,
            Viewer viewer, boolean facets) {
        // A fresh searcher keeps no query vector of an earlier measurement (it remembers its last few hundred).
        try (RecordSearch search = LuceneRecordIndex.openReadOnly(index, Ranking.standard(), model)) {
            return SearchBenchmark.measure(search, queryTexts, warmUp, viewer, facets, progress);
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }



    private static List<Path> corpusFiles(Path corpus) throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> TextExtraction.mediaType(f.getFileName().toString()).isPresent())
                    .sorted().toList();
        }
    }

    /**
     * The memory once a full collection has run and the heap it freed had time to go back to the system (G1 gives
     * committed heap back after a full collection, concurrently): readings before and after the model compare alike.
     */
    private static ResidentMemory settledMemory() {
        System.gc();
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ResidentMemory.now();
    }

    /** The load average line of {@code /proc/loadavg} (1, 5, 15 minutes), or "?" elsewhere. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
