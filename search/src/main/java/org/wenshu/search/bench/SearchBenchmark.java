package org.wenshu.search.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.wenshu.search.IndexedRecord;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordKind;
import org.wenshu.search.RecordSearch;
import org.wenshu.search.RecordSource;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SortOrder;
import org.wenshu.search.Viewer;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.imports.TextExtraction;

/**
 * Throughput and latency of search (检索基准): import + index of a corpus folder, query latency on it, and on a
 * synthetic index grown from the same text to many records (instruments and responses with units, types, domains,
 * dates). Queries are full user requests: parse, rank, facets, snippets.
 */
public final class SearchBenchmark {

    static final String[] UNITS = {"市检察院", "区检察院", "市公安局", "市司法局", "市政数局", "市教育局",
            "市生态环境局", "市市场监管局", "市住建局", "市交通局", "市卫健委", "市人社局"};
    static final String[] TYPES = {"procuratorial-suggestion", "procuratorial-opinion", "meeting-notice",
            "reply-reminder"};
    static final String[] DOMAINS = {"生态环境和资源保护", "食品药品安全", "国有财产保护", "安全生产",
            "未成年人保护"};
    static final String[] STATUSES = {"ISSUED", "ANSWERED", "OVERDUE", "CLOSED"};

    /**
     * Latency percentiles in milliseconds over {@code count} queries: wall-clock, and CPU time of the querying
     * thread (on a machine shared with other work the wall-clock figures include waiting for a core).
     */
    public record Latency(int count, double p50, double p90, double p99, double max, double cpuP50, double cpuP99) {
    }

    /** Indexing throughput, wall-clock and in CPU time of the whole process (all threads, merges included). */
    public record Throughput(int records, long bytes, long millis, long cpuMillis) {
        public double megabytesPerSecond() {
            return millis == 0 ? 0 : bytes / 1e6 / (millis / 1000.0);
        }

        /** Megabytes per CPU-second: what one free core would index. */
        public double megabytesPerCpuSecond() {
            return cpuMillis == 0 ? 0 : bytes / 1e6 / (cpuMillis / 1000.0);
        }
    }

    /** All figures of one run. */
    public record Figures(ImportReport corpusImport, Throughput corpusIndexing, Throughput warmCorpusIndexing,
            Latency corpusQueries,
            Throughput syntheticIndexing, Latency syntheticQueries, Latency syntheticAgencyQueries,
            Latency syntheticPageQueries) {
    }

    /** Measured warm imports of the corpus, after the first and one more; their median is the steady rate. */
    static final int WARM_IMPORTS = 3;

    private final Path corpus;
    private final Path work;
    private final int syntheticRecords;
    private final int queries;
    private final Consumer<String> progress;

    public SearchBenchmark(Path corpus, Path work, int syntheticRecords, int queries, Consumer<String> progress) {
        this.corpus = corpus;
        this.work = work;
        this.syntheticRecords = syntheticRecords;
        this.queries = queries;
        this.progress = progress;
    }

    /** Runs everything; indexes are written below the work folder. */
    public Figures run() throws IOException {
        progress.accept("importing " + corpus + " …");
        ImportReport imported;
        List<String> texts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        long cpuBefore = processCpuNanos();
        try (LuceneRecordIndex index = LuceneRecordIndex.open(work.resolve("corpus-index"), RecordSource.empty())) {
            imported = new ReferenceImporter(index, ImportSink.NONE).importFolder(corpus);
        }
        Throughput corpusIndexing = new Throughput(imported.added(), imported.bytes(), imported.millis(),
                (processCpuNanos() - cpuBefore) / 1_000_000);
        // Again into new indexes, as a benchmark harness measures: the first import in a fresh JVM runs while the JIT
        // compiles Lucene's indexing code on one of the two cores, and C2 keeps recompiling through the second. After
        // one more import as warm-up, the median of three is the steady rate.
        List<Throughput> warm = new ArrayList<>();
        for (int run = 0; run <= WARM_IMPORTS; run++) {
            progress.accept(run == 0 ? "importing again (warm-up) …"
                    : "importing again (warm JVM, " + run + " of " + WARM_IMPORTS + ") …");
            cpuBefore = processCpuNanos();
            try (LuceneRecordIndex index = LuceneRecordIndex.open(work.resolve("corpus-index-warm-" + run),
                    RecordSource.empty())) {
                ImportReport again = new ReferenceImporter(index, ImportSink.NONE).importFolder(corpus);
                if (run > 0) {
                    warm.add(new Throughput(again.added(), again.bytes(), again.millis(),
                            (processCpuNanos() - cpuBefore) / 1_000_000));
                }
            }
            clean(work.resolve("corpus-index-warm-" + run));
        }
        warm.sort((a, b) -> Long.compare(a.millis(), b.millis()));
        Throughput warmCorpusIndexing = warm.get(warm.size() / 2);
        TextExtraction extraction = new TextExtraction();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                TextExtraction.Extracted text = extraction.extract(Files.readAllBytes(file), "text/markdown",
                        file.getFileName().toString());
                if (!text.text().isBlank()) {
                    texts.add(text.text());
                    titles.add(text.title());
                }
            }
        }
        List<String> queryTexts = queries(texts, titles, new Random(42), queries);
        // Warm-up queries are drawn apart from the measured ones, so no measured query finds its own work cached.
        List<String> warmUp = queries(texts, titles, new Random(7), queries);
        Latency corpusLatency;
        try (RecordSearch search = LuceneRecordIndex.openReadOnly(work.resolve("corpus-index"))) {
            progress.accept("querying the corpus index …");
            corpusLatency = measure(search, queryTexts, warmUp, Viewer.researcher());
        }
        progress.accept("indexing " + syntheticRecords + " synthetic records …");
        Throughput throughput = synthetic(texts, titles);
        Latency synthetic;
        Latency agency;
        Latency page;
        try (RecordSearch search = LuceneRecordIndex.openReadOnly(work.resolve("synthetic-index"))) {
            progress.accept("querying the synthetic index …");
            synthetic = measure(search, queryTexts, warmUp, Viewer.researcher());
            agency = measure(search, queryTexts, warmUp, Viewer.agency(UNITS[2]));
            page = measure(search, queryTexts, warmUp, Viewer.researcher(), false);
        }
        return new Figures(imported, corpusIndexing, warmCorpusIndexing, corpusLatency, throughput, synthetic, agency,
                page);
    }

    /**
     * {@code count} queries drawn from the texts and titles by {@code random} (fewer if some come out blank): runs of
     * 2-6 characters, two such runs, title prefixes of up to 12 characters, quoted 4-character phrases, and runs with a
     * year filter.
     */
    static List<String> queries(List<String> texts, List<String> titles, Random random, int count) {
        List<String> result = new ArrayList<>();
        while (result.size() < count) {
            String text = texts.get(random.nextInt(texts.size()));
            switch (result.size() % 10) {
                case 0, 1, 2, 3 -> result.add(hanSample(text, 2 + random.nextInt(5), random));
                case 4, 5 -> result.add(hanSample(text, 2 + random.nextInt(3), random) + " "
                        + hanSample(texts.get(random.nextInt(texts.size())), 2 + random.nextInt(3), random));
                case 6, 7 -> {
                    String title = titles.get(random.nextInt(titles.size()));
                    result.add(title.length() > 12 ? title.substring(0, 12) : title);
                }
                case 8 -> result.add("\"" + hanSample(text, 4, random) + "\"");
                default -> result.add(hanSample(text, 3, random) + " year:2018..2024");
            }
        }
        result.removeIf(q -> q.replace("\"", "").isBlank());
        return result;
    }

    /** A run of {@code length} CJK characters from a random place in {@code text}. */
    private static String hanSample(String text, int length, Random random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int start = random.nextInt(Math.max(1, text.length() - length));
            String candidate = text.substring(start, Math.min(text.length(), start + length));
            if (candidate.length() == length && candidate.codePoints().allMatch(Character::isIdeographic)) {
                return candidate;
            }
        }
        return "法律";
    }

    private Latency measure(RecordSearch search, List<String> queryTexts, List<String> warmUp, Viewer viewer) {
        return measure(search, queryTexts, warmUp, viewer, true);
    }

    private Latency measure(RecordSearch search, List<String> queryTexts, List<String> warmUp, Viewer viewer,
            boolean facets) {
        return measure(search, queryTexts, warmUp, viewer, facets, progress);
    }

    /**
     * Latency of {@code queryTexts} after {@code warmUp}, one at a time on the calling thread; the five slowest go to
     * {@code progress}. With {@code facets} false: the page, the exact total and snippets, as a results page that
     * has its facets.
     */
    static Latency measure(RecordSearch search, List<String> queryTexts, List<String> warmUp, Viewer viewer,
            boolean facets, Consumer<String> progress) {
        // Warm-up: JIT and the facet state of the reader.
        for (String query : warmUp) {
            search.search(request(query, viewer, facets));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[queryTexts.size()];
        double[] cpu = new double[queryTexts.size()];
        for (int i = 0; i < queryTexts.size(); i++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            search.search(request(queryTexts.get(i), viewer, facets));
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Integer[] slowest = new Integer[millis.length];
        Arrays.setAll(slowest, i -> i);
        Arrays.sort(slowest, (a, b) -> Double.compare(millis[b], millis[a]));
        StringBuilder slow = new StringBuilder("slowest:");
        for (int i = 0; i < Math.min(5, slowest.length); i++) {
            slow.append(String.format(" %s (%.1f ms)", queryTexts.get(slowest[i]), millis[slowest[i]]));
        }
        progress.accept(slow.toString());
        return latency(millis, cpu);
    }

    /** The percentiles of wall-clock {@code millis} and CPU {@code cpu} milliseconds (both sorted in place). */
    static Latency latency(double[] millis, double[] cpu) {
        Arrays.sort(millis);
        Arrays.sort(cpu);
        return new Latency(millis.length, percentile(millis, 0.50), percentile(millis, 0.90),
                percentile(millis, 0.99), millis[millis.length - 1], percentile(cpu, 0.50), percentile(cpu, 0.99));
    }

    private static SearchRequest request(String query, Viewer viewer, boolean facets) {
        return new SearchRequest(query, viewer, SortOrder.RELEVANCE, 0, 10, facets);
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private Throughput synthetic(List<String> texts, List<String> titles) {
        List<String> paragraphs = new ArrayList<>();
        for (String text : texts) {
            for (String paragraph : text.split("\n\\s*\n")) {
                if (paragraph.strip().length() >= 20 && !paragraph.startsWith("#")) {
                    paragraphs.add(paragraph.strip());
                }
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        try (LuceneRecordIndex index = LuceneRecordIndex.open(work.resolve("synthetic-index"), RecordSource.empty());
                RecordIndex.BulkLoad load = index.bulkLoad()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            int perThread = (syntheticRecords + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int from = t * perThread;
                int to = Math.min(syntheticRecords, from + perThread);
                work.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        IndexedRecord record = syntheticRecord(i, paragraphs, titles);
                        bytes.addAndGet(record.body().getBytes(StandardCharsets.UTF_8).length
                                + record.title().getBytes(StandardCharsets.UTF_8).length);
                        load.index(record);
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
            pool.shutdown();
            index.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("synthetic indexing failed", e.getCause());
        }
        return new Throughput(syntheticRecords, bytes.get(), (System.nanoTime() - start) / 1_000_000,
                (processCpuNanos() - cpuStart) / 1_000_000);
    }

    private static IndexedRecord syntheticRecord(int i, List<String> paragraphs, List<String> titles) {
        Random random = new Random(i);
        StringBuilder body = new StringBuilder();
        int count = 3 + random.nextInt(6);
        for (int p = 0; p < count; p++) {
            body.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
        }
        boolean response = random.nextInt(4) == 0;
        String from = response ? UNITS[2 + random.nextInt(UNITS.length - 2)] : UNITS[random.nextInt(2)];
        String to = response ? UNITS[random.nextInt(2)] : UNITS[2 + random.nextInt(UNITS.length - 2)];
        LocalDate date = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3650));
        return IndexedRecord.builder("syn-" + i, response ? RecordKind.RESPONSE : RecordKind.INSTRUMENT)
                .type(response ? "reply" : TYPES[random.nextInt(TYPES.length)])
                .number("检建〔" + date.getYear() + "〕" + (i % 1000 + 1) + "号")
                .title("关于" + titles.get(random.nextInt(titles.size())) + "执行情况的" + (response ? "回复" : "检察建议"))
                .body(body.toString())
                .issuingUnit(from).recipientUnits(List.of(to))
                .domain(DOMAINS[random.nextInt(DOMAINS.length)])
                .status(STATUSES[random.nextInt(STATUSES.length)])
                .date(date)
                .instrumentId(response ? "syn-" + Math.max(0, i - 1) : null)
                .build();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Deletes the work folder's indexes. */
    public static void clean(Path work) {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + work, e);
        }
    }
}
