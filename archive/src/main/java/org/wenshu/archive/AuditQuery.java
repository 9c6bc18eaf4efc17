package org.wenshu.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 审计查询: a filter over the audit trail, every criterion optional.
 *
 * @param recordId the record id exactly
 * @param actor    part of the actor's name (case-insensitive)
 * @param action   the action exactly, e.g. ISSUED, DELIVERED, RESPONDED
 * @param from     events at or after this instant
 * @param until    events before this instant
 */
public record AuditQuery(Optional<String> recordId, Optional<String> actor, Optional<String> action,
                         Optional<Instant> from, Optional<Instant> until) {

    /** Every event. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** One page of events matching a query, newest first, and how many match in all. */
    public record Page(List<AuditEvent> items, long total, int offset, int limit) {
    }
}
