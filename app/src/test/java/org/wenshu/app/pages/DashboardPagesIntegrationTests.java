package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统计分析: the dashboard's JSON and page against {@link SeededYear}, every expected figure counted by hand there —
 * on time, late (by the Shanghai date only), overdue, closed without reply, withdrawn, the three adoption kinds and
 * the prosecutor's narrower view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesIntegrationTests extends PagesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @BeforeAll
    void setUp() {
        ensureAccounts();
        SeededYear.ensure(context);
    }

    /** {@code GET path} on the API chain with HTTP Basic as {@code username}: status and parsed JSON body. */
    Map<String, Object> api(String username, String path, int expectedStatus) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
            return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> agency(Map<String, Object> figures, String unitId) {
        return ((List<Map<String, Object>>) figures.get("agencies")).stream()
                .filter(a -> ((Map<String, Object>) a.get("unit")).get("id").equals(unitId)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void officeSeesEveryStateAndTheRepliesOfEveryAgencyForTheYear() {
        Map<String, Object> figures = api(ADMIN, "/api/v1/dashboard?year=2021", 200);

        assertThat(figures).containsEntry("year", 2021).containsEntry("total", 8).containsEntry("overdue", 2)
                .containsEntry("zone", "Asia/Shanghai");
        assertThat(figures.get("states")).isEqualTo(Map.of("ISSUED", 1, "DELIVERED", 1, "RESPONDED", 4, "CLOSED", 1,
                "WITHDRAWN", 1));
        assertThat(agency(figures, "jm-police")).containsEntry("owed", 4).containsEntry("answered", 3)
                .containsEntry("onTime", 2).containsEntry("late", 1).containsEntry("overdue", 0).containsEntry("pending", 0)
                .containsEntry("onTimeRate", 66.7).containsEntry("averageDaysToReply", 37.3)
                .containsEntry("adoption", Map.of("ADOPTED", 1, "PARTLY_ADOPTED", 1, "NOT_ADOPTED", 1));
        assertThat(agency(figures, "jm-justice")).containsEntry("owed", 2).containsEntry("answered", 1)
                .containsEntry("onTime", 1).containsEntry("late", 0).containsEntry("overdue", 1)
                .containsEntry("onTimeRate", 50.0).containsEntry("averageDaysToReply", 20.0)
                .containsEntry("adoption", Map.of("ADOPTED", 1, "PARTLY_ADOPTED", 0, "NOT_ADOPTED", 0));
        assertThat(agency(figures, "jm-data")).containsEntry("owed", 1).containsEntry("answered", 0)
                .containsEntry("overdue", 1).containsEntry("onTimeRate", 0.0).containsEntry("averageDaysToReply", null);
        assertThat(figures.get("agencies")).asList().hasSize(3);
        assertThat(figures.get("domainMonths")).isEqualTo(List.of(
                Map.of("domain", "公益诉讼诉前", "month", "2021-03", "count", 1),
                Map.of("domain", "检察建议书", "month", "2021-03", "count", 4),
                Map.of("domain", "社会治理", "month", "2021-03", "count", 2),
                Map.of("domain", "纠正违法", "month", "2021-03", "count", 1)));
        assertThat(figures.get("overdueTrend")).isEqualTo(List.of(Map.of("month", "2021-05", "count", 3)));
        assertThat((Map<String, Object>) figures.get("overall")).containsEntry("owed", 7).containsEntry("answered", 4)
                .containsEntry("onTime", 3).containsEntry("late", 1).containsEntry("overdue", 2)
                .containsEntry("onTimeRate", 50.0).containsEntry("averageDaysToReply", 33.0)
                .containsEntry("adoption", Map.of("ADOPTED", 2, "PARTLY_ADOPTED", 1, "NOT_ADOPTED", 1));
    }

    @Test
    void aProsecutorSeesOnlyWhatTheirProcuratorateIssued() {
        Map<String, Object> figures = api(PROSECUTOR, "/api/v1/dashboard?year=2021", 200);

        assertThat(figures).containsEntry("total", 7).containsEntry("overdue", 2);
        assertThat(agency(figures, "jm-police")).containsEntry("owed", 3).containsEntry("answered", 2)
                .containsEntry("onTime", 1).containsEntry("late", 1).containsEntry("onTimeRate", 50.0)
                .containsEntry("averageDaysToReply", 51.0)
                .containsEntry("adoption", Map.of("ADOPTED", 1, "PARTLY_ADOPTED", 1, "NOT_ADOPTED", 0));
    }

    @Test
    void theUnitFilterKeepsInstrumentsTheUnitIssuedOrReceives() {
        Map<String, Object> figures = api(ADMIN, "/api/v1/dashboard?year=2021&unit=" + java.net.URLEncoder.encode("市司法局",
                StandardCharsets.UTF_8), 200);

        assertThat(figures).containsEntry("total", 3);
        assertThat(figures.get("unit")).isEqualTo(Map.of("id", "jm-justice", "name", "荆门市司法局", "shortName", "市司法局"));
        assertThat(figures.get("agencies")).asList().hasSize(1);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        Map<String, Object> future = api(ADMIN, "/api/v1/dashboard?year=2999", 400);
        Map<String, Object> word = api(ADMIN, "/api/v1/dashboard?year=abcd", 400);
        Map<String, Object> unit = api(ADMIN, "/api/v1/dashboard?unit=nowhere", 400);

        assertThat(future.get("detail").toString()).contains("年度 2999 超出范围");
        assertThat(word.get("detail").toString()).contains("年度「abcd」无效");
        assertThat(unit.get("detail").toString()).contains("没有名为「nowhere」的单位");
        assertThat(future.get("errors").toString()).contains("year");
    }

    @Test
    void agenciesAndResearchersAreRefused() {
        Map<String, Object> refused = api(AGENCY, "/api/v1/dashboard", 403);
        Page page = signedIn(AGENCY).get("/dashboard");

        assertThat(refused.get("type")).isEqualTo("urn:wenshu:problem:forbidden");
        assertThat(page.status()).isEqualTo(403);
    }

    @Test
    void thePageShowsTheSameFiguresAsCaptionedTablesAndItsDataIsTheApiJson() throws IOException {
        PageSession office = signedIn(ADMIN);

        Page page = office.get("/dashboard?year=2021");
        Page data = office.get("/dashboard/figures?year=2021");
        Page bad = office.get("/dashboard?year=20x4");
        Page badData = office.get("/dashboard/figures?year=20x4");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<caption>各单位按期回复率</caption>", "<caption>各单位采纳情况（以最近一次回复为准）</caption>",
                "<caption>逾期趋势（按回复期限届满月份，含逾期回复和逾期未回复）</caption>",
                "<th scope=\"row\">市公安局</th><td>4</td><td>3</td><td>2</td><td>1</td><td>0</td><td>0</td><td>66.7%</td>",
                "<th scope=\"row\">市公安局</th><td>3</td><td>37.3</td>",
                "<th scope=\"row\">合计</th><td>7</td><td>4</td><td>3</td><td>1</td><td>2</td><td>0</td><td>50.0%</td>",
                "/webjars/echarts/", "/dist/echarts.min.js", "/js/dashboard.js", "data-section=\"on-time\"");
        assertThat(JSON.readValue(data.body(), new TypeReference<Map<String, Object>>() { }))
                .isEqualTo(api(ADMIN, "/api/v1/dashboard?year=2021", 200));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("class=\"field-error\"", "年度「20x4」无效");
        assertThat(badData.status()).isEqualTo(400);
        assertThat(badData.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badData.body()).contains("年度「20x4」无效", "\"field\":\"year\"");
    }

    /** The printed rows of section {@code id}, keyed by their first cell. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> rows(Map<String, Object> figures, String id) {
        Map<String, Object> section = ((List<Map<String, Object>>) figures.get("sections")).stream()
                .filter(s -> s.get("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError("no section " + id));
        Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        ((List<List<String>>) section.get("rows")).forEach(r -> rows.put(r.get(0), r.subList(1, r.size())));
        return rows;
    }

    @Test
    void theYearlyInspectionCountsWorkPointsResolutionsLeadsAndRepliesPerMemberUnit() {
        Map<String, Object> figures = api(ADMIN, "/api/v1/dashboard?year=2021", 200);

        // 要点按期/逾期/未完成, 议定已完成/未完成, 移送线索, 已决定, 其中立案, 文书按期回复, 按期回复率, 已验收进展报告
        Map<String, List<String>> inspection = rows(figures, "inspection");
        assertThat(inspection.get("市公安局")).containsExactly("1", "1", "0", "0", "0", "2", "2", "1", "2", "66.7%", "2");
        assertThat(inspection.get("市司法局")).containsExactly("0", "0", "1", "1", "0", "0", "0", "0", "1", "50.0%", "1");
        assertThat(inspection.get("市政数局")).containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "0.0%", "0");
        assertThat(inspection.get("市检察院")).containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "—", "0");
        assertThat(inspection).containsKeys("市教育局", "市农业农村局").doesNotContainKeys("市政府", "府检联动办", "合计");
        // 负责事项, 按期完成, 逾期完成, 未完成, 其中逾期
        assertThat(rows(figures, "work-points")).containsOnly(
                Map.entry("市公安局", List.of("2", "1", "1", "0", "0")),
                Map.entry("市司法局", List.of("1", "0", "0", "1", "1")),
                Map.entry("合计", List.of("3", "1", "1", "1", "1")));
        // 负责事项, 已完成, 未完成, 其中逾期
        assertThat(rows(figures, "resolutions")).containsOnly(
                Map.entry("市司法局", List.of("1", "1", "0", "0")), Map.entry("合计", List.of("1", "1", "0", "0")));
        // 移送线索, 待受理, 审查中, 立案, 不立案, 移送其他机关, 已反馈结果
        assertThat(rows(figures, "leads")).containsOnly(
                Map.entry("市公安局", List.of("2", "0", "0", "1", "1", "0", "1")),
                Map.entry("合计", List.of("2", "0", "0", "1", "1", "0", "1")));
        assertThat(evidence(figures)).containsExactlyInAnyOrder(
                List.of("市公安局", "工作要点第1项 建立线索移送台账", "2021-06-10", "2021-06-12"),
                List.of("市公安局", "工作要点第2项 开展联合培训", "2021-05-20", "2021-05-21"),
                List.of("市司法局", "议定事项第1项 建立议定事项督办台账", "2021-07-01", "2021-07-02"));
    }

    @SuppressWarnings("unchecked")
    static List<List<String>> evidence(Map<String, Object> figures) {
        return ((List<Map<String, Object>>) figures.get("sections")).stream().filter(s -> s.get("id").equals("inspection-evidence"))
                .findFirst().map(s -> (List<List<String>>) s.get("rows")).orElseThrow();
    }

    @Test
    void aProsecutorSeesTheInspectionOfTheirOwnProcuratorateAndTheLeadsSentToIt() {
        Map<String, Object> figures = api(PROSECUTOR, "/api/v1/dashboard?year=2021", 200);

        Map<String, List<String>> inspection = rows(figures, "inspection");
        assertThat(inspection.get("市检察院")).containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "—", "0");
        assertThat(inspection.get("市公安局")).containsExactly("—", "—", "—", "—", "—", "2", "2", "1", "1", "50.0%", "—");
        assertThat(inspection.get("市司法局")).containsExactly("—", "—", "—", "—", "—", "0", "0", "0", "1", "50.0%", "—");
        assertThat(rows(figures, "work-points")).isEmpty();
        assertThat(rows(figures, "resolutions")).isEmpty();
        assertThat(rows(figures, "leads")).containsEntry("市公安局", List.of("2", "0", "0", "1", "1", "0", "1"));
        assertThat(evidence(figures)).isEmpty();
    }

    @Test
    void theInspectionFollowsTheUnitFilterAndAnotherYearCountsNothing() {
        Map<String, Object> police = api(ADMIN, "/api/v1/dashboard?year=2021&unit=jm-police", 200);
        Map<String, Object> before = api(ADMIN, "/api/v1/dashboard?year=2020", 200);

        assertThat(rows(police, "inspection")).containsOnlyKeys("市公安局");
        assertThat(rows(police, "work-points")).containsOnlyKeys("市公安局", "合计");
        assertThat(rows(police, "resolutions")).isEmpty();
        // OLD, numbered 2020, was answered on time
        assertThat(rows(before, "inspection").get("市公安局")).containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "1", "100.0%", "0");
        assertThat(rows(before, "leads")).isEmpty();
        assertThat(evidence(before)).isEmpty();
    }

    @Test
    void thePageShowsTheInspectionAsCaptionedTables() {
        Page page = signedIn(ADMIN).get("/dashboard?year=2021");

        assertThat(page.body()).contains("<caption>2021年度检查：各成员单位执行情况</caption>",
                "<caption>2021年度工作要点落实情况</caption>", "<caption>2021年度线索移送及处理情况（按移送单位）</caption>",
                "<th scope=\"row\">市公安局</th><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>2</td><td>2</td><td>1</td><td>2</td><td>66.7%</td><td>2</td>",
                "data-section=\"work-points\"", "data-section=\"leads\"");
    }
}
