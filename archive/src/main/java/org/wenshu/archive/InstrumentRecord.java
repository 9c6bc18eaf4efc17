package org.wenshu.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 文书记录: an issued instrument as the register and archive hold it.
 *
 * @param dueDate the reply due date: from delivery once delivered, provisionally from the issue date before
 * @param objects the stored files (instrument.pdf, record.json, lifecycle events) with their hashes
 */
public record InstrumentRecord(String id, DocumentNumber number, String typeId, String typeName, String title,
                               Unit issuingUnit, List<Unit> recipients, List<Unit> copiedUnits, boolean urgent,
                               ReplyTerm replyTerm, RecordStatus status, Instant issuedAt, Optional<LocalDate> dueDate,
                               Optional<Delivery> delivery, Optional<Closing> closing, Optional<String> withdrawReason,
                               Map<String, Object> fields, List<StoredFile> objects, String idempotencyKey) {

    /** 逾期: a response is still owed and the due date has passed. */
    public boolean overdue(LocalDate today) {
        return status.awaitsResponse() && dueDate.map(today::isAfter).orElse(false);
    }

    /** The status to show: OVERDUE instead of ISSUED/DELIVERED once the due date has passed. */
    public String displayStatus(LocalDate today) {
        return overdue(today) ? "OVERDUE" : status.name();
    }
}
