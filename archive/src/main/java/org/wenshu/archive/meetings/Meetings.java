package org.wenshu.archive.meetings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.Unit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 联席会议: the attendance replies (参会回执) of the units a meeting notice invites, and the link from a notice to its
 * minutes (会议纪要). Rules:
 * <ul>
 * <li>only a 主送 or 抄送 unit of a {@code meeting-notice} record replies ({@link NotInvited} otherwise);</li>
 * <li>each invited unit replies once; a second reply is refused ({@link ReplyExists}) unless it says it is a correction
 * (更正回执), which replaces the reply and keeps every earlier version in the audit trail;</li>
 * <li>replies and corrections are accepted until the day before the meeting date, and not for a withdrawn or closed
 * notice ({@link TransitionRefused});</li>
 * <li>attending names at least one person (name and position), at most ten; leave needs a reason.</li>
 * </ul>
 * Every change is appended to the archive's hash-chained audit trail in the same transaction, with the notice's record
 * id as subject, so it shows in the notice's timeline.
 */
public final class Meetings {

    /** The instrument type whose records are meeting notices. */
    public static final String NOTICE_TYPE = "meeting-notice";
    static final int MAX_ATTENDEES = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Archive archive;

    /** Meetings over the archive's own database ({@code dataSource} must be the one the archive was opened on). */
    public Meetings(DataSource dataSource, Archive archive) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.archive = archive;
    }

    /**
     * The meeting notice with this record id.
     *
     * @throws RecordNotFound     when there is no such record
     * @throws NotAMeetingNotice when the record is of another type
     */
    public InstrumentRecord notice(String noticeId) {
        InstrumentRecord record = archive.find(noticeId).orElseThrow(() -> new RecordNotFound(noticeId));
        if (!NOTICE_TYPE.equals(record.typeId())) {
            throw new NotAMeetingNotice(record.number().text(), record.typeName());
        }
        return record;
    }

    /** Whether {@code unitId} is invited by the notice: one of its 主送 or 抄送 units. */
    public static boolean invited(InstrumentRecord notice, String unitId) {
        return notice.recipients().stream().anyMatch(u -> u.id().equals(unitId))
                || notice.copiedUnits().stream().anyMatch(u -> u.id().equals(unitId));
    }

    /** The meeting date (会议日期) of a notice. */
    public static LocalDate meetingDate(InstrumentRecord notice) {
        return date(notice, "meetingDate").orElseThrow(() -> new IllegalStateException(
                "meeting notice " + notice.id() + " has no meetingDate"));
    }

    /**
     * Files or corrects a unit's attendance reply.
     *
     * @return the reply as it now stands
     * @throws NotInvited         when the unit is not invited
     * @throws ReplyExists        when the unit replied before and this is not a correction
     * @throws ReplyInvalid       naming every missing or malformed value
     * @throws TransitionRefused  on or after the meeting date, for a withdrawn or closed notice, or for a correction
     *                            without an earlier reply
     */
    public AttendanceReply reply(AttendanceSubmission submission) {
        InstrumentRecord notice = notice(submission.noticeId());
        Unit unit = archive.unit(submission.unitId());
        if (!invited(notice, unit.id())) {
            throw new NotInvited(notice.number().text(), unit.name());
        }
        switch (notice.status()) {
            case WITHDRAWN, CLOSED -> throw new TransitionRefused("会议通知 " + notice.number().text() + " 已"
                    + notice.status().label() + "，不再接受参会回执");
            default -> {
            }
        }
        LocalDate meeting = meetingDate(notice);
        if (!archive.today().isBefore(meeting)) {
            throw new TransitionRefused("会议日期为 " + meeting + "，会议当日及之后不再接受或更正参会回执");
        }
        Checked checked = check(submission);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String actor = cut(unit.name() + "（" + submission.actor() + "）", 200);
        tx.executeWithoutResult(status -> {
            Optional<AttendanceReply> earlier = find(notice.id(), unit.id());
            int revision;
            if (submission.correction()) {
                if (earlier.isEmpty()) {
                    throw new TransitionRefused(unit.name() + " 尚未提交参会回执，无需更正；请直接提交回执");
                }
                revision = earlier.get().revision() + 1;
                jdbc.update("UPDATE attendance_replies SET decision = ?, attendees_json = ?, leave_reason = ?, revision = ?, "
                                + "replied_by = ?, replied_at = ? WHERE notice_id = ? AND unit_id = ?",
                        submission.decision().name(), checked.attendeesJson(), checked.reason().orElse(null), revision,
                        actor, utc(now), notice.id(), unit.id());
            } else {
                if (earlier.isPresent()) {
                    throw new ReplyExists(unit.name(), notice.number().text());
                }
                revision = 1;
                try {
                    jdbc.update("INSERT INTO attendance_replies (notice_id, unit_id, decision, attendees_json, leave_reason, "
                                    + "revision, replied_by, first_replied_at, replied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            notice.id(), unit.id(), submission.decision().name(), checked.attendeesJson(),
                            checked.reason().orElse(null), revision, actor, utc(now), utc(now));
                } catch (DuplicateKeyException concurrent) {
                    // Two first replies at once: the primary key (notice, unit) lets one through.
                    throw new ReplyExists(unit.name(), notice.number().text());
                }
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("unitId", unit.id());
            detail.put("unit", unit.name());
            detail.put("decision", submission.decision().name());
            detail.put("attendees", checked.attendees().stream()
                    .map(a -> Map.of("name", a.name(), "position", a.position())).toList());
            checked.reason().ifPresent(reason -> detail.put("leaveReason", reason));
            detail.put("revision", revision);
            archive.audit(actor, submission.correction() ? "ATTENDANCE_CORRECTED" : "ATTENDANCE_REPLIED", notice.id(),
                    detail);
        });
        return find(notice.id(), unit.id()).orElseThrow();
    }

    private record Checked(List<Attendee> attendees, Optional<String> reason, String attendeesJson) {
    }

    private static Checked check(AttendanceSubmission submission) {
        List<ReplyInvalid.Problem> problems = new ArrayList<>();
        List<Attendee> attendees = new ArrayList<>();
        Optional<String> reason = Optional.empty();
        if (submission.decision() == null) {
            problems.add(new ReplyInvalid.Problem("decision", "请选择参会或请假"));
        } else if (submission.decision() == Decision.ATTEND) {
            // A leave reason left in the form from an earlier choice means nothing once the unit attends.
            if (submission.attendees().isEmpty()) {
                problems.add(new ReplyInvalid.Problem("attendees", "参会须填写至少一名参会人员的姓名和职务"));
            } else if (submission.attendees().size() > MAX_ATTENDEES) {
                problems.add(new ReplyInvalid.Problem("attendees", "参会人员最多 " + MAX_ATTENDEES + " 名（现有 "
                        + submission.attendees().size() + " 名）"));
            }
            for (int i = 0; i < submission.attendees().size() && i < MAX_ATTENDEES; i++) {
                Attendee given = submission.attendees().get(i);
                String where = "第 " + (i + 1) + " 名参会人员的";
                Optional<String> name = text(given == null ? null : given.name(), where + "姓名", 30,
                        "attendees[" + i + "].name", problems);
                Optional<String> position = text(given == null ? null : given.position(), where + "职务", 60,
                        "attendees[" + i + "].position", problems);
                if (name.isPresent() && position.isPresent()) {
                    attendees.add(new Attendee(name.get(), position.get()));
                }
            }
        } else {
            reason = text(submission.leaveReason().orElse(null), "请假事由", 500, "leaveReason", problems);
        }
        if (!problems.isEmpty()) {
            throw new ReplyInvalid(problems);
        }
        return new Checked(List.copyOf(attendees), reason, JSON.writeValueAsString(attendees.stream()
                .map(a -> Map.of("name", a.name(), "position", a.position())).toList()));
    }

    /** A required single-line text: present, at most {@code max} characters, nothing unprintable. */
    private static Optional<String> text(String value, String what, int max, String field,
                                         List<ReplyInvalid.Problem> problems) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            problems.add(new ReplyInvalid.Problem(field, "请填写" + what));
            return Optional.empty();
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            problems.add(new ReplyInvalid.Problem(field, what + "不能超过 " + max + " 个字（现有 " + length + " 个）"));
            return Optional.empty();
        }
        if (text.codePoints().anyMatch(Meetings::invisible)) {
            problems.add(new ReplyInvalid.Problem(field, what + "含有换行、控制字符或不可见字符，请删除后重试"));
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    /** The unit's reply to the notice, if it replied. */
    public Optional<AttendanceReply> find(String noticeId, String unitId) {
        return jdbc.query("SELECT * FROM attendance_replies WHERE notice_id = ? AND unit_id = ?",
                (rs, i) -> reply(rs), noticeId, unitId).stream().findFirst();
    }

    /** Every invited unit of the notice with its reply, 主送 units first, in the notice's order. */
    public AttendanceTable attendance(String noticeId) {
        InstrumentRecord notice = notice(noticeId);
        Map<String, AttendanceReply> replies = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM attendance_replies WHERE notice_id = ?", (rs, i) -> reply(rs), notice.id())
                .forEach(reply -> replies.put(reply.unit().id(), reply));
        List<AttendanceTable.Row> rows = new ArrayList<>();
        notice.recipients().forEach(u -> rows.add(new AttendanceTable.Row(u, false, Optional.ofNullable(replies.get(u.id())))));
        notice.copiedUnits().forEach(u -> rows.add(new AttendanceTable.Row(u, true, Optional.ofNullable(replies.get(u.id())))));
        return new AttendanceTable(notice.id(), notice.number().text(), notice.title(), meetingDate(notice),
                date(notice, "replyBy").orElse(meetingDate(notice)), rows);
    }

    // ------------------------------------------------------------------------------------------- minutes

    /**
     * Links issued minutes (会议纪要) to their notice, once: linking the same minutes again is a no-op.
     *
     * @throws TransitionRefused when the notice already has other minutes
     */
    public void linkMinutes(String noticeId, String minutesId, String actor) {
        InstrumentRecord notice = notice(noticeId);
        InstrumentRecord minutes = archive.find(minutesId).orElseThrow(() -> new RecordNotFound(minutesId));
        tx.executeWithoutResult(status -> {
            Optional<String> linked = minutesOf(notice.id());
            if (linked.isPresent()) {
                if (!linked.get().equals(minutes.id())) {
                    throw new TransitionRefused("会议通知 " + notice.number().text() + " 已录入会议纪要，不能再录入另一份");
                }
                return;
            }
            jdbc.update("INSERT INTO meeting_minutes (notice_id, minutes_id, recorded_at) VALUES (?, ?, ?)",
                    notice.id(), minutes.id(), utc(Instant.now()));
            archive.audit(cut(actor, 200), "MINUTES_RECORDED", notice.id(), Map.of("minutesId", minutes.id(),
                    "minutesNumber", minutes.number().text()));
        });
    }

    /** The record id of the minutes linked to a notice, if recorded. */
    public Optional<String> minutesOf(String noticeId) {
        return jdbc.queryForList("SELECT minutes_id FROM meeting_minutes WHERE notice_id = ?", String.class, noticeId)
                .stream().findFirst();
    }

    /** The record id of the notice that minutes belong to, if they are linked. */
    public Optional<String> noticeOf(String minutesId) {
        return jdbc.queryForList("SELECT notice_id FROM meeting_minutes WHERE minutes_id = ?", String.class, minutesId)
                .stream().findFirst();
    }

    // ------------------------------------------------------------------------------------------- helpers

    private AttendanceReply reply(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<Map<String, String>> people = JSON.readValue(rs.getString("attendees_json"),
                new TypeReference<List<Map<String, String>>>() { });
        return new AttendanceReply(rs.getString("notice_id"), archive.unit(rs.getString("unit_id")),
                Decision.valueOf(rs.getString("decision")),
                people.stream().map(p -> new Attendee(p.get("name"), p.get("position"))).toList(),
                Optional.ofNullable(rs.getString("leave_reason")), rs.getInt("revision"), rs.getString("replied_by"),
                rs.getObject("first_replied_at", OffsetDateTime.class).toInstant(),
                rs.getObject("replied_at", OffsetDateTime.class).toInstant());
    }

    private static Optional<LocalDate> date(InstrumentRecord record, String field) {
        Object value = record.fields().get(field);
        try {
            return value == null ? Optional.empty() : Optional.of(LocalDate.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
