package org.wenshu.batch;

/**
 * Brings the search index up to date with the archive's change log (implemented in {@code app}); a failure leaves
 * the changes in the log for the next catch-up.
 */
@FunctionalInterface
public interface IndexFollower {

    /** Applies every pending archive change to the index; returns how many, or -1 if the index could not be updated. */
    int catchUp();
}
