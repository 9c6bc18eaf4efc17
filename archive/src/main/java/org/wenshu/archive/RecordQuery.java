package org.wenshu.archive;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * 文书查询: a filter over committed records, every criterion optional. Access rules are criteria too: the web layer
 * narrows every query to the units a user may see ({@code visibleTo}), so lists and counts never include others.
 *
 * @param visibleTo       when present, only records whose issuing unit, 主送, 抄送 or 抄报 unit is one of these unit ids
 * @param issuingUnits    when present, only records issued by one of these unit ids
 * @param addressedTo     when present, only records with this unit id as 主送 (main recipient)
 * @param typeId          instrument type id
 * @param status          stored status (ISSUED, DELIVERED, RESPONDED, CLOSED, WITHDRAWN)
 * @param year            year of the document number
 * @param overdueOn       when present, only records overdue on this date (a reply owed, the due date passed)
 */
public record RecordQuery(Optional<Set<String>> visibleTo, Optional<Set<String>> issuingUnits,
                          Optional<String> addressedTo, Optional<String> typeId, Optional<RecordStatus> status,
                          Optional<Integer> year, Optional<LocalDate> overdueOn) {

    /** Every committed record. */
    public static RecordQuery all() {
        return new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public RecordQuery visibleTo(Set<String> unitIds) {
        return new RecordQuery(Optional.of(Set.copyOf(unitIds)), issuingUnits, addressedTo, typeId, status, year, overdueOn);
    }

    public RecordQuery issuedBy(Set<String> unitIds) {
        return new RecordQuery(visibleTo, Optional.of(Set.copyOf(unitIds)), addressedTo, typeId, status, year, overdueOn);
    }

    public RecordQuery addressedTo(String unitId) {
        return new RecordQuery(visibleTo, issuingUnits, Optional.of(unitId), typeId, status, year, overdueOn);
    }

    public RecordQuery type(String type) {
        return new RecordQuery(visibleTo, issuingUnits, addressedTo, Optional.of(type), status, year, overdueOn);
    }

    public RecordQuery status(RecordStatus value) {
        return new RecordQuery(visibleTo, issuingUnits, addressedTo, typeId, Optional.of(value), year, overdueOn);
    }

    public RecordQuery year(int value) {
        return new RecordQuery(visibleTo, issuingUnits, addressedTo, typeId, status, Optional.of(value), overdueOn);
    }

    public RecordQuery overdueOn(LocalDate day) {
        return new RecordQuery(visibleTo, issuingUnits, addressedTo, typeId, status, year, Optional.of(day));
    }

    /** One page of records matching a query, newest first, and how many match in all. */
    public record Page(java.util.List<InstrumentRecord> items, long total, int offset, int limit) {
    }
}
