package org.wenshu.search.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordSource;
import org.wenshu.search.bench.SemanticBenchmark.Embedding;
import org.wenshu.search.bench.SemanticBenchmark.Options;
import org.wenshu.search.bench.SearchBenchmark.Throughput;
import org.wenshu.search.imports.ImportReport;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.CachingEmbedder;
import org.wenshu.search.semantic.SentenceEmbedder;

/** Import throughput of the same corpus texts without and with every passage embedded by the model (向量化导入). */
final class EmbeddedImport {

    private final Options options;
    private final Consumer<String> progress;

    EmbeddedImport(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Imports {@code embedTexts} corpus texts (a seeded random choice) into a fresh index twice without vectors (the
     * first as warm-up), then once with every passage embedded by {@code model} through an empty cache.
     */
    Embedding measure(SentenceEmbedder model, List<Path> files, Path vectors) throws IOException {
        List<Path> chosen = new ArrayList<>(files);
        Collections.shuffle(chosen, new Random(11));
        chosen = chosen.subList(0, Math.min(options.embedTexts(), chosen.size()));
        Path subset = options.work().resolve("subset");
        for (Path file : chosen) {
            Path copy = subset.resolve(options.corpus().relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        Throughput words = null;
        for (int run = 0; run < 2; run++) {
            Path index = options.work().resolve("subset-words-" + run);
            long cpu = SearchBenchmark.processCpuNanos();
            try (LuceneRecordIndex target = LuceneRecordIndex.open(index, RecordSource.empty())) {
                ImportReport report = new ReferenceImporter(target, ImportSink.NONE).importFolder(subset);
                words = new Throughput(report.added(), report.bytes(), report.millis(),
                        (SearchBenchmark.processCpuNanos() - cpu) / 1_000_000);
            }
            SearchBenchmark.clean(index);
        }
        Files.deleteIfExists(vectors);
        try (CachingEmbedder fresh = CachingEmbedder.over(unclosed(model), vectors)) {
            long cpu = SearchBenchmark.processCpuNanos();
            long start = System.nanoTime();
            ImportReport report;
            try (LuceneRecordIndex index = LuceneRecordIndex.open(options.work().resolve("subset-semantic"),
                    RecordSource.empty(), Ranking.standard(), fresh)) {
                report = new ReferenceImporter(index, ImportSink.NONE).importFolder(subset);
                SemanticBenchmark.awaitVectors(index, progress);
                index.commit();
            }
            Throughput embedded = new Throughput(report.added(), report.bytes(),
                    (System.nanoTime() - start) / 1_000_000, (SearchBenchmark.processCpuNanos() - cpu) / 1_000_000);
            return new Embedding(report.added(), fresh.computed(), words, embedded);
        }
    }

    /** {@code model} without its {@code close()}: the cache over it closes, the model stays open for queries. */
    private static SentenceEmbedder unclosed(SentenceEmbedder model) {
        return new SentenceEmbedder() {
            @Override
            public String model() {
                return model.model();
            }

            @Override
            public int dimensions() {
                return model.dimensions();
            }

            @Override
            public float[] embedPassage(String passage) {
                return model.embedPassage(passage);
            }

            @Override
            public float[] embedQuery(String query) {
                return model.embedQuery(query);
            }

            @Override
            public void close() {
                // the caller closes the model
            }
        };
    }
}
