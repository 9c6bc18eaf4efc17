package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.wenshu.search.bench.SearchBenchmark;
import org.wenshu.search.bench.SearchBenchmark.Figures;
import org.wenshu.search.bench.SearchBenchmark.Latency;
import org.wenshu.search.bench.SearchBenchmark.Throughput;
import org.wenshu.search.bench.ResidentMemory;
import org.wenshu.search.bench.SemanticBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wenshu bench search}: import + index throughput and query latency, on the law corpus and at 100k records,
 * words only and with retrieval by meaning (query embedding latency, hybrid search latency, indexing with embedding,
 * resident memory with and without the model).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "检索基准 (search benchmark): import MB/s, query p50/p99 on the corpus and on a synthetic index,"
                + " words only and with retrieval by meaning.")
class BenchSearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "${sys:wenshu.root:-.}/../shared/corpus/laws",
            description = "folder of texts to import (default: the law corpus)")
    Path corpus;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100000",
            description = "records in the synthetic index (default 100000)")
    int records;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "500", description = "queries per measurement")
    int queries;

    @Option(names = "--words", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure the words side as before (--no-words: the meaning side only)")
    boolean words;

    @Option(names = "--semantic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure retrieval by meaning (--no-semantic: words only)")
    boolean semantic;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "${sys:wenshu.root:-.}/data/models",
            description = "folder the sentence model is copied to from its jar once and opened from"
                    + " (default: data/models, as ./wenshu serve)")
    Path models;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "vector cache to take passage vectors from (copied, never written); without it the"
                    + " indexes with vectors hold only the texts embedded in this run")
    Path vectors;

    @Option(names = "--embed-texts", paramLabel = "N", defaultValue = "50",
            description = "corpus texts indexed with every passage embedded for real (default 50)")
    int embedTexts;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(corpus)) {
            throw new ExitCodes.BadInput("--corpus: not a folder: " + corpus);
        }
        if (records < 1 || queries < 10) {
            throw new ExitCodes.BadInput("--records must be >= 1 and --queries >= 10");
        }
        if (vectors != null && !Files.isRegularFile(vectors)) {
            throw new ExitCodes.BadInput("--vectors: not a file: " + vectors);
        }
        if (embedTexts < 1) {
            throw new ExitCodes.BadInput("--embed-texts must be >= 1");
        }
        if (!words && !semantic) {
            throw new ExitCodes.BadInput("--no-words and --no-semantic leave nothing to measure");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (words) {
            words(out);
        }
        if (semantic) {
            semantic(out);
        }
        return ExitCodes.OK;
    }

    private void words(PrintWriter out) throws IOException {
        Path work = Files.createTempDirectory("wenshu-bench-search");
        try {
            Figures figures = new SearchBenchmark(corpus, work, records, queries,
                    message -> spec.commandLine().getErr().println("bench: " + message)).run();
            print(out, "corpus import + index, steady state (target >= 5 MB/s; median of 3 after a warm-up)", "texts",
                    figures.warmCorpusIndexing());
            print(out, "corpus import + index, first run in a fresh JVM (JIT compiling meanwhile)", "texts",
                    figures.corpusIndexing());
            print(out, "corpus queries (researcher)", figures.corpusQueries());
            print(out, "synthetic index", "records", figures.syntheticIndexing());
            print(out, "synthetic queries (researcher)", figures.syntheticQueries());
            print(out, "synthetic queries (agency)", figures.syntheticAgencyQueries());
            print(out, "synthetic queries (researcher, without facets)", figures.syntheticPageQueries());
            out.println("queries are full requests: parse, rank, exact total, facets over all matches (unless without"
                    + " facets), snippets of the top 10; p99 target < 50 ms at 100000 records");
            print(out, "resident memory after the words side, no model loaded", ResidentMemory.now());
        } finally {
            SearchBenchmark.clean(work);
        }
    }

    private void semantic(PrintWriter out) throws IOException {
        Path work = Files.createTempDirectory("wenshu-bench-semantic");
        try {
            SemanticBenchmark.Figures f = new SemanticBenchmark(new SemanticBenchmark.Options(corpus, work, models,
                    Optional.ofNullable(vectors), records, queries, embedTexts),
                    message -> spec.commandLine().getErr().println("bench: " + message)).run();
            out.println("retrieval by meaning (bge-small-zh-v1.5, ONNX Runtime, one thread per call); load average"
                    + " before " + f.loadBefore() + ", after " + f.loadAfter());
            out.println("vectors: " + f.vectors() + "; corpus with vectors: " + f.corpusNote() + "; synthetic records:"
                    + " runs of 1-4 consecutive passages of those texts under their title, so every passage vector is"
                    + " the model's real vector of that exact text, repeated across records");
            SemanticBenchmark.QueryEmbedding q = f.queryEmbedding();
            print(out, String.format("query embedding, one core (distinct queries, none cached; %.1f characters on"
                    + " average, at most %d, plus the model's instruction; target p99 < 20 ms)", q.meanChars(),
                    q.maxChars()), q.latency());
            print(out, "corpus", f.corpus());
            print(out, "synthetic", f.synthetic());
            SemanticBenchmark.Embedding e = f.embedding();
            print(out, "subset of " + e.texts() + " corpus texts, words only (second import)", "texts", e.words());
            print(out, "same texts with every passage embedded (" + e.passages() + " passages, "
                    + String.format("%.1f passages/s, %.1f per CPU-second", e.passagesPerSecond(),
                            e.passages() / (e.embedded().cpuMillis() / 1000.0))
                    + ", until all vectors are in)", "texts",
                    e.embedded());
            print(out, "resident memory before loading the model (after a full GC)", f.beforeModel());
            print(out, "resident memory after loading the model and embedding the warm-up queries (after a full GC)", f.afterModel());
            print(out, "resident memory at the end", f.end());
            out.println("hybrid queries are full requests as above, plus the query's embedding by the model and"
                    + " the kNN search over passage vectors (access and filters applied); p99 target < 60 ms at 100000"
                    + " records");
        } finally {
            SearchBenchmark.clean(work);
        }
    }

    private static void print(PrintWriter out, String what, SemanticBenchmark.Searched s) {
        print(out, String.format("%s index with vectors (%d records, %d passage vectors, %d distinct; %d embedded"
                + " for lack of a cached vector)", what, s.records(), s.passages(), s.distinctPassages(),
                s.computed()), "records", s.indexing());
        print(out, what + " queries, words only (researcher)", s.words());
        print(out, what + " queries, hybrid (researcher)", s.hybrid());
        print(out, what + " queries, hybrid (agency)", s.hybridAgency());
        print(out, what + " queries, hybrid (researcher, without facets)", s.hybridWithoutFacets());
    }

    private static void print(PrintWriter out, String what, ResidentMemory memory) {
        out.printf("%s: resident %.0f MB (peak so far %.0f MB), heap used %.0f MB of %.0f MB committed, resident"
                + " beyond the committed heap %.0f MB%n", what, memory.residentMegabytes(), memory.peakMegabytes(),
                memory.heapUsedBytes() / 1e6, memory.heapCommittedBytes() / 1e6, memory.outsideHeapMegabytes());
    }

    private static void print(PrintWriter out, String what, String unit, Throughput throughput) {
        out.printf("%s: %d %s, %.1f MB in %.1f s = %.3g MB/s; CPU %.1f s = %.3g MB per CPU-second%n", what,
                throughput.records(), unit, throughput.bytes() / 1e6, throughput.millis() / 1000.0,
                throughput.megabytesPerSecond(), throughput.cpuMillis() / 1000.0, throughput.megabytesPerCpuSecond());
    }

    private static void print(PrintWriter out, String what, Latency latency) {
        out.printf("%s: %d queries, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; CPU p50 %.1f ms, p99 %.1f ms%n",
                what, latency.count(), latency.p50(), latency.p90(), latency.p99(), latency.max(), latency.cpuP50(),
                latency.cpuP99());
    }
}
