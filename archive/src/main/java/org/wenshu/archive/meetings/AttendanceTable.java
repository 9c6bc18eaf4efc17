package org.wenshu.archive.meetings;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * 参会回执汇总: every unit a meeting notice invited (its 主送 and 抄送 units, in the notice's order) with its reply,
 * if any, for the office that convened the meeting.
 *
 * @param meetingDate the meeting's date; replies and corrections are accepted on the days before it
 * @param replyBy     the notice's 回执截止日期
 */
public record AttendanceTable(String noticeId, String noticeNumber, String title, LocalDate meetingDate,
                              LocalDate replyBy, List<Row> rows) {

    public AttendanceTable {
        rows = List.copyOf(rows);
    }

    /**
     * One invited unit.
     *
     * @param copied true for a 抄送 unit, false for a 主送 unit
     */
    public record Row(Unit unit, boolean copied, Optional<AttendanceReply> reply) {

        /** The Chinese status shown in the table: 参会, 请假 or 未回执. */
        public String status() {
            return reply.map(r -> r.decision().label()).orElse("未回执");
        }
    }

    /** Units that replied at all. */
    public long replied() {
        return rows.stream().filter(row -> row.reply().isPresent()).count();
    }

    /** Units that attend. */
    public long attending() {
        return rows.stream().filter(row -> row.reply().filter(r -> r.decision() == Decision.ATTEND).isPresent()).count();
    }

    /** Units on leave. */
    public long onLeave() {
        return rows.stream().filter(row -> row.reply().filter(r -> r.decision() == Decision.LEAVE).isPresent()).count();
    }

    /** Units that have not replied (缺回执). */
    public List<Unit> missing() {
        return rows.stream().filter(row -> row.reply().isEmpty()).map(Row::unit).toList();
    }

    /** Everyone who attends, unit by unit. */
    public int people() {
        return rows.stream().flatMap(row -> row.reply().stream())
                .filter(r -> r.decision() == Decision.ATTEND).mapToInt(r -> r.attendees().size()).sum();
    }

    /** The reply of one unit, if it replied. */
    public Optional<AttendanceReply> replyOf(String unitId) {
        return rows.stream().filter(row -> row.unit().id().equals(unitId)).findFirst().flatMap(Row::reply);
    }
}
