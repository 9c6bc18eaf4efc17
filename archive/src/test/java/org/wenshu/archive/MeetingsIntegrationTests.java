package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.archive.meetings.AttendanceReply;
import org.wenshu.archive.meetings.AttendanceSubmission;
import org.wenshu.archive.meetings.AttendanceTable;
import org.wenshu.archive.meetings.Attendee;
import org.wenshu.archive.meetings.Decision;
import org.wenshu.archive.meetings.Meetings;
import org.wenshu.archive.meetings.NotAMeetingNotice;
import org.wenshu.archive.meetings.NotInvited;
import org.wenshu.archive.meetings.ReplyExists;
import org.wenshu.archive.meetings.ReplyInvalid;

/** 参会回执 and the notice → minutes link against H2 and PostgreSQL, with the audit chain checked after each run. */
class MeetingsIntegrationTests {

    /** The archive's test clock stands at 2024-03-01; the meeting is on 2024-03-20. */
    private static IssueRequest notice() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "关于召开联席会议的通知");
        fields.put("meetingDate", "2024-03-20");
        fields.put("replyBy", "2024-03-15");
        return new IssueRequest("meeting-notice", "联席会议通知", "关于召开联席会议的通知", "府检联动办",
                List.of("市公安局", "市司法局"), List.of("市政府办"), "荆府检联办", 2024,
                ReplyTerm.by(java.time.LocalDate.of(2024, 3, 15)), false, fields, Optional.empty());
    }

    private static AttendanceSubmission attend(String noticeId, String unit, boolean correction, Attendee... people) {
        return new AttendanceSubmission(noticeId, unit, Decision.ATTEND, List.of(people), Optional.empty(), correction,
                "联络员");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void eachInvitedUnitRepliesOnceAndOnlyAnExplicitCorrectionReplacesTheReply(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();

            AttendanceReply first = meetings.reply(attend(notice, "jm-justice", false, new Attendee("王明", "副局长")));
            ReplyExists again = catchThrowableOfType(ReplyExists.class, () -> meetings.reply(
                    attend(notice, "jm-justice", false, new Attendee("李强", "科长"))));
            AttendanceReply corrected = meetings.reply(attend(notice, "jm-justice", true,
                    new Attendee("李强", "科长"), new Attendee("赵敏", "联络员")));
            AttendanceReply copied = meetings.reply(new AttendanceSubmission(notice, "市政府办", Decision.LEAVE, List.of(),
                    Optional.of("同日召开常务会议"), false, "秘书"));

            assertThat(first.revision()).isEqualTo(1);
            assertThat(again).hasMessage("荆门市司法局 已对会议通知 荆府检联办〔2024〕1号 提交过参会回执；如需修改，请以“更正回执”提交（会议日期前可更正）");
            assertThat(corrected.revision()).isEqualTo(2);
            assertThat(corrected.attendees()).containsExactly(new Attendee("李强", "科长"), new Attendee("赵敏", "联络员"));
            assertThat(corrected.firstRepliedAt()).isEqualTo(first.firstRepliedAt());
            assertThat(copied.leaveReason()).contains("同日召开常务会议");
            AttendanceTable table = meetings.attendance(notice);
            assertThat(table.rows()).extracting(row -> row.unit().shortName(), AttendanceTable.Row::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("市公安局", "未回执"), org.assertj.core.groups.Tuple.tuple("市司法局", "参会"),
                    org.assertj.core.groups.Tuple.tuple("市政府办", "请假"));
            assertThat(table.missing()).extracting(Unit::shortName).containsExactly("市公安局");
            assertThat(table.people()).isEqualTo(2);
            assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM attendance_replies", Integer.class)).isEqualTo(2);
            List<AuditEvent> events = fixture.archive.auditEvents(notice);
            assertThat(events).extracting(AuditEvent::action).containsExactly("ISSUED", "ATTENDANCE_REPLIED",
                    "ATTENDANCE_CORRECTED", "ATTENDANCE_REPLIED");
            assertThat(events.get(1).detail()).contains("王明").contains("\"revision\":1");
            assertThat(events.get(2).detail()).contains("赵敏").contains("\"revision\":2");
            assertThat(fixture.archive.verifyAudit().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aUnitTheNoticeDoesNotInviteCannotReplyAndNothingIsStored(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();
            String suggestion = fixture.archive.issue(ArchiveFixture.suggestion("关于整治的检察建议", "市教育局"),
                    TestPdfs.producer()).id();

            assertThatThrownBy(() -> meetings.reply(attend(notice, "市教育局", false, new Attendee("周", "局长"))))
                    .isInstanceOf(NotInvited.class)
                    .hasMessage("荆门市教育局 不是会议通知 荆府检联办〔2024〕1号 的主送或抄送单位，不能提交参会回执");
            assertThatThrownBy(() -> meetings.reply(attend(suggestion, "市教育局", false, new Attendee("周", "局长"))))
                    .isInstanceOf(NotAMeetingNotice.class);
            assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM attendance_replies", Integer.class)).isZero();
            assertThat(fixture.archive.auditEvents(notice)).extracting(AuditEvent::action).containsExactly("ISSUED");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void leaveNeedsAReasonAndAttendingNeedsNamedPeopleEachProblemNamed(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();

            ReplyInvalid noReason = catchThrowableOfType(ReplyInvalid.class, () -> meetings.reply(new AttendanceSubmission(
                    notice, "市公安局", Decision.LEAVE, List.of(), Optional.of("  "), false, "联络员")));
            ReplyInvalid noPeople = catchThrowableOfType(ReplyInvalid.class, () -> meetings.reply(attend(notice, "市公安局",
                    false)));
            ReplyInvalid badPeople = catchThrowableOfType(ReplyInvalid.class, () -> meetings.reply(attend(notice, "市公安局",
                    false, new Attendee("", "副局长"), new Attendee("张\u200B三", "长".repeat(61)))));
            List<Attendee> eleven = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                eleven.add(new Attendee("人员" + i, "科员"));
            }
            ReplyInvalid tooMany = catchThrowableOfType(ReplyInvalid.class, () -> meetings.reply(new AttendanceSubmission(
                    notice, "市公安局", Decision.ATTEND, eleven, Optional.empty(), false, "联络员")));
            ReplyInvalid noDecision = catchThrowableOfType(ReplyInvalid.class, () -> meetings.reply(new AttendanceSubmission(
                    notice, "市公安局", null, List.of(), Optional.empty(), false, "联络员")));

            assertThat(noReason.problems()).extracting(ReplyInvalid.Problem::field, ReplyInvalid.Problem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("leaveReason", "请填写请假事由"));
            assertThat(noPeople.problems()).extracting(ReplyInvalid.Problem::field).containsExactly("attendees");
            assertThat(badPeople.problems()).extracting(ReplyInvalid.Problem::field, ReplyInvalid.Problem::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("attendees[0].name", "请填写第 1 名参会人员的姓名"),
                            org.assertj.core.groups.Tuple.tuple("attendees[1].name", "第 2 名参会人员的姓名含有换行、控制字符或不可见字符，请删除后重试"),
                            org.assertj.core.groups.Tuple.tuple("attendees[1].position", "第 2 名参会人员的职务不能超过 60 个字（现有 61 个）"));
            assertThat(tooMany.getMessage()).isEqualTo("参会人员最多 10 名（现有 11 名）");
            assertThat(noDecision.getMessage()).isEqualTo("请选择参会或请假");
            assertThat(meetings.attendance(notice).replied()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void noReplyOrCorrectionOnTheMeetingDayAndNoCorrectionWithoutAReply(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();

            assertThatThrownBy(() -> meetings.reply(attend(notice, "市公安局", true, new Attendee("周", "局长"))))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("尚未提交参会回执，无需更正");
            meetings.reply(attend(notice, "市公安局", false, new Attendee("周", "局长")));
            fixture.clock.advanceDays(18); // 2024-03-19: the day before the meeting, corrections still count
            meetings.reply(attend(notice, "市公安局", true, new Attendee("吴", "副局长")));
            fixture.clock.advanceDays(1);

            assertThatThrownBy(() -> meetings.reply(attend(notice, "市公安局", true, new Attendee("周", "局长"))))
                    .isInstanceOf(TransitionRefused.class).hasMessage("会议日期为 2024-03-20，会议当日及之后不再接受或更正参会回执");
            assertThatThrownBy(() -> meetings.reply(attend(notice, "市司法局", false, new Attendee("王", "局长"))))
                    .isInstanceOf(TransitionRefused.class);
            assertThat(meetings.find(notice, "jm-police")).hasValueSatisfying(reply -> assertThat(reply.attendees())
                    .containsExactly(new Attendee("吴", "副局长")));
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void twoFirstRepliesAtOnceLeaveOneReply(Database database) throws Exception {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<AttendanceReply>> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "人员" + i;
                replies.add(pool.submit(() -> meetings.reply(attend(notice, "市司法局", false, new Attendee(name, "科员")))));
            }
            int stored = 0;
            int refused = 0;
            for (Future<AttendanceReply> reply : replies) {
                try {
                    reply.get();
                    stored++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ReplyExists.class);
                    refused++;
                }
            }
            pool.shutdown();

            assertThat(stored).isEqualTo(1);
            assertThat(refused).isEqualTo(3);
            assertThat(fixture.archive.auditEvents(notice)).filteredOn(e -> e.action().startsWith("ATTENDANCE")).hasSize(1);
            assertThat(fixture.archive.verifyAudit().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aNoticeHasOneSetOfMinutes(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Meetings meetings = new Meetings(fixture.dataSource, fixture.archive);
            String notice = fixture.archive.issue(notice(), TestPdfs.producer()).id();
            String minutes = fixture.archive.issue(ArchiveFixture.suggestion("纪要甲", "市公安局"), TestPdfs.producer()).id();
            String other = fixture.archive.issue(ArchiveFixture.suggestion("纪要乙", "市公安局"), TestPdfs.producer()).id();

            meetings.linkMinutes(notice, minutes, "府检联动办");
            meetings.linkMinutes(notice, minutes, "府检联动办");

            assertThatThrownBy(() -> meetings.linkMinutes(notice, other, "府检联动办")).isInstanceOf(TransitionRefused.class);
            assertThat(meetings.minutesOf(notice)).contains(minutes);
            assertThat(meetings.noticeOf(minutes)).contains(notice);
            assertThat(fixture.archive.auditEvents(notice)).extracting(AuditEvent::action)
                    .containsExactly("ISSUED", "MINUTES_RECORDED");
        }
    }
}
