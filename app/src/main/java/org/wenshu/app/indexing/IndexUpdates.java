package org.wenshu.app.indexing;

import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenshu.search.IndexLocked;
import org.wenshu.search.RecordIndex;

/**
 * Brings the search index up to date after a change to the archive. The archive is the source of truth: when the
 * index cannot be updated now, the change stays in the archive's change log and the next catch-up applies it. When
 * another process writes the index (a command line beside {@code wenshu serve}), that process's follower applies
 * the change. A failure that repeats (the index follower runs twice a second) is logged once, and so is the recovery.
 */
public final class IndexUpdates {

    private static final Logger log = LoggerFactory.getLogger(IndexUpdates.class);

    /** What {@link #afterChange()} returns when the index could not be updated now. */
    public static final int FAILED = -1;

    private final ArchiveIndexing indexing;
    private final Supplier<RecordIndex> index;
    // Written by whichever thread failed or recovered last; a lost update only repeats or skips one log line.
    private volatile String lastFailure;

    /** Updates {@code index}; the supplier is asked at each update, so the writer is opened only when needed. */
    public IndexUpdates(ArchiveIndexing indexing, Supplier<RecordIndex> index) {
        this.indexing = indexing;
        this.index = index;
    }

    public IndexUpdates(ArchiveIndexing indexing, RecordIndex index) {
        this(indexing, () -> index);
    }

    /**
     * Applies every pending archive change to the index and commits it; returns how many were applied, 0 when
     * another process writes the index (its follower applies them), or {@link #FAILED}.
     */
    public int afterChange() {
        return update(true);
    }

    /**
     * As {@link #afterChange()}, leaving the commit to the server's index follower (its next tick, within a second):
     * the change is searchable in this process when this returns, and the request that made it does not wait for
     * the index's files to be written and synced, nor for a commit of the follower in progress.
     */
    public int afterChangeCommittedLater() {
        return update(false);
    }

    private int update(boolean commit) {
        try {
            RecordIndex target = index.get();
            int applied = commit ? indexing.catchUp(target) : indexing.apply(target);
            if (lastFailure != null) {
                log.info("The search index is current again ({} archive changes applied)", applied);
                lastFailure = null;
            }
            return applied;
        } catch (RuntimeException e) {
            IndexLocked locked = lockedCause(e);
            if (locked != null) {
                log.info("{}: its follower indexes the change", locked.getMessage());
                return 0;
            }
            String failure = e.toString();
            if (!Objects.equals(failure, lastFailure)) {
                log.warn("The search index could not be updated now; the next catch-up applies the change "
                        + "(repeats of this failure are not logged): {}", failure);
                lastFailure = failure;
            }
            return FAILED;
        }
    }

    private static IndexLocked lockedCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IndexLocked locked) {
                return locked;
            }
        }
        return null;
    }
}
