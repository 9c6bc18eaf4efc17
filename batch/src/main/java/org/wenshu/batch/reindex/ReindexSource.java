package org.wenshu.batch.reindex;

import java.util.List;

import org.wenshu.archive.RecordChange;
import org.wenshu.search.IndexedRecord;

/**
 * What the reindex job reads from the archive and how it swaps the new index in (implemented in {@code app} with the
 * mapping the index follower uses, so that a rebuilt record is the record the follower would have written).
 */
public interface ReindexSource {

    /**
     * The index records of the record {@code change} names, as the archive holds it now: an instrument with its
     * responses, a reference text, a lead; empty when the record is gone or is of a kind read by {@link #unlogged}.
     */
    List<IndexedRecord> recordsOf(RecordChange change);

    /** Ids of the records kept outside the change log (tracked items, each with its progress reports), sorted. */
    List<String> unloggedIds();

    /** The index records of the unlogged record {@code id} (a tracked item and its reports); empty when gone. */
    List<IndexedRecord> unlogged(String id);

    /**
     * Replaces the search index with the committed parts of index generation {@code generation} and, before any
     * search sees it, re-applies every archive change after {@code afterSeq} (changes made while the generation was
     * built); no catch-up of the follower runs meanwhile.
     *
     * @return the records in the index after the swap
     */
    long replaceIndex(String generation, long afterSeq);
}
