package org.wenshu.archive;

/**
 * One entry of the record change log, in commit order: search nodes follow it from their last applied {@code seq}.
 *
 * @param kind INSTRUMENT, RESPONSE or REFERENCE
 */
public record RecordChange(long seq, String recordId, String kind) {
}
