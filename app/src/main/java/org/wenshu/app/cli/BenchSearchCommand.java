package org.wenshu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.wenshu.search.bench.SearchBenchmark;
import org.wenshu.search.bench.SearchBenchmark.Figures;
import org.wenshu.search.bench.SearchBenchmark.Latency;
import org.wenshu.search.bench.SearchBenchmark.Throughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wenshu bench search}: import + index throughput and query latency, on the law corpus and at 100k records. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "检索基准 (search benchmark): import MB/s, query p50/p99 on the corpus and on a synthetic index.")
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

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(corpus)) {
            throw new ExitCodes.BadInput("--corpus: not a folder: " + corpus);
        }
        if (records < 1 || queries < 10) {
            throw new ExitCodes.BadInput("--records must be >= 1 and --queries >= 10");
        }
        PrintWriter out = spec.commandLine().getOut();
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
        } finally {
            SearchBenchmark.clean(work);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, String what, String unit, Throughput throughput) {
        out.printf("%s: %d %s, %.1f MB in %.1f s = %.1f MB/s; CPU %.1f s = %.1f MB per CPU-second%n", what,
                throughput.records(), unit, throughput.bytes() / 1e6, throughput.millis() / 1000.0,
                throughput.megabytesPerSecond(), throughput.cpuMillis() / 1000.0, throughput.megabytesPerCpuSecond());
    }

    private static void print(PrintWriter out, String what, Latency latency) {
        out.printf("%s: %d queries, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; CPU p50 %.1f ms, p99 %.1f ms%n",
                what, latency.count(), latency.p50(), latency.p90(), latency.p99(), latency.max(), latency.cpuP50(),
                latency.cpuP99());
    }
}
