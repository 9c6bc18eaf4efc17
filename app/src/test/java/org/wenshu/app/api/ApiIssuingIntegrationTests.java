package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.Reply;

/** Issuing through the API (idempotency, the sealed PDF, the JSON shape) and paging of lists. */
class ApiIssuingIntegrationTests extends ApiIntegrationTest {

    @Test
    void theSameIdempotencyKeyTwiceIssuesOneRecord() {
        ApiFixture f = fixture();
        Map<String, Object> body = issueBody(suggestion("关于加强校园食品安全管理的检察建议", ApiFixture.UNIT_A));
        Stored before = stored();

        Reply first = api().json("POST", "/api/v1/instruments", f.prosecutor, body, Map.of("Idempotency-Key", "idem-1"));
        Reply second = api().json("POST", "/api/v1/instruments", f.prosecutor, body, Map.of("Idempotency-Key", "idem-1"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(second.json().get("number")).isEqualTo(first.json().get("number"));
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/instruments/" + first.json().get("id"));
        Stored after = stored();
        assertThat(after.rows().get("instruments")).isEqualTo(before.rows().get("instruments") + 1);
        assertThat(after.rows().get("register_entries")).isEqualTo(before.rows().get("register_entries") + 1);
    }

    @Test
    void anIssuedRecordHasTheCliJsonShapeAndASealedPdf() {
        ApiFixture f = fixture();

        Reply record = api().get("/api/v1/instruments/" + ApiFixture.id(f.recordA), f.prosecutor);
        Reply pdf = api().get("/api/v1/instruments/" + ApiFixture.id(f.recordA) + "/pdf", f.agencyA);

        assertThat(record.status()).isEqualTo(200);
        assertThat(record.contentType()).startsWith("application/json");
        assertThat(record.json()).containsKeys("id", "number", "status", "storedStatus", "overdue", "dueDate", "typeId",
                "title", "issuingUnit", "recipients", "copiedUnits", "issuedAt", "delivery", "objects", "fields");
        assertThat((String) record.json().get("number")).matches("荆检行建〔\\d{4}〕\\d+号");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"").contains("filename*=UTF-8''%E8%8D%86"); // 荆
    }

    @Test
    void anIssuingUnitWithoutASealIsNamedWithoutTheConfigurationAndOthersUnitsAreForbiddenFirst() {
        ApiFixture f = fixture();
        Map<String, Object> police = new java.util.LinkedHashMap<>(suggestion("关于无印章单位名义的检察建议", ApiFixture.UNIT_A));
        police.put("issuingUnit", ApiFixture.UNIT_B);
        Stored before = stored();

        Reply unsealed = api().json("POST", "/api/v1/instruments", f.admin, issueBody(police));
        Reply foreign = api().json("POST", "/api/v1/instruments", f.prosecutor, issueBody(police));

        assertProblem(unsealed, 422, "unit-seal-missing");
        assertThat(unsealed.json().get("detail")).asString().startsWith("发文机关 荆门市公安局 没有电子印章，不能发文")
                .contains("荆门市人民检察院");
        assertThat(unsealed.text()).contains("fields.issuingUnit").doesNotContain("wenshu.signing", "key-alias");
        assertProblem(foreign, 403, "forbidden");
        assertThat(stored().rows().get("register_entries")).isEqualTo(before.rows().get("register_entries"));
    }

    @Test
    void aNumberInAnotherUnitsSeriesOrAlreadyRegisteredIsRefusedInWords() {
        ApiFixture f = fixture();
        Map<String, Object> foreign = new java.util.LinkedHashMap<>(suggestion("关于办公室名义的检察建议", ApiFixture.UNIT_A));
        foreign.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        Stored before = stored();

        Reply notOwn = api().json("POST", "/api/v1/instruments", f.admin, issueBody(foreign));

        assertProblem(notOwn, 422, "number-code-not-own");
        assertThat(notOwn.json().get("detail")).asString().contains("发文机关代字「荆检行建」属于荆门市人民检察院");
        assertThat(stored().rows().get("register_entries")).isEqualTo(before.rows().get("register_entries"));

        // A register ahead of its counter (a restored database): the next number is found taken.
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        int next = jdbc.queryForObject("SELECT last_serial FROM number_counters WHERE prefix = '荆检行建' AND num_year = 2024",
                Integer.class) + 1;
        String number = "荆检行建〔2024〕" + next + "号";
        jdbc.update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, record_id, "
                + "type_id, title, reserved_at) VALUES ('jm-procuratorate', '荆检行建', 2024, ?, ?, 'VOID', 'api-restored', "
                + "'procuratorial-suggestion', '恢复的登记', CURRENT_TIMESTAMP)", next, number);
        try {
            Reply taken = api().json("POST", "/api/v1/instruments", f.prosecutor,
                    issueBody(suggestion("关于编号冲突的检察建议", ApiFixture.UNIT_A)));

            assertProblem(taken, 409, "number-taken");
            assertThat(taken.json().get("detail")).asString().contains("发文字号 " + number + " 已由荆门市人民检察院登记");
            assertThat(taken.text()).doesNotContain("SQL", "register_entries", "CONSTRAINT");
        } finally {
            jdbc.update("DELETE FROM register_entries WHERE record_id = 'api-restored'");
        }
    }

    @Test
    void pagesOfAListAreDisjointCompleteAndCounted() {
        ApiFixture f = fixture();
        Reply all = api().get("/api/v1/instruments?size=200", f.prosecutor);
        long total = ((Number) all.json().get("total")).longValue();
        assertThat(total).isGreaterThanOrEqualTo(3).isEqualTo(all.items().size());

        List<Object> paged = new ArrayList<>();
        for (int page = 0; page * 2 < total; page++) {
            Reply reply = api().get("/api/v1/instruments?size=2&page=" + page, f.prosecutor);
            assertThat(reply.json()).containsEntry("page", page).containsEntry("size", 2);
            assertThat(((Number) reply.json().get("total")).longValue()).isEqualTo(total);
            assertThat(reply.items()).hasSizeBetween(1, 2);
            reply.items().forEach(item -> paged.add(item.get("id")));
        }
        Reply beyond = api().get("/api/v1/instruments?size=2&page=1000", f.prosecutor);

        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(all.items().stream().map(i -> i.get("id")).toList());
        assertThat(beyond.items()).isEmpty();
        assertThat(((Number) beyond.json().get("total")).longValue()).isEqualTo(total);
    }

    @Test
    void pagingParametersOutOfRangeAreRefusedByName() {
        ApiFixture f = fixture();

        for (String query : List.of("size=0", "size=201", "page=-1", "page=x")) {
            Reply reply = api().get("/api/v1/instruments?" + query, f.prosecutor);

            assertProblem(reply, 400, "invalid-request");
            assertThat(errors(reply)).extracting(e -> e.get("field")).containsExactly(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void listsFilterByTypeStatusYearUnitAndOverdue() {
        ApiFixture f = fixture();

        Reply toA = api().get("/api/v1/instruments?unit=" + enc(ApiFixture.UNIT_A) + "&size=200", f.prosecutor);
        Reply delivered = api().get("/api/v1/instruments?status=RESPONDED&size=200", f.prosecutor);
        Reply otherType = api().get("/api/v1/instruments?type=non-prosecution-decision", f.prosecutor);
        Reply overdue = api().get("/api/v1/instruments?overdue=true", f.prosecutor);

        assertThat(toA.items()).extracting(i -> i.get("id")).contains(ApiFixture.id(f.recordA), ApiFixture.id(f.recordM))
                .doesNotContain(ApiFixture.id(f.recordB));
        assertThat(delivered.items()).extracting(i -> i.get("id"))
                .contains(ApiFixture.id(f.recordA), ApiFixture.id(f.recordB)).doesNotContain(ApiFixture.id(f.recordM));
        assertThat(otherType.items()).isEmpty();
        assertThat(overdue.items()).isEmpty();
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
