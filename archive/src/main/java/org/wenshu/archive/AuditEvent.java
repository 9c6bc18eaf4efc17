package org.wenshu.archive;

import java.time.Instant;
import java.util.Optional;

/** 审计事件: one append-only entry of the hash-chained audit trail. */
public record AuditEvent(long seq, Instant occurredAt, String actor, String action, Optional<String> recordId,
                         String detail, String previousHash, String hash) {
}
