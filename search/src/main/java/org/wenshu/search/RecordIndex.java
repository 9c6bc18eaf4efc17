package org.wenshu.search;

import java.util.Optional;

/** The writable search index (检索索引): updates are searchable within a second, rebuilds come from the archive. */
public interface RecordIndex extends RecordSearch {

    /** Adds or replaces the record with {@code record.id()}. */
    void index(IndexedRecord record);

    /**
     * Starts a bulk load (批量写入) for imports and rebuilds: records written through it become searchable when it
     * closes (and at least every half minute meanwhile), not within a second. Reopening the searcher for each
     * second of a bulk load would cut the index into small segments only to merge them again. Writes through
     * {@link #index(IndexedRecord)} during a bulk load keep their one-second guarantee.
     */
    BulkLoad bulkLoad();

    /** An open bulk load; thread-safe. Closing it makes everything written through it searchable. */
    interface BulkLoad extends AutoCloseable {

        /** Adds or replaces the record with {@code record.id()}, as {@link RecordIndex#index(IndexedRecord)}. */
        void index(IndexedRecord record);

        @Override
        void close();
    }

    /** Removes the record with {@code id}, if present. */
    void delete(String id);

    /** True if a record with {@code id} is indexed (including changes not yet committed). */
    boolean contains(String id);

    /** Id of the reference text imported from {@code source} (a path relative to its import folder), if any. */
    Optional<String> referenceAt(String source);

    /** Replaces the whole index with the records of {@code source}; searches see the old index until it is done. */
    void rebuild(RecordSource source);

    /** Makes every change so far visible to searches now (they become visible within a second anyway). */
    void refresh();

    /** Makes every change so far durable. */
    void commit();
}
