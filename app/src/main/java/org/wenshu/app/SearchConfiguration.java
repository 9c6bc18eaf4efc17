package org.wenshu.app;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
import org.wenshu.search.IndexLocked;
import org.wenshu.search.LuceneRecordIndex;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordSource;
import org.wenshu.search.imports.ImportSink;
import org.wenshu.search.imports.ReferenceImporter;

/**
 * Wires the search module: the writable index under {@code wenshu.search.index} (default
 * {@code ${wenshu.home}/index}), rebuilt from the {@link RecordSource} bean when its schema is stale, and the
 * reference importer storing through the {@link ImportSink} bean; both are the archive. Changes to the archive reach
 * the index through its change log ({@link IndexUpdates}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchConfiguration.SearchProperties.class)
public class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);
    private static final long LOCK_POLL_MILLIS = 250;

    /**
     * Settings of the search index. {@code lockWait}: how long opening the writable index waits while another
     * process writes it (a command line finishing its work); 0 fails at once with {@link IndexLocked}.
     */
    @ConfigurationProperties("wenshu.search")
    public record SearchProperties(Path index, @DefaultValue("0s") Duration lockWait) {
    }

    @Bean
    ArchiveIndexing archiveIndexing(Archive archive, SearchProperties properties,
                                    ArchiveConfiguration.ArchiveProperties archiveProperties) {
        Path applied = properties.index().toAbsolutePath().resolveSibling("index-applied-seq");
        return new ArchiveIndexing(archive, applied, archiveProperties.zone());
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
    RecordIndex recordIndex(SearchProperties properties, ObjectProvider<RecordSource> archive) throws InterruptedException {
        RecordSource source = archive.getIfAvailable(RecordSource::empty);
        long deadline = System.nanoTime() + properties.lockWait().toNanos();
        boolean announced = false;
        while (true) {
            try {
                return LuceneRecordIndex.open(properties.index(), source);
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
