package org.wenshu.archive.tracking;

import java.time.Instant;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * One responsible unit of a tracked item and where it stands.
 *
 * @param status        the effective status as of the day the item was read (OVERDUE derived from the due date)
 * @param acceptedCount reports the office accepted (a frequency item is done once this reaches its target)
 * @param completedAt   when the report that completed the item was submitted, once ACCEPTED
 */
public record UnitProgress(Unit unit, UnitRole role, ProgressStatus status, int acceptedCount,
                           Optional<Instant> completedAt) {

    public boolean overdue() {
        return status == ProgressStatus.OVERDUE;
    }
}
