package org.wenshu.archive.tracking;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.UploadedFile;

/**
 * A progress report as a unit's liaison submits it.
 *
 * @param actingUnit  the reporting unit (id, name or short name); must be responsible for the item
 * @param actor       the account submitting it (for the audit trail)
 * @param completedOn the completion date, if the work is done
 * @param files       evidence files (PDF, DOCX, OFD, JPEG, PNG), inspected before anything is stored; may be empty
 */
public record ReportSubmission(String itemId, String actingUnit, String actor, String text,
                               Optional<LocalDate> completedOn, List<UploadedFile> files) {

    public ReportSubmission {
        completedOn = completedOn == null ? Optional.empty() : completedOn;
        files = files == null ? List.of() : List.copyOf(files);
    }
}
