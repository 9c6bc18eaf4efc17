package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.FilePart;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * Bad requests get their own 4xx problem document — content type, stable type URI, Chinese detail, the fields at
 * fault — never a 500 or a stack trace, and leave nothing stored (rows and objects counted before and after).
 */
class ApiBadRequestsIntegrationTests extends ApiIntegrationTest {

    private Reply issue(String body) {
        return api().json("POST", "/api/v1/instruments", fixture().prosecutor, body);
    }

    private Reply issue(Map<String, Object> body) {
        return api().json("POST", "/api/v1/instruments", fixture().prosecutor, body);
    }

    private Reply respond(List<FilePart> files) {
        return api().multipart("/api/v1/instruments/" + ApiFixture.id(fixture().recordA) + "/responses",
                fixture().agencyA, Map.of("measures", "整改措施", "results", "整改结果", "adoption", "采纳"), files);
    }

    @Test
    void malformedJsonIsA400WithoutParserInternals() {
        fixture();
        Stored before = stored();

        Reply reply = issue("{\"typeId\": \"procuratorial-suggestion\", \"fields\": {\"title\": ");

        assertProblem(reply, 400, "malformed-json");
        assertThat((String) reply.json().get("detail")).contains("JSON");
        assertThat(reply.text()).doesNotContain("Unexpected end-of-input", "line: ", "JsonParser");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aMissingRequestFieldIsNamed() {
        fixture();
        Stored before = stored();

        Reply noType = issue("{\"fields\": {}}");
        Reply wrongShape = issue("{\"typeId\": \"procuratorial-suggestion\", \"fields\": [1, 2]}");

        assertProblem(noType, 400, "invalid-request");
        assertThat(errors(noType)).extracting(e -> e.get("field")).containsExactly("typeId");
        assertProblem(wrongShape, 400, "invalid-request");
        assertThat(errors(wrongShape)).extracting(e -> e.get("field")).containsExactly("fields");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void missingAndInvalidInstrumentFieldsAreEachListedBeforeANumberIsTaken() {
        Map<String, Object> fields = suggestion("关于缺少字段的检察建议", ApiFixture.UNIT_A);
        fields.remove("facts");
        fields.put("date", "明天");
        fixture();
        Stored before = stored();

        Reply reply = api().json("POST", "/api/v1/instruments", fixture().prosecutor, issueBody(fields));
        Reply validation = api().json("POST", "/api/v1/instruments/validation", fixture().prosecutor, issueBody(fields));

        assertProblem(reply, 400, "fields-invalid");
        assertThat(errors(reply)).extracting(e -> e.get("field")).contains("facts", "date");
        assertThat(errors(reply)).allSatisfy(e -> assertThat((String) e.get("message")).containsPattern("\\p{IsHan}"));
        assertThat(validation.json()).isEqualTo(withInstance(reply.json(), "/api/v1/instruments/validation"));
        assertThat(stored()).isEqualTo(before);
    }

    /** The shipped meeting-notice example from 荆门市人民检察院 to agency A, with {@code changes}. */
    private static Map<String, Object> notice(Map<String, Object> changes) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(ApiClient.JSON.readValue(
                java.nio.file.Path.of("..", "examples", "meeting-notice.json").toFile(),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("issuingUnit", "荆门市人民检察院");
        fields.put("recipients", List.of(ApiFixture.UNIT_A));
        fields.putAll(changes);
        return fields;
    }

    @Test
    void everyFieldNamingUnitsRefusesAnUnknownUnitByFieldAndName() {
        fixture();
        Stored before = stored();

        Reply good = api().json("POST", "/api/v1/instruments/validation", fixture().prosecutor,
                Map.of("typeId", "meeting-notice", "fields", notice(Map.of())));
        Reply list = api().json("POST", "/api/v1/instruments", fixture().prosecutor, Map.of("typeId", "meeting-notice",
                "fields", notice(Map.of("attendingUnits", List.of("市检察院", "市外星局"), "copiesTo", List.of("市月球办")))));
        Reply listChecked = api().json("POST", "/api/v1/instruments/validation", fixture().prosecutor,
                Map.of("typeId", "meeting-notice", "fields", notice(Map.of("attendingUnits", List.of("市外星局")))));
        Reply single = issue(issueBody(suggestion("关于未知主送单位的检察建议", "市外星局")));

        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertProblem(list, 400, "fields-invalid");
        assertThat(errors(list)).extracting(e -> e.get("field"), e -> e.get("message")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("attendingUnits", "参会单位：第 2 项「市外星局」不是已登记的单位（可用单位编号、全称或简称，如 市司法局）"),
                org.assertj.core.groups.Tuple.tuple("copiesTo", "抄送机关：第 1 项「市月球办」不是已登记的单位（可用单位编号、全称或简称，如 市司法局）"));
        assertProblem(listChecked, 400, "fields-invalid");
        assertThat(errors(listChecked)).extracting(e -> e.get("field")).containsExactly("attendingUnits");
        assertProblem(single, 400, "fields-invalid");
        assertThat(errors(single)).extracting(e -> e.get("field"), e -> e.get("message")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("recipient", "主送机关：「市外星局」不是已登记的单位（可用单位编号、全称或简称，如 市司法局）"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aDocumentDateAfterTodayIsRefusedBeforeANumberIsTaken() {
        fixture();
        Stored before = stored();
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        Map<String, Object> future = suggestion("关于成文日期在将来的检察建议", ApiFixture.UNIT_A);
        future.put("date", "2099-01-01");
        Map<String, Object> tomorrow = suggestion("关于成文日期为明天的检察建议", ApiFixture.UNIT_A);
        tomorrow.put("date", today.plusDays(1).toString());
        Map<String, Object> sameDay = suggestion("关于成文日期为今天的检察建议", ApiFixture.UNIT_A);
        sameDay.put("date", today.toString());

        Reply issued = issue(issueBody(future));
        Reply checked = api().json("POST", "/api/v1/instruments/validation", fixture().prosecutor, issueBody(tomorrow));
        Reply todayChecked = api().json("POST", "/api/v1/instruments/validation", fixture().prosecutor, issueBody(sameDay));

        assertProblem(issued, 400, "fields-invalid");
        assertThat(errors(issued)).extracting(e -> e.get("field"), e -> e.get("message")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("date", "成文日期：2099年1月1日晚于今天（" + today.getYear() + "年"
                        + today.getMonthValue() + "月" + today.getDayOfMonth() + "日），成文日期不能是将来的日期"));
        assertProblem(checked, 400, "fields-invalid");
        assertThat(errors(checked)).extracting(e -> e.get("field")).containsExactly("date");
        assertThat(todayChecked.status()).as(todayChecked.toString()).isEqualTo(200);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownTypeIsRefusedByName() {
        fixture();
        Stored before = stored();

        Reply issuing = issue("{\"typeId\": \"no-such-type\", \"fields\": {\"title\": \"x\"}}");
        Reply reading = api().get("/api/v1/types/no-such-type", fixture().prosecutor);

        assertProblem(issuing, 400, "unknown-type");
        assertThat(errors(issuing)).extracting(e -> e.get("field")).containsExactly("typeId");
        assertThat((String) issuing.json().get("detail")).contains("no-such-type", "procuratorial-suggestion");
        assertProblem(reading, 404, "not-found");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownRecordIsA404ForEveryOperation() {
        fixture();
        Stored before = stored();
        String nope = "/api/v1/instruments/00000000-0000-0000-0000-000000000000";

        List<Reply> replies = List.of(api().get(nope, fixture().prosecutor), api().get(nope + "/pdf", fixture().admin),
                api().get(nope + "/responses/x/files/0", fixture().admin),
                api().json("POST", nope + "/delivery", fixture().prosecutor, Map.of("method", "直接送达")),
                api().json("POST", nope + "/withdrawal", fixture().prosecutor, Map.of("reason", "无")),
                api().get("/api/v1/instruments/" + ApiFixture.id(fixture().recordA) + "/responses/nope", fixture().admin),
                api().get("/api/v1/instruments/" + ApiFixture.id(fixture().recordA) + "/responses/"
                        + ApiFixture.id(fixture().responseA) + "/files/7", fixture().admin));

        replies.forEach(reply -> assertProblem(reply, 404, "not-found"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anOversizedUploadIsA413AndStoresNothing() {
        fixture();
        Stored before = stored();
        byte[] big = new byte[25 * 1024 * 1024 + 300 * 1024];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, big, 0, header.length);

        Reply reply = respond(List.of(new FilePart("大文件.pdf", "application/pdf", big)));

        assertProblem(reply, 413, "upload-too-large");
        assertThat(errors(reply)).extracting(e -> e.get("field")).containsExactly("files");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aDisguisedExecutableIsRefusedBesideItsNameAndNothingOfTheResponseIsStored() {
        fixture();
        Stored before = stored();

        Reply reply = respond(List.of(new FilePart("整改报告.pdf", "application/pdf", pdf("fine")),
                new FilePart("整改附件.pdf", "application/pdf", executable())));

        assertProblem(reply, 422, "file-refused");
        assertThat(errors(reply)).hasSize(1).first().satisfies(e -> {
            assertThat(e).containsEntry("field", "files");
            assertThat((String) e.get("message")).contains("整改附件.pdf").containsPattern("可执行|不符|类型");
        });
        assertThat(reply.text()).doesNotContain("整改报告.pdf");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void missingPartsAndBadValuesOfAnUploadAreNamed() {
        ApiFixture f = fixture();
        Stored before = stored();
        String path = "/api/v1/instruments/" + ApiFixture.id(f.recordA) + "/responses";

        Reply noFiles = api().multipart(path, f.agencyA, Map.of("measures", "a", "results", "b", "adoption", "采纳"), List.of());
        Reply noMeasures = api().multipart(path, f.agencyA, Map.of("results", "b", "adoption", "采纳"),
                List.of(new FilePart("a.pdf", "application/pdf", pdf("a"))));
        Reply badAdoption = api().multipart(path, f.agencyA, Map.of("measures", "a", "results", "b", "adoption", "也许"),
                List.of(new FilePart("a.pdf", "application/pdf", pdf("a"))));
        Reply asJson = api().json("POST", path, f.agencyA, Map.of("measures", "a"));

        assertProblem(noFiles, 400, "invalid-request");
        assertThat(errors(noFiles)).extracting(e -> e.get("field")).containsExactly("files");
        assertProblem(noMeasures, 400, "invalid-request");
        assertThat(errors(noMeasures)).extracting(e -> e.get("field")).containsExactly("measures");
        assertProblem(badAdoption, 400, "invalid-request");
        assertThat(errors(badAdoption)).extracting(e -> e.get("field")).containsExactly("adoption");
        assertProblem(asJson, 415, "unsupported-media-type");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void badParametersAndBodiesOfLifecycleCallsAreNamed() {
        ApiFixture f = fixture();
        String a = "/api/v1/instruments/" + ApiFixture.id(f.recordA);
        Stored before = stored();

        Reply year = api().get("/api/v1/instruments?year=abc", f.prosecutor);
        Reply status = api().get("/api/v1/instruments?status=LOST", f.prosecutor);
        Reply unit = api().get("/api/v1/instruments?unit=" + ApiIssuingIntegrationTests.enc("不存在的局"), f.prosecutor);
        Reply method = api().json("POST", a + "/delivery", f.prosecutor, Map.of("method", "飞鸽传书"));
        Reply date = api().json("POST", a + "/delivery", f.prosecutor, Map.of("method", "直接送达", "date", "2024-13-45"));
        Reply noReason = api().json("POST", a + "/withdrawal", f.prosecutor, Map.of());
        Reply again = api().json("POST", a + "/delivery", f.prosecutor, Map.of("method", "直接送达"));
        Reply text = api().send("POST", "/api/v1/instruments", f.prosecutor, "text/plain", "hello".getBytes(), Map.of());

        for (var expected : Map.of(year, "year", status, "status", unit, "unit", method, "method", date, "date",
                noReason, "reason").entrySet()) {
            assertProblem(expected.getKey(), 400, "invalid-request");
            assertThat(errors(expected.getKey())).extracting(e -> e.get("field")).containsExactly(expected.getValue());
        }
        assertThat((String) errors(status).get(0).get("message")).contains("DELIVERED");
        assertProblem(again, 409, "transition-refused");
        assertProblem(text, 415, "unsupported-media-type");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void unknownEndpointsAndMethodsAreProblemsToo() {
        ApiFixture f = fixture();

        Reply nothing = api().get("/api/v1/nothing-here", f.prosecutor);
        Reply delete = api().send("DELETE", "/api/v1/instruments", f.prosecutor, null, null, Map.of());

        assertProblem(nothing, 404, "not-found");
        assertProblem(delete, 405, "method-not-allowed");
        assertThat(delete.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
    }

    /**
     * A literal sub-path asked for with a method it does not take is 405 naming the methods it does, not a path
     * variable ("validate" as an execution id, "validation" as a record id); a real id that is malformed stays 400.
     */
    @Test
    void aLiteralSubPathUnderAnotherMethodIsMethodNotAllowedNotAnId() {
        ApiFixture f = fixture();

        Reply validate = api().get("/api/v1/bulk-issues/validate", f.prosecutor);
        Reply validation = api().get("/api/v1/instruments/validation", f.prosecutor);
        Reply notAnId = api().get("/api/v1/bulk-issues/abc", f.prosecutor);

        for (Reply reply : List.of(validate, validation)) {
            assertProblem(reply, 405, "method-not-allowed");
            assertThat(reply.headers().firstValue("Allow").orElseThrow()).isEqualTo("POST");
            assertThat((String) reply.json().get("detail")).contains("不支持 GET", "POST").doesNotContain("格式不对", "没有");
        }
        assertThat(notAnId.status()).as(notAnId.toString()).isEqualTo(400);
    }

    /** A whole number too large for its parameter is out of range (with the range), not "须为整数"; a day no calendar has does not exist. */
    @Test
    void aNumberTooLargeIsOutOfRangeAndAnImpossibleDateDoesNotExist() {
        ApiFixture f = fixture();

        Reply size = api().get("/api/v1/bulk-issues?size=99999999999", f.prosecutor);
        Reply id = api().get("/api/v1/bulk-issues/99999999999999999999", f.prosecutor);
        Reply from = api().get("/api/v1/audit?from=2024-02-30", f.admin);

        assertProblem(size, 400, "invalid-request");
        assertThat((String) size.json().get("detail")).contains("超出范围", "2147483647").doesNotContain("须为整数");
        assertProblem(id, 400, "invalid-request");
        assertThat((String) id.json().get("detail")).contains("超出范围", "9223372036854775807").doesNotContain("须为整数");
        assertProblem(from, 400, "invalid-request");
        assertThat((String) from.json().get("detail")).contains("2024-02-30", "不存在").doesNotContain("yyyy-MM-dd");
    }

    @Test
    void aBadIdempotencyKeyIsRefusedBeforeANumberIsTaken() {
        fixture();
        Stored before = stored();

        Reply reply = api().json("POST", "/api/v1/instruments", fixture().prosecutor,
                issueBody(suggestion("关于幂等键的检察建议", ApiFixture.UNIT_A)), Map.of("Idempotency-Key", "no/slashes!"));

        assertProblem(reply, 400, "invalid-request");
        assertThat((String) reply.json().get("detail")).contains("幂等键");
        assertThat(stored()).isEqualTo(before);
    }

    /** The first bytes of a Windows executable (DOS stub and PE header), enough for content sniffing to know it. */
    private static byte[] executable() {
        byte[] exe = new byte[4096];
        Arrays.fill(exe, (byte) 0);
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        byte[] stub = "This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 0x4e, stub.length);
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x84] = 0x4c;
        exe[0x85] = 0x01;
        return exe;
    }

    private static Map<String, Object> withInstance(Map<String, Object> problem, String instance) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(problem);
        copy.put("instance", instance);
        return copy;
    }
}
