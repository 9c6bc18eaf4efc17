package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * {@code GET /api/v1/search} and {@code /api/v1/similar} against the fixture's mixed index (record A addressed to
 * agency A, record B to agency B, both answered): an agency's hits, total and facet counts cover only what it may
 * see; similar records of an unknown or invisible record are 404; bad input is a problem document; every search is
 * logged without the caller.
 */
class SearchApiIntegrationTests extends ApiIntegrationTest {

    private static String search(String q, String more) {
        return "/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more;
    }

    /** Waits until the server's index (following the archive within a second) finds the fixture's records. */
    private void awaitFixtureIndexed(ApiFixture f) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            Reply reply = api().get(search("number:" + f.recordB.get("number") + " OR number:" + f.recordA.get("number")
                    + " OR instrument:" + ApiFixture.id(f.recordB), ""), f.admin);
            if (reply.status() == 200 && ((Number) reply.json().get("total")).longValue() >= 3) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the fixture never reached the index");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Reply reply, String key) {
        return (List<Map<String, Object>>) reply.json().get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> facet(Reply reply, String dimension) {
        Map<String, Object> facets = (Map<String, Object>) reply.json().get("facets");
        Map<String, Long> values = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) facets.getOrDefault(dimension, List.of())).forEach(v ->
                values.put((String) v.get("value"), ((Number) v.get("count")).longValue()));
        return values;
    }

    private static long total(Reply reply) {
        return ((Number) reply.json().get("total")).longValue();
    }

    @Test
    void anAgencysHitsTotalsAndFacetCountsCoverOnlyWhatItMaySee() throws Exception {
        ApiFixture f = fixture();
        awaitFixtureIndexed(f);

        Reply asA = api().get(search("检察建议", "&size=100"), f.agencyA);
        Reply asAdmin = api().get(search("检察建议", "&size=100"), f.admin);

        assertThat(asA.status()).as(asA.toString()).isEqualTo(200);
        List<Map<String, Object>> hits = list(asA, "hits");
        assertThat(total(asA)).isEqualTo(hits.size()).isLessThan(total(asAdmin));
        assertThat(hits).extracting(h -> h.get("id")).contains(ApiFixture.id(f.recordA), ApiFixture.id(f.responseA))
                .doesNotContain(ApiFixture.id(f.recordB), ApiFixture.id(f.responseB));
        assertThat(facet(asA, "unit")).containsKey(ApiFixture.UNIT_A);
        // Other tests share this server and may address one instrument to both units: unit B may then appear in A's
        // facet, but only counting records A may open, never record B or its response.
        Reply asANarrowedToB = api().get(search("检察建议 unit:" + ApiFixture.UNIT_B, "&size=100"), f.agencyA);
        assertThat(facet(asA, "unit").getOrDefault(ApiFixture.UNIT_B, 0L)).isEqualTo(total(asANarrowedToB));
        assertThat(list(asANarrowedToB, "hits")).extracting(h -> h.get("id"))
                .doesNotContain(ApiFixture.id(f.recordB), ApiFixture.id(f.responseB));
        for (Map<String, Object> hit : list(asANarrowedToB, "hits")) {
            assertThat(api().get(page(hit), f.agencyA).status()).as(hit.toString()).isEqualTo(200);
        }
        assertThat(facet(asA, "kind").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total(asA));
        assertThat(facet(asA, "year").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total(asA));
        assertThat(asA.text()).doesNotContain((String) f.recordB.get("title"), "乙单位整改措施");
        assertThat(facet(asAdmin, "unit")).containsKey(ApiFixture.UNIT_B);
        // Every hit is one agency A may open: an instrument, the instrument a response answers, a lead, a work point.
        for (Map<String, Object> hit : hits) {
            assertThat(api().get(page(hit), f.agencyA).status()).as(hit.toString()).isEqualTo(200);
        }
    }

    /** The API resource a hit stands for (other tests share this server, so any kind of record may turn up). */
    private static String page(Map<String, Object> hit) {
        String id = (String) hit.get("id");
        String parent = (String) hit.get("instrumentId");
        return switch ((String) hit.get("kind")) {
            case "INSTRUMENT" -> "/api/v1/instruments/" + id;
            case "RESPONSE" -> "/api/v1/instruments/" + parent;
            case "LEAD" -> "/api/v1/leads/" + id;
            case "TRACKED_ITEM" -> "/api/v1/workpoints/items/" + id;
            case "PROGRESS_REPORT" -> "/api/v1/workpoints/items/" + parent;
            case "REFERENCE" -> "/api/v1/similar?record=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
            default -> throw new AssertionError("a hit of an unknown kind: " + hit);
        };
    }

    @Test
    void facetsNarrowTheQuerySortAndPageWork() throws Exception {
        ApiFixture f = fixture();
        awaitFixtureIndexed(f);

        Reply all = api().get(search("检察建议", "&size=100"), f.researcher);
        Reply narrowed = api().get(search("检察建议 unit:" + ApiFixture.UNIT_B, "&size=100"), f.researcher);
        Reply oldest = api().get(search("检察建议", "&sort=oldest&size=2&page=0"), f.researcher);
        Reply second = api().get(search("检察建议", "&sort=oldest&size=2&page=1"), f.researcher);

        assertThat(total(narrowed)).isEqualTo(facet(all, "unit").get(ApiFixture.UNIT_B));
        assertThat(list(narrowed, "hits")).extracting(h -> h.get("id")).contains(ApiFixture.id(f.recordB))
                .doesNotContain(ApiFixture.id(f.recordA));
        List<String> dates = java.util.stream.Stream.concat(list(oldest, "hits").stream(), list(second, "hits").stream())
                .map(h -> (String) h.get("date")).toList();
        assertThat(dates).hasSize(4).isSorted();
        assertThat(list(oldest, "hits")).extracting(h -> h.get("id"))
                .doesNotContainAnyElementsOf(list(second, "hits").stream().map(h -> h.get("id")).toList());
    }

    @Test
    void similarRecordsComeWithTheirSharedTermsWithinWhatTheCallerMaySee() throws Exception {
        ApiFixture f = fixture();
        awaitFixtureIndexed(f);

        Reply asA = api().get("/api/v1/similar?record=" + ApiFixture.id(f.recordA), f.agencyA);
        Reply passage = api().json("POST", "/api/v1/similar", f.agencyA, Map.of("text",
                "关于加强道路交通安全管理，增设交通信号灯。"));

        assertThat(asA.status()).as(asA.toString()).isEqualTo(200);
        assertThat(((Map<?, ?>) asA.json().get("record")).get("id")).isEqualTo(ApiFixture.id(f.recordA));
        assertThat(list(asA, "precedents")).isNotEmpty().allSatisfy(p -> assertThat((List<?>) p.get("sharedTerms")).isNotEmpty());
        assertThat(list(asA, "precedents")).extracting(p -> p.get("id"))
                .doesNotContain(ApiFixture.id(f.recordA), ApiFixture.id(f.recordB), ApiFixture.id(f.responseB));
        assertThat(passage.status()).as(passage.toString()).isEqualTo(200);
        assertThat(list(passage, "precedents")).extracting(p -> p.get("id"))
                .doesNotContain(ApiFixture.id(f.recordB), ApiFixture.id(f.responseB));
        assertThat(passage.text()).doesNotContain("乙单位整改措施");
    }

    @Test
    void similarOfAnUnknownOrInvisibleRecordIsNotFound() throws Exception {
        ApiFixture f = fixture();
        awaitFixtureIndexed(f);

        Reply invisible = api().get("/api/v1/similar?record=" + ApiFixture.id(f.recordA), f.agencyB);
        Reply unknown = api().get("/api/v1/similar?record=no-such-record", f.admin);
        Reply missing = api().get("/api/v1/similar", f.admin);

        assertProblem(invisible, 404, "not-found");
        assertThat(invisible.text()).doesNotContain((String) f.recordA.get("title"));
        assertProblem(unknown, 404, "not-found");
        assertProblem(missing, 400, "invalid-request");
    }

    @Test
    void badPassagesAndQueriesAreProblemDocuments() {
        Auth researcher = fixture().researcher;

        Reply empty = api().json("POST", "/api/v1/similar", researcher, Map.of("text", "  "));
        Reply absent = api().json("POST", "/api/v1/similar", researcher, Map.of());
        Reply tooLong = api().json("POST", "/api/v1/similar", researcher, Map.of("text", "湿".repeat(10_001)));
        Reply notJson = api().send("POST", "/api/v1/similar", researcher, "application/json", "{text".getBytes(), Map.of());
        Reply query = api().get(search("湿地 \"巡护", ""), researcher);
        Reply sort = api().get(search("湿地", "&sort=sideways"), researcher);

        assertProblem(empty, 400, "invalid-request");
        assertThat(errors(empty)).extracting(e -> e.get("field")).containsExactly("text");
        assertProblem(absent, 400, "invalid-request");
        assertProblem(tooLong, 400, "invalid-request");
        assertThat((String) tooLong.json().get("detail")).contains("10001", "10000");
        assertProblem(notJson, 400, "malformed-json");
        assertProblem(query, 400, "query-invalid");
        assertThat(query.json()).containsEntry("position", 3);
        assertThat((String) query.json().get("detail")).contains("character 4");
        assertProblem(sort, 400, "invalid-request");
    }

    @Test
    void apiSearchesAreLoggedWithoutTheCaller() {
        String q = "麒麟琥珀" + System.nanoTime();

        Reply reply = api().get(search(q, ""), fixture().researcher);

        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> rows = new JdbcTemplate(dataSource).queryForList(
                "SELECT * FROM query_log WHERE query_text = ?", q);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("RESULT_COUNT", 0L).containsEntry("CHANNEL", "API");
        assertThat(rows.toString()).doesNotContain("researcher", "wst_");
    }
}
