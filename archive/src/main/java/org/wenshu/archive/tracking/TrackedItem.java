package org.wenshu.archive.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * 督办事项: a work point (工作要点) or a meeting's resolution (议定事项), tracked per responsible unit until the office
 * accepts each unit's report.
 *
 * @param listId   the work-point list, for a WORK_POINT
 * @param sourceId the list's id (WORK_POINT) or the meeting's record id (RESOLUTION)
 * @param active   whether units see and report on it: its list is published, or it is a resolution
 * @param units    the lead unit first, then the co-operating units in the order given
 */
public record TrackedItem(String id, Optional<String> listId, SourceKind source, String sourceId, int number, int year,
                          String title, String description, Deadline deadline, boolean active, List<UnitProgress> units,
                          Instant createdAt) {

    /** The lead unit (牵头单位). */
    public Unit lead() {
        return units.stream().filter(u -> u.role() == UnitRole.LEAD).findFirst().orElseThrow().unit();
    }

    /** The co-operating units (配合单位). */
    public List<Unit> coUnits() {
        return units.stream().filter(u -> u.role() == UnitRole.CO).map(UnitProgress::unit).toList();
    }

    /** Where {@code unitId} stands, if it is responsible for this item. */
    public Optional<UnitProgress> progressOf(String unitId) {
        return units.stream().filter(u -> u.unit().id().equals(unitId)).findFirst();
    }

    /** Whether any responsible unit is overdue. */
    public boolean overdue() {
        return units.stream().anyMatch(UnitProgress::overdue);
    }
}
