package org.wenshu.archive.tracking;

import org.wenshu.archive.Unit;

/**
 * One unit's tracked items of a year, counted for the dashboard and the yearly inspection (年度检查): each
 * (item, unit) pair counts once.
 *
 * @param total   items the unit is responsible for
 * @param onTime  accepted, completed (report submitted) on or before the due date
 * @param late    accepted, completed after the due date
 * @param open    not accepted yet (open, reported, returned or overdue)
 * @param overdue of {@code open}, those past their due date without a pending report
 */
public record UnitTally(Unit unit, int total, int onTime, int late, int open, int overdue) {
}
