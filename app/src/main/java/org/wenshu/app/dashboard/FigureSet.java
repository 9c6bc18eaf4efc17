package org.wenshu.app.dashboard;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.RecordFigures.LapsedReply;
import org.wenshu.archive.RecordFigures.MonthCount;
import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.Unit;

/**
 * The figures of one filter as one viewer may see them, computed on {@code today} in {@code zone}: the typed figures
 * and the same figures as printed tables ({@link #tables}), which the page, the JSON and the report share.
 *
 * @param states       instruments per stored status, in {@link RecordStatus} order
 * @param total        instruments in scope
 * @param overdue      instruments awaiting replies past their due date
 * @param overall      the reply figures of all agencies together (合计)
 * @param domainMonths instruments per 领域 and month of issue
 * @param overdueTrend owed replies that went past their deadline unanswered, per month of the deadline
 * @param lapsed       owed replies answered late, overdue or pending, per agency (the report's; empty on the dashboard)
 */
public record FigureSet(Optional<Integer> year, Optional<Unit> unit, LocalDate today, ZoneId zone,
                        List<StateCount> states, long total, long overdue, List<AgencyFigures> agencies, AgencyFigures overall,
                        List<MonthCount> domainMonths, List<MonthCount> overdueTrend, List<LapsedReply> lapsed,
                        List<FigureTable> tables) {

    /** Instruments in one stored status. */
    public record StateCount(RecordStatus status, long count) {

        public String label() {
            return status.label();
        }
    }

    /** Instruments in scope in {@code status}. */
    public long count(RecordStatus status) {
        return states.stream().filter(s -> s.status() == status).mapToLong(StateCount::count).sum();
    }

    /** Instruments in scope that are closed (已办结). */
    public long closed() {
        return count(RecordStatus.CLOSED);
    }

    /** The section with this id. */
    public Optional<FigureTable> table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
