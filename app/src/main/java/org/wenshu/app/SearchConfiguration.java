package org.wenshu.app;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.search.IndexLocked;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSource;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;
import org.wenshu.search.query.Ranking;
import org.wenshu.search.semantic.BgeSmallZhEmbedder;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * Wires the search module: the writable index under {@code wenshu.search.index} (default
 * {@code ${wenshu.home}/index}), rebuilt from the {@link RecordSource} bean when its schema is stale, and the
 * reference importer storing through the {@link ImportSink} bean; both are the archive. Changes to the archive reach
 * the index through its change log ({@link IndexUpdates}). With {@code wenshu.search.semantic.enabled} (default on)
 * the index also embeds passages with bge-small-zh in the background and answers queries by meaning too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchConfiguration.SearchProperties.class)
public class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);
    private static final long LOCK_POLL_MILLIS = 250;

    /**
     * Settings of the search index.
     *
     * @param index    the Lucene index folder
     * @param lockWait how long opening the writable index waits while another process writes it (a command line
     *                 finishing its work); 0 fails at once with {@link IndexLocked}
     * @param semantic retrieval by meaning (bge-small-zh passage vectors fused with BM25)
     */
    @ConfigurationProperties("wenshu.search")
    public record SearchProperties(Path index, @DefaultValue("0s") Duration lockWait, @DefaultValue Semantic semantic) {
    }
    /**
     * Retrieval by meaning (语义检索).
     *
     * @param enabled switches the sentence model off for a small deployment: words only, no vectors computed
     * @param models  folder the model file is copied to once from its jar and opened from
     */
    public record Semantic(@DefaultValue("true") boolean enabled, Path models) {
    }

    /** The sentence model when semantic retrieval is on; loaded on first use. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "wenshu.search.semantic.enabled", havingValue = "true", matchIfMissing = true)
    SentenceEmbedder sentenceEmbedder(SearchProperties properties) {
        return BgeSmallZhEmbedder.lazy(modelsOf(properties));
    }

    /** Where the sentence model is kept: the configured folder, else beside the index. */
    public static Path modelsOf(SearchProperties properties) {
        return properties.semantic().models() != null ? properties.semantic().models()
                : properties.index().toAbsolutePath().resolveSibling("models");
    }

    @Bean
    ArchiveIndexing archiveIndexing(Archive archive, TrackedItems trackedItems, SearchProperties properties,
                                    ArchiveConfiguration.ArchiveProperties archiveProperties) {
        Path applied = properties.index().toAbsolutePath().resolveSibling("index-applied-seq");
        return new ArchiveIndexing(archive, trackedItems, applied, archiveProperties.zone());
    }

    @Bean
    ImportSink archiveImportSink(Archive archive) {
        return file -> archive.storeReference(file.source(), file.bytes(), file.mediaType());
    }

    @Bean
    IndexUpdates indexUpdates(ArchiveIndexing indexing, ObjectProvider<RecordIndex> index) {
        // Asked at each update: a command line beside a running server never opens the writer the server holds.
        return new IndexUpdates(indexing, index::getObject);
    }

    @Bean(destroyMethod = "close")
    RecordIndex recordIndex(SearchProperties properties, ObjectProvider<RecordSource> archive,
            ObjectProvider<SentenceEmbedder> embedder) throws InterruptedException {
        RecordSource source = archive.getIfAvailable(RecordSource::empty);
        long deadline = System.nanoTime() + properties.lockWait().toNanos();
        boolean announced = false;
        while (true) {
            try {
                return LuceneRecordIndex.open(properties.index(), source, Ranking.standard(), embedder.getIfAvailable());
            } catch (IndexLocked locked) {
                if (System.nanoTime() >= deadline) {
                    throw locked;
                }
                if (!announced) {
                    log.warn("{}; waiting up to {} s for it to finish", locked.getMessage(),
                            properties.lockWait().toSeconds());
                    announced = true;
                }
                Thread.sleep(LOCK_POLL_MILLIS);
            }
        }
    }

    @Bean
    ReferenceImporter referenceImporter(RecordIndex index, ObjectProvider<ImportSink> archive) {
        return new ReferenceImporter(index, archive.getIfAvailable(() -> ImportSink.NONE));
    }
}
