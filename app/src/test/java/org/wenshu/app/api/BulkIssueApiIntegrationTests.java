package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.FilePart;
import org.wenshu.app.api.ApiClient.Reply;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/bulk-issues}: the row-by-row check issues nothing, a start answers 202 with the execution's
 * location and issues each valid row once however often the same upload is confirmed, executions are visible to
 * their unit (and the office) only, and unusable uploads are problem documents naming the part at fault.
 */
class BulkIssueApiIntegrationTests extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The shipped meeting-notice example as base data, without its number (the archive assigns it). */
    static byte[] baseData() {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(Path.of("..", "examples", "meeting-notice.json")
                .toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("copiesTo", List.of("市政府办"));
        return JSON.writeValueAsBytes(fields);
    }

    static FilePart csv(String text) {
        return new FilePart("名单.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, FilePart> upload(FilePart list) {
        Map<String, FilePart> parts = new LinkedHashMap<>();
        parts.put("list", list);
        parts.put("data", new FilePart("基础数据.json", "application/json", baseData()));
        return parts;
    }

    private Reply validate(Auth who, FilePart list) {
        return api().multipartParts("/api/v1/bulk-issues/validate", who, Map.of("type", "meeting-notice"), upload(list));
    }

    private Reply start(Auth who, FilePart list) {
        return api().multipartParts("/api/v1/bulk-issues", who, Map.of("type", "meeting-notice"), upload(list));
    }

    private long instruments(Auth who) {
        return ((Number) api().get("/api/v1/instruments?size=1", who).json().get("total")).longValue();
    }

    private Map<String, Object> awaitEnd(Auth who, String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            Reply reply = api().get(location, who);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            String status = (String) reply.json().get("status");
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                return reply.json();
            }
            assertThat(System.nanoTime()).as("bulk issue still %s", status).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    @Test
    void validationReportsEveryBadRowWithItsColumnAndIssuesNothing() {
        ApiFixture f = fixture();
        long before = instruments(f.admin);

        Reply reply = validate(f.admin, csv("主送单位,标题\n市公安局,关于校验的第一次会议的通知\n市外星局,关于校验的第二次会议的通知\n"
                + "市司法局,=HYPERLINK(\"http://x\")\n市教育局,关于校验的第四次会议的通知\n"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("rows", 4).containsEntry("valid", 2).containsEntry("badRows", 2)
                .containsEntry("startable", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) reply.json().get("problems");
        assertThat(problems).extracting(p -> p.get("row"), p -> p.get("column"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "主送单位"), org.assertj.core.groups.Tuple.tuple(4, "标题"));
        assertThat((String) problems.get(0).get("reason")).contains("市外星局");
        assertThat((String) problems.get(1).get("reason")).contains("公式");
        assertThat(instruments(f.admin)).isEqualTo(before);
    }

    @Test
    void aStartIssuesEachValidRowOnceHoweverOftenTheSameUploadIsConfirmed() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于接口批量的第一次会议的通知\n市司法局,关于接口批量的第二次会议的通知\n"
                + "市外星局,关于接口批量的第三次会议的通知\n市教育局,关于接口批量的第四次会议的通知\n");

        Reply first = start(f.prosecutor, list);
        Reply second = start(f.prosecutor, list);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/v1/bulk-issues/\\d+");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.headers().firstValue("Location")).contains(location);
        assertThat(second.json()).containsEntry("started", false);

        Map<String, Object> done = awaitEnd(f.prosecutor, location);

        assertThat(done).as(done.toString()).containsEntry("status", "COMPLETED").containsEntry("total", 4)
                .containsEntry("done", 4).containsEntry("skipped", 1).containsEntry("issued", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) done.get("records");
        assertThat(records).extracting(r -> r.get("row")).containsExactly(2, 3, 5);
        assertThat(records).extracting(r -> r.get("title")).containsExactly("关于接口批量的第一次会议的通知",
                "关于接口批量的第二次会议的通知", "关于接口批量的第四次会议的通知");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) done.get("problems");
        assertThat(skipped).singleElement().satisfies(p -> assertThat(p).containsEntry("row", 4).containsEntry("column", "主送单位"));

        Reply third = start(f.prosecutor, list);

        assertThat(third.status()).as(third.toString()).isEqualTo(200);
        assertThat(third.headers().firstValue("Location")).contains(location);
        Reply search = api().get("/api/v1/instruments?type=meeting-notice&size=200", f.admin);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) search.json().get("items");
        assertThat(items).filteredOn(r -> ((String) r.get("title")).startsWith("关于接口批量的")).hasSize(3);
        assertThat(api().get((String) records.get(0).get("href"), f.prosecutor).status()).isEqualTo(200);
    }

    @Test
    void executionsAreVisibleToTheirUnitAndTheOfficeOnly() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于权限的会议的通知\n");
        Reply started = start(f.prosecutor, list);
        assertThat(started.status()).as(started.toString()).isIn(200, 202);
        String location = started.headers().firstValue("Location").orElseThrow();

        assertThat(api().get(location, f.agencyA).status()).isEqualTo(403);
        assertThat(api().get(location, f.researcher).status()).isEqualTo(403);
        Reply other = api().get(location, f.otherProsecutor);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.text()).doesNotContain("关于权限的会议的通知");
        assertThat(api().get(location, f.admin).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/bulk-issues/999999", f.admin).status()).isEqualTo(404);
        assertThat(validate(f.agencyA, list).status()).isEqualTo(403);
        assertThat(start(f.agencyA, list).status()).isEqualTo(403);

        Reply foreign = start(f.otherProsecutor, csv("主送单位,标题\n市公安局,关于孝感越权的会议的通知\n"));

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.text()).contains("urn:wenshu:problem:rows-forbidden", "荆门市“府检联动”工作领导小组办公室");
        awaitEnd(f.prosecutor, location);
    }

    @Test
    void unusableUploadsAreProblemDocumentsNamingThePart() {
        ApiFixture f = fixture();
        Map<String, FilePart> withoutData = new LinkedHashMap<>();
        withoutData.put("list", csv("主送单位,标题\n市公安局,关于缺件的通知\n"));

        Reply missing = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                withoutData);
        Reply unknownType = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "no-such-type"),
                upload(csv("主送单位,标题\n市公安局,关于类型的通知\n")));
        Reply gbk = validate(f.admin, new FilePart("名单.csv", "text/csv",
                "主送单位,标题\n市公安局,关于编码的会议的通知\n".getBytes(Charset.forName("GBK"))));
        StringBuilder many = new StringBuilder("主送单位,标题\n");
        for (int i = 0; i <= 10_000; i++) {
            many.append("市公安局,关于第").append(i).append("次会议的通知\n");
        }
        Reply tooMany = validate(f.admin, csv(many.toString()));
        Reply pdf = validate(f.admin, new FilePart("名单.pdf", "application/pdf", pdf("not a list")));
        Reply fakeXlsx = validate(f.admin, new FilePart("名单.xlsx", "application/octet-stream", pdf("not a workbook")));
        Map<String, FilePart> badJson = new LinkedHashMap<>();
        badJson.put("list", csv("主送单位,标题\n市公安局,关于数据的通知\n"));
        badJson.put("data", new FilePart("基础数据.json", "application/json", "{\"title\": ".getBytes(StandardCharsets.UTF_8)));
        Reply brokenData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                badJson);
        Reply badHeader = validate(f.admin, csv("收件人,标题\n市公安局,关于表头的通知\n"));
        Reply headerOnly = validate(f.admin, csv("主送单位,标题\n"));
        Reply txt = validate(f.admin, new FilePart("名单.txt", "text/plain",
                "主送单位,标题\n市公安局,关于文本的通知\n".getBytes(StandardCharsets.UTF_8)));
        Reply json = api().json("POST", "/api/v1/bulk-issues", f.admin, Map.of("type", "meeting-notice"));

        assertPartProblem(missing, 400, "invalid-request", "data");
        assertPartProblem(unknownType, 400, "unknown-type", "type");
        assertPartProblem(gbk, 422, "list-refused", "list");
        assertThat(gbk.text()).contains("GBK", "UTF-8");
        assertPartProblem(tooMany, 422, "list-refused", "list");
        assertThat(tooMany.text()).contains("10000");
        assertPartProblem(pdf, 422, "list-refused", "list");
        assertThat(pdf.text()).contains(".xlsx");
        assertPartProblem(fakeXlsx, 422, "list-refused", "list");
        assertPartProblem(brokenData, 422, "data-refused", "data");
        assertThat(brokenData.text()).contains("JSON");
        assertPartProblem(badHeader, 422, "list-refused", "list");
        assertThat(badHeader.text()).contains("收件人");
        assertPartProblem(headerOnly, 422, "list-refused", "list");
        assertThat(headerOnly.text()).contains("名单没有数据行");
        assertPartProblem(txt, 422, "list-refused", "list");
        assertThat(txt.text()).contains(".csv（UTF-8）或 .xlsx", "另存为");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).startsWith("application/problem+json");
    }

    private static void assertPartProblem(Reply reply, int status, String kind, String field) {
        assertProblem(reply, status, kind);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.json().get("errors");
        assertThat(errors).as(reply.toString()).extracting(e -> e.get("field")).contains(field);
    }
}
