package org.wenshu.batch.reindex;

import org.wenshu.archive.RecordChange;

/**
 * One record for a reindex worker to read: the change-log entry that named it, or (change empty) an unlogged record.
 *
 * @param change the change that named the record; null for an unlogged record
 * @param id     the record id
 */
record RecordKey(RecordChange change, String id) {

    static RecordKey logged(RecordChange change) {
        return new RecordKey(change, change.recordId());
    }

    static RecordKey unlogged(String id) {
        return new RecordKey(null, id);
    }

    /** Partition {@code 0 <= p < partitions} of a record id: String's hash is specified, so a restart agrees. */
    static int partitionOf(String id, int partitions) {
        return Math.floorMod(id.hashCode(), partitions);
    }
}
