package org.wenshu.app;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.archive.Archive;
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

    /** Settings of the search index. */
    @ConfigurationProperties("wenshu.search")
    public record SearchProperties(Path index) {
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
    IndexUpdates indexUpdates(ArchiveIndexing indexing, RecordIndex index) {
        return new IndexUpdates(indexing, index);
    }

    @Bean(destroyMethod = "close")
    RecordIndex recordIndex(SearchProperties properties, ObjectProvider<RecordSource> archive) {
        return LuceneRecordIndex.open(properties.index(), archive.getIfAvailable(RecordSource::empty));
    }

    @Bean
    ReferenceImporter referenceImporter(RecordIndex index, ObjectProvider<ImportSink> archive) {
        return new ReferenceImporter(index, archive.getIfAvailable(() -> ImportSink.NONE));
    }
}
