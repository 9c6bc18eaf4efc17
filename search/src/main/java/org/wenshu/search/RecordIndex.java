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

    /**
     * Opens part {@code part} of the new index generation {@code generation} (新一代索引), a folder beside this index
     * that a rebuild fills while this index keeps serving: created empty, or reopened as last committed so that a
     * killed rebuild resumes. Names are 1-80 letters, digits, dots, hyphens or underscores.
     *
     * @throws IllegalArgumentException for an invalid name
     * @throws IndexLocked when the part is open elsewhere
     */
    IndexPart openPart(String generation, String part);

    /**
     * Replaces the whole index with the committed parts of {@code generation}: searches see the old index until the
     * new one, with the writes {@code beforeVisible} makes, is committed; then every search sees the new one at once.
     * A crash before that commit leaves the old index. The generation's folder is deleted afterwards.
     *
     * @return the records in the index now
     * @throws IllegalStateException when the generation has no committed part
     */
    long replaceWith(String generation, Runnable beforeVisible);

    /** Deletes the folders of every index generation except {@code keep} (a rebuild that is to resume). */
    void discardGenerations(Optional<String> keep);

    /**
     * One part of a new index generation, written by one thread: records are added (or replaced, by id) and become
     * part of the generation when committed; closing drops what was not committed.
     */
    interface IndexPart extends AutoCloseable {

        /** Adds or replaces the record with {@code record.id()}. */
        void index(IndexedRecord record);

        /** Makes everything written so far durable. */
        void commit();

        /** Records in the part, committed or not. */
        long size();

        @Override
        void close();
    }

    /**
     * Holds back the background embedding of passage vectors until the returned hold is closed, so that a
     * foreground bulk job has the cores; words stay searchable within a second and vectors follow afterwards.
     */
    default Hold holdVectors() {
        return () -> { };
    }

    /** A hold on the background embedding; closing it (once) lets the embedding go on. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes every change so far visible to searches now (they become visible within a second anyway). */
    void refresh();

    /** Makes every change so far durable. */
    void commit();
}
