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
