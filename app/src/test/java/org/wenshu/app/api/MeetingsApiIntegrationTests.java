package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * {@code /api/v1/meetings}: an invited unit replies once (201), a second POST is a 409 problem and only a PUT
 * corrects it; a unit the notice does not invite gets a problem and stores nothing; leave needs a reason; the
 * convening unit reads the attendance table and records the minutes, whose resolutions come back typed.
 */
class MeetingsApiIntegrationTests extends ApiIntegrationTest {

    /** A meeting notice from 荆门市人民检察院 to 荆门市司法局 (agency A) only, meeting a week ahead; its record id. */
    static String notice(ApiIntegrationTest test, Auth prosecutor, String title) {
        return notice(test, prosecutor, title, List.of(ApiFixture.UNIT_A));
    }

    /** The same to {@code recipients}. */
    static String notice(ApiIntegrationTest test, Auth prosecutor, String title, List<String> recipients) {
        Map<String, Object> fields = new LinkedHashMap<>(ApiClient.JSON.readValue(
                java.nio.file.Path.of("..", "examples", "meeting-notice.json").toFile(),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        fields.remove("documentNumber");
        fields.put("issuingUnit", "荆门市人民检察院");
        fields.put("title", title);
        fields.put("recipients", recipients);
        fields.put("attendingUnits", recipients);
        fields.put("date", today.toString());
        fields.put("replyBy", today.plusDays(3).toString());
        fields.put("meetingDate", today.plusDays(7).toString());
        fields.remove("copiesTo");
        Reply reply = test.api().json("POST", "/api/v1/instruments", prosecutor, Map.of("typeId", "meeting-notice",
                "fields", fields));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return ApiFixture.id(reply.json());
    }

    /** Valid minutes fields with two resolutions, dated the meeting day. */
    static Map<String, Object> minutes() {
        String day = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", "荆门市人民检察院");
        fields.put("title", "接口测试联席会议纪要");
        fields.put("recipients", List.of(ApiFixture.UNIT_A));
        fields.put("meetingDate", day);
        fields.put("place", "第一会议室");
        fields.put("chair", "分管副检察长");
        fields.put("attendees", List.of("市司法局：王明 副局长"));
        fields.put("summary", "会议研究了线索移送工作。");
        fields.put("resolutions", List.of(
                Map.of("title", "制定线索移送工作规程", "leadUnit", "市司法局", "coUnits", List.of("市公安局"),
                        "deadline", LocalDate.parse(day).plusMonths(2).toString()),
                Map.of("title", "组织同堂培训", "leadUnit", "市检察院", "coUnits", List.of(),
                        "deadline", LocalDate.parse(day).plusMonths(1).toString())));
        fields.put("date", day);
        return fields;
    }

    @Test
    void eachInvitedUnitRepliesOnceAndCorrectsOnlyWithPut() {
        ApiFixture f = fixture();
        String id = notice(this, f.prosecutor, "关于召开接口回执测试联席会议的通知");
        String path = "/api/v1/meetings/" + id + "/attendance";

        Reply first = api().json("POST", path, f.agencyA, Map.of("decision", "参会",
                "attendees", List.of(Map.of("name", "王明", "position", "副局长"))));
        Reply again = api().json("POST", path, f.agencyA, Map.of("decision", "LEAVE", "leaveReason", "另有公务"));
        Reply corrected = api().json("PUT", path, f.agencyA, Map.of("decision", "LEAVE", "leaveReason", "另有公务"));
        Reply mine = api().get(path + "/mine", f.agencyA);
        Reply table = api().get(path, f.prosecutor);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json()).containsEntry("decision", "ATTEND").containsEntry("revision", 1);
        assertProblem(again, 409, "reply-exists");
        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.json()).containsEntry("decision", "LEAVE").containsEntry("revision", 2)
                .containsEntry("leaveReason", "另有公务");
        assertThat(mine.json()).containsEntry("revision", 2);
        assertThat(table.status()).isEqualTo(200);
        assertThat(table.json()).containsEntry("invited", 1).containsEntry("replied", 1).containsEntry("onLeave", 1)
                .containsEntry("missing", List.of());
    }

    @Test
    void aUnitNotInvitedCannotReplyAndNothingIsStored() {
        ApiFixture f = fixture();
        String id = notice(this, f.prosecutor, "关于召开接口邀请测试联席会议的通知");
        String path = "/api/v1/meetings/" + id + "/attendance";
        Map<String, Object> body = Map.of("decision", "ATTEND", "attendees", List.of(Map.of("name", "张三", "position", "科长")));

        Reply agencyB = api().json("POST", path, f.agencyB, body);
        Reply researcher = api().json("POST", path, f.researcher, body);
        Reply prosecutor = api().json("POST", path, f.prosecutor, body);

        assertProblem(agencyB, 404, "not-found");
        assertThat(agencyB.text()).doesNotContain("接口邀请测试");
        assertProblem(researcher, 403, "forbidden");
        assertProblem(prosecutor, 403, "forbidden");
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM attendance_replies WHERE notice_id = ?", Integer.class, id)).isZero();
    }

    @Test
    void leaveWithoutAReasonAndAnUnknownDecisionAreProblemsNamingTheField() {
        ApiFixture f = fixture();
        String id = notice(this, f.prosecutor, "关于召开接口请假测试联席会议的通知");
        String path = "/api/v1/meetings/" + id + "/attendance";

        Reply noReason = api().json("POST", path, f.agencyA, Map.of("decision", "请假"));
        Reply unknown = api().json("POST", path, f.agencyA, Map.of("decision", "MAYBE"));
        Reply badPeople = api().json("POST", path, f.agencyA, Map.of("decision", "ATTEND",
                "attendees", List.of(Map.of("name", "王明"))));

        assertProblem(noReason, 400, "invalid-request");
        assertThat(errors(noReason)).extracting(e -> e.get("field")).containsExactly("leaveReason");
        assertProblem(unknown, 400, "invalid-request");
        assertThat(errors(unknown)).extracting(e -> e.get("field")).containsExactly("decision");
        assertThat(errors(badPeople)).extracting(e -> e.get("field"), e -> e.get("message"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("attendees[0].position", "请填写第 1 名参会人员的职务"));
        assertThat(api().get(path + "/mine", f.agencyA).status()).isEqualTo(404);
    }

    @Test
    void theConveningUnitRecordsMinutesOnceAndTheirResolutionsComeBack() {
        ApiFixture f = fixture();
        String id = notice(this, f.prosecutor, "关于召开接口纪要测试联席会议的通知");
        String path = "/api/v1/meetings/" + id + "/minutes";

        Reply byAgency = api().json("POST", path, f.agencyA, Map.of("fields", minutes()));
        Reply invalid = api().json("POST", path, f.prosecutor, Map.of("fields", Map.of("title", "缺字段的纪要")));
        Reply recorded = api().json("POST", path, f.prosecutor, Map.of("fields", minutes()));
        Reply again = api().json("POST", path, f.prosecutor, Map.of("fields", minutes()));
        Reply read = api().get(path, f.agencyA);

        assertProblem(byAgency, 403, "forbidden");
        assertProblem(invalid, 400, "fields-invalid");
        assertThat(errors(invalid)).extracting(e -> e.get("field")).contains("resolutions", "summary", "recipients");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        // The procuratorate convened this meeting: its minutes carry its own code, not the office's 荆府检联纪.
        assertThat((String) recorded.json().get("number")).startsWith("荆检行纪〔");
        assertProblem(again, 409, "transition-refused");
        assertThat(read.status()).isEqualTo(200);
        assertThat((List<?>) read.json().get("resolutions")).hasSize(2);
        assertThat(read.json().get("resolutions").toString()).contains("制定线索移送工作规程", "市司法局", "市公安局");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tracked = (List<Map<String, Object>>) read.json().get("trackedItems");
        String day = (String) minutes().get("date");
        assertThat(tracked).extracting(t -> t.get("number"), t -> t.get("title"), t -> t.get("leadUnit"),
                t -> t.get("coUnits"), t -> t.get("dueDate")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "制定线索移送工作规程", "荆门市司法局", List.of("荆门市公安局"),
                        LocalDate.parse(day).plusMonths(2).toString()),
                org.assertj.core.groups.Tuple.tuple(2, "组织同堂培训", "荆门市人民检察院", List.of(),
                        LocalDate.parse(day).plusMonths(1).toString()));
        assertThat(tracked.get(0).get("units").toString()).contains("荆门市司法局", "荆门市公安局");
    }

    @Test
    void anInvitedUnitSeesOnlyItsOwnReplyInTheNoticesTimeline() {
        ApiFixture f = fixture();
        String id = notice(this, f.prosecutor, "关于召开接口时间线测试联席会议的通知", List.of(ApiFixture.UNIT_A, ApiFixture.UNIT_B));
        api().json("POST", "/api/v1/meetings/" + id + "/attendance", f.agencyA, Map.of("decision", "ATTEND",
                "attendees", List.of(Map.of("name", "甲单位参会人", "position", "副局长"))));

        Reply asB = api().get("/api/v1/instruments/" + id + "/timeline", f.agencyB);
        Reply asA = api().get("/api/v1/instruments/" + id + "/timeline", f.agencyA);
        Reply asIssuer = api().get("/api/v1/instruments/" + id + "/timeline", f.prosecutor);

        assertThat(asB.status()).isEqualTo(200);
        assertThat(asB.text()).doesNotContain("甲单位参会人", "ATTENDANCE_REPLIED");
        assertThat(asA.text()).contains("ATTENDANCE_REPLIED");
        assertThat(asIssuer.text()).contains("ATTENDANCE_REPLIED");
    }
}
