package org.wenshu.search;

import java.util.Optional;

/** The writable search index (检索索引): updates are searchable within a second, rebuilds come from the archive. */
public interface RecordIndex extends RecordSearch {

    /** Adds or replaces the record with {@code record.id()}. */
    void index(IndexedRecord record);

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
