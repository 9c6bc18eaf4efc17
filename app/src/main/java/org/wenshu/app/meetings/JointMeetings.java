package org.wenshu.app.meetings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.Unit;
import org.wenshu.archive.meetings.AttendanceReply;
import org.wenshu.archive.meetings.AttendanceSubmission;
import org.wenshu.archive.meetings.AttendanceTable;
import org.wenshu.archive.meetings.Attendee;
import org.wenshu.archive.meetings.Decision;
import org.wenshu.archive.meetings.Meetings;
import org.wenshu.archive.meetings.NotInvited;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldValues;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.Resolution;

/**
 * 联席会议 as a signed-in user works with it — the invited units' attendance replies (参会回执), the convening
 * office's attendance table, the minutes (会议纪要) issued from the notice, and their resolutions (议定事项) handed on
 * as tracked items — with the instruments' access rules applied first: a notice a user may not see is not found.
 * Pages and their {@code /api/v1/meetings} twin both call this.
 */
public final class JointMeetings {

    private final Instruments instruments;
    private final Meetings meetings;
    private final InstrumentCatalog catalog;
    private final ResolutionHandOff handOff;

    public JointMeetings(Instruments instruments, Meetings meetings, InstrumentCatalog catalog, ResolutionHandOff handOff) {
        this.instruments = instruments;
        this.meetings = meetings;
        this.catalog = catalog;
        this.handOff = handOff;
    }

    /**
     * The meeting notice {@code noticeId} if {@code user} may see it.
     *
     * @throws org.wenshu.archive.RecordNotFound when there is no such record or the user may not see it
     * @throws org.wenshu.archive.meetings.NotAMeetingNotice when the record is another kind of instrument
     */
    public InstrumentRecord notice(WenshuUser user, String noticeId) {
        InstrumentRecord record = instruments.get(user, noticeId);
        return meetings.notice(record.id());
    }

    /** Meeting notices the user may see, newest first: issued by them (prosecutor, office) or addressed to them. */
    public RecordQuery.Page notices(WenshuUser user, int offset, int limit) {
        return instruments.list(user, RecordQuery.all().type(Meetings.NOTICE_TYPE), offset, limit);
    }

    /** Whether the user manages the meeting: the notice's issuing unit (prosecutor of it, or the office). */
    public boolean convenes(WenshuUser user, InstrumentRecord notice) {
        return instruments.access().canManage(user, notice);
    }

    /** Whether the user replies for an invited unit: an AGENCY officer of a 主送 or 抄送 unit. */
    public boolean replies(WenshuUser user, InstrumentRecord notice) {
        return user.role() == Role.AGENCY && user.unitId().filter(unit -> Meetings.invited(notice, unit)).isPresent();
    }

    /**
     * Files the attendance reply of the user's unit, or with {@code correction} replaces it (更正回执).
     *
     * @throws AccessRefused for a role other than AGENCY
     * @throws NotInvited    for an agency whose unit the notice does not invite
     */
    public AttendanceReply reply(WenshuUser user, String noticeId, Decision decision, List<Attendee> attendees,
                                 Optional<String> leaveReason, boolean correction) {
        InstrumentRecord notice = notice(user, noticeId);
        if (user.role() != Role.AGENCY || user.unitId().isEmpty()) {
            throw new AccessRefused("只有受邀单位的联络员可以提交参会回执");
        }
        return meetings.reply(new AttendanceSubmission(notice.id(), user.unitId().get(), decision, attendees,
                leaveReason, correction, user.getDisplayName()));
    }

    /** The user's own unit's reply, if it replied. */
    public Optional<AttendanceReply> ownReply(WenshuUser user, String noticeId) {
        InstrumentRecord notice = notice(user, noticeId);
        return user.unitId().flatMap(unit -> meetings.find(notice.id(), unit));
    }

    /**
     * Who replied, attends, is on leave or is missing — for the unit that convened the meeting.
     *
     * @throws AccessRefused for anyone else
     */
    public AttendanceTable attendance(WenshuUser user, String noticeId) {
        InstrumentRecord notice = notice(user, noticeId);
        if (!convenes(user, notice)) {
            throw new AccessRefused("只有召集会议的单位可以查看参会回执汇总");
        }
        return meetings.attendance(notice.id());
    }

    /** The minutes recorded for the meeting, if any and if the user may see them. */
    public Optional<InstrumentRecord> minutes(WenshuUser user, String noticeId) {
        InstrumentRecord notice = notice(user, noticeId);
        return meetings.minutesOf(notice.id()).flatMap(id -> {
            try {
                return Optional.of(instruments.get(user, id));
            } catch (org.wenshu.archive.RecordNotFound hidden) {
                return Optional.empty();
            }
        });
    }

    /**
     * The minutes form's starting values, from the notice and the replies: issuing unit, title, notice number, the
     * invited units as 分送 and 抄送, date and place, who attends and who is on leave, and today's date.
     */
    public Map<String, Object> draft(WenshuUser user, String noticeId) {
        AttendanceTable table = attendance(user, noticeId);
        InstrumentRecord notice = notice(user, noticeId);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(InstrumentCatalog.ISSUING_UNIT_FIELD, notice.issuingUnit().name());
        values.put(InstrumentCatalog.TITLE_FIELD, minutesTitle(notice.title()));
        values.put("recipients", notice.recipients().stream().map(Unit::name).toList());
        values.put("meetingDate", table.meetingDate().toString());
        Optional.ofNullable(notice.fields().get("place")).ifPresent(place -> values.put("place", place.toString()));
        List<String> attendees = new ArrayList<>();
        List<String> absentees = new ArrayList<>();
        for (AttendanceTable.Row row : table.rows()) {
            row.reply().ifPresent(reply -> {
                if (reply.decision() == Decision.ATTEND) {
                    attendees.add(row.unit().shortName() + "：" + String.join("、", reply.attendees().stream()
                            .map(a -> a.name() + " " + a.position()).toList()));
                } else {
                    absentees.add(row.unit().shortName() + "：" + reply.leaveReason().orElse(""));
                }
            });
        }
        values.put("attendees", attendees);
        if (!absentees.isEmpty()) {
            values.put("absentees", absentees);
        }
        values.put(InstrumentCatalog.DATE_FIELD, instruments.today().toString());
        if (!notice.copiedUnits().isEmpty()) {
            values.put("copiesTo", notice.copiedUnits().stream().map(Unit::name).toList());
        }
        return values;
    }

    /** 关于召开2024年…联席会议的通知 → 2024年…联席会议纪要; other titles get 纪要 appended. */
    static String minutesTitle(String noticeTitle) {
        String title = noticeTitle.strip();
        if (title.startsWith("关于召开") && title.endsWith("的通知")) {
            title = title.substring("关于召开".length(), title.length() - "的通知".length());
        }
        String minutes = title + "纪要";
        return minutes.codePointCount(0, minutes.length()) <= 60 ? minutes
                : minutes.substring(0, minutes.offsetByCodePoints(0, 58)) + "纪要";
    }

    /**
     * Issues the minutes of the meeting — numbered, rendered, sealed and archived like every instrument, with the
     * notice's number as {@code noticeNumber} — links them to the notice and hands each resolution on as a tracked
     * item. One set of minutes per notice: the idempotency key is derived from the notice, so a repeated request
     * returns the minutes issued the first time.
     *
     * @throws AccessRefused     for anyone but the convening unit
     * @throws TransitionRefused when other minutes were recorded for the notice already
     * @throws org.wenshu.templates.FieldsInvalid naming every field to correct
     */
    public InstrumentRecord recordMinutes(WenshuUser user, String noticeId, Map<String, Object> fields) {
        InstrumentRecord notice = notice(user, noticeId);
        if (!convenes(user, notice)) {
            throw new AccessRefused("只有召集会议的单位可以录入会议纪要");
        }
        Map<String, Object> values = new LinkedHashMap<>(fields);
        values.put("noticeNumber", notice.number().text());
        if (meetings.minutesOf(notice.id()).isPresent()) {
            throw new TransitionRefused("会议通知 " + notice.number().text() + " 已录入会议纪要");
        }
        requireKnownUnits(values);
        InstrumentRecord minutes = instruments.issueMinutes(user, values, "minutes-" + notice.id());
        meetings.linkMinutes(notice.id(), minutes.id(), notice.issuingUnit().name() + "（" + user.getDisplayName() + "）");
        FieldValues typed = catalog.require(InstrumentCatalog.MEETING_MINUTES).validate(withNumber(minutes));
        handOff.track(minutes, typed.resolutions("resolutions"), user);
        return minutes;
    }

    /**
     * Every unit a resolution names must be a registered unit: its tracked item is followed up by that unit's
     * liaison. Checked before a number is taken; other field problems are the validator's to report.
     */
    private void requireKnownUnits(Map<String, Object> values) {
        InstrumentType type = catalog.require(InstrumentCatalog.MEETING_MINUTES);
        Map<String, Object> probe = new LinkedHashMap<>(values);
        probe.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, type.number(instruments.today().getYear(), 1).text());
        List<Resolution> resolutions = type.validate(probe).resolutions("resolutions");
        List<FieldInvalid> problems = new ArrayList<>();
        for (int i = 0; i < resolutions.size(); i++) {
            Resolution resolution = resolutions.get(i);
            List<String> named = new ArrayList<>(List.of(resolution.leadUnit()));
            named.addAll(resolution.coUnits());
            for (String unit : named) {
                if (instruments.unit(unit).isEmpty()) {
                    problems.add(new FieldInvalid("resolutions", "议定事项", "第 " + (i + 1) + " 项的单位「" + unit
                            + "」不是已登记的单位（请用单位全称或简称，如 市司法局）"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FieldsInvalid(InstrumentCatalog.MEETING_MINUTES, problems);
        }
    }

    /** Today in the archive's time zone. */
    public java.time.LocalDate today() {
        return instruments.today();
    }

    /** The tracked items (督办事项) made from the minutes' resolutions, in order; empty before the hand-off. */
    public List<TrackedItem> tracked(InstrumentRecord minutes) {
        return handOff.tracked(minutes.id());
    }

    /**
     * Hands the resolutions of the meeting's minutes on as tracked items when that has not happened (the hand-off
     * after issuing failed); a no-op when they are tracked already.
     *
     * @throws AccessRefused     for anyone but the convening unit
     * @throws TransitionRefused when no minutes are recorded
     */
    public List<TrackedItem> trackResolutions(WenshuUser user, String noticeId) {
        InstrumentRecord notice = notice(user, noticeId);
        if (!convenes(user, notice)) {
            throw new AccessRefused("只有召集会议的单位可以将议定事项转为督办事项");
        }
        InstrumentRecord minutes = minutes(user, noticeId).orElseThrow(() -> new TransitionRefused(
                "会议通知 " + notice.number().text() + " 尚未录入会议纪要"));
        handOff.track(minutes, resolutions(minutes), user);
        return tracked(minutes);
    }

    /** The resolutions of issued minutes, as typed values. */
    public List<Resolution> resolutions(InstrumentRecord minutes) {
        return catalog.require(InstrumentCatalog.MEETING_MINUTES).validate(withNumber(minutes)).resolutions("resolutions");
    }

    private static Map<String, Object> withNumber(InstrumentRecord minutes) {
        Map<String, Object> fields = new LinkedHashMap<>(minutes.fields());
        fields.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, minutes.number().text());
        return fields;
    }
}
