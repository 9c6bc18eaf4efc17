package org.wenshu.archive.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * 进展报告: what a responsible unit reports on a tracked item, with its evidence files and the office's decision.
 *
 * @param completedOn the completion date the unit states (完成日期), if it says the work is done
 * @param submittedBy the account that submitted it
 * @param reason      the office's reason when it returned the report (or its note when it accepted it)
 */
public record ProgressReport(String id, String itemId, Unit unit, String text, Optional<LocalDate> completedOn,
                             Instant submittedAt, String submittedBy, Decision decision, Optional<String> reason,
                             Optional<Instant> decidedAt, Optional<String> decidedBy, List<EvidenceFile> files) {
}
