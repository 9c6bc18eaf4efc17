package org.wenshu.app.indexing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenshu.search.RecordIndex;

/**
 * Brings the search index up to date after a change to the archive. The archive is the source of truth: when the
 * index cannot be updated now, the change stays in the archive's change log and the next catch-up applies it.
 */
public final class IndexUpdates {

    private static final Logger log = LoggerFactory.getLogger(IndexUpdates.class);

    private final ArchiveIndexing indexing;
    private final RecordIndex index;

    public IndexUpdates(ArchiveIndexing indexing, RecordIndex index) {
        this.indexing = indexing;
        this.index = index;
    }

    /** Applies every pending archive change to the index; returns how many were applied, or -1 if it failed. */
    public int afterChange() {
        try {
            return indexing.catchUp(index);
        } catch (RuntimeException e) {
            log.warn("The search index could not be updated now; the next catch-up applies the change: {}", e.toString());
            return -1;
        }
    }
}
