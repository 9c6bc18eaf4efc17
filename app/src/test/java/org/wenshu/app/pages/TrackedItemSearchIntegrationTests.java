package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.indexing.ArchiveIndexing;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.ReportSubmission;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.search.Access;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordKind;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracked items and progress reports in search: a published work point of 荆门市司法局 (agency A) with A's progress
 * report, a resolution of A and a draft point, all about 磷石膏堆场. A and the office find the point and the report
 * through {@code /api/v1/search} and the {@code /search} page; agency B and the prosecutor (whose unit is not
 * responsible) find none of them, in hits, totals and facets; the draft is the office's alone; {@code kind:} filters;
 * hits link to the item's page; a rebuild from the archive includes them with the same access.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackedItemSearchIntegrationTests extends PagesTestSupport {

    private static final String WORD = "\"磷石膏堆场\"";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TrackedItems tracked;

    @Autowired
    RecordIndex index;

    @Autowired
    ArchiveIndexing indexing;

    private final HttpClient http = HttpClient.newHttpClient();
    private String point;
    private String draftPoint;
    private String resolution;
    private String report;

    @BeforeAll
    void setUp() throws Exception {
        ensureAccounts();
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        ItemList list = tracked.createList(year, "磷石膏综合治理要点" + System.nanoTime(), "jm-coordination-office", List.of(
                new ItemDraft(1, "开展磷石膏堆场联合排查", "对辖区磷石膏堆场渗滤液开展联合排查", "市司法局", List.of(), "年底前")),
                "page-admin");
        tracked.publish(list.id(), "page-admin");
        point = tracked.items(ItemQuery.all().inList(list.id())).get(0).id();
        ItemList draft = tracked.createList(year, "磷石膏治理草稿" + System.nanoTime(), "jm-coordination-office", List.of(
                new ItemDraft(1, "磷石膏堆场整改验收（草稿）", "尚未发布的要点", "市司法局", List.of(), "年底前")),
                "page-admin");
        draftPoint = tracked.items(ItemQuery.all().inList(draft.id())).get(0).id();
        TrackedItem decided = tracked.createFromResolution("meeting-" + System.nanoTime(), year,
                new ItemDraft(1, "建立磷石膏堆场线索移送台账", "联席会议议定", "市司法局", List.of(), "年底前"), "page-admin");
        resolution = decided.id();
        ProgressReport sent = tracked.submit(new ReportSubmission(point, "jm-justice", AGENCY,
                "已排查磷石膏堆场七处，发现渗漏两处并已移送", Optional.empty(), List.of()));
        report = sent.id();
        for (int i = 0; i < 120 && index.search(SearchRequest.of(WORD, Viewer.administrator(), 10)).total() < 4; i++) {
            Thread.sleep(250);
        }
        assertThat(index.search(SearchRequest.of(WORD, Viewer.administrator(), 10)).total())
                .as("the follower indexed the items and the report").isEqualTo(4);
    }

    private Map<String, Object> api(String username, String query) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/search?size=50&q="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8))).header("Authorization", "Basic " + basic)
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> results) {
        return ((List<Map<String, Object>>) results.get("hits")).stream().map(h -> (String) h.get("id")).toList();
    }

    private static long total(Map<String, Object> results) {
        return ((Number) results.get("total")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> kindFacet(Map<String, Object> results) {
        return ((Map<String, List<Map<String, Object>>>) results.get("facets")).getOrDefault("kind", List.of()).stream()
                .map(f -> (String) f.get("value")).toList();
    }

    private static List<String> pageHits(String html) {
        Matcher m = Pattern.compile("class=\"hit card\" data-id=\"([^\"]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String page(String query) {
        return "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void theResponsibleAgencyAndTheOfficeFindTheItemAndReportThroughTheApi() throws Exception {
        Map<String, Object> asA = api(AGENCY, WORD);
        Map<String, Object> asOffice = api(ADMIN, WORD);

        assertThat(ids(asA)).containsExactlyInAnyOrder(point, resolution, report);
        assertThat(total(asA)).isEqualTo(3);
        assertThat(kindFacet(asA)).containsExactlyInAnyOrder("TRACKED_ITEM", "PROGRESS_REPORT");
        assertThat(ids(asOffice)).containsExactlyInAnyOrder(point, draftPoint, resolution, report);
        assertThat(total(asOffice)).isEqualTo(4);
    }

    @Test
    void anotherAgencyAndAProsecutorOfAnotherUnitFindNothingInHitsTotalsOrFacets() throws Exception {
        for (String outsider : List.of(OTHER_AGENCY, PROSECUTOR)) {
            for (String query : List.of(WORD, "磷石膏", "kind:tracked_item", "kind:progress_report")) {
                Map<String, Object> results = api(outsider, query);

                assertThat(ids(results)).as(outsider + " " + query).doesNotContain(point, draftPoint, resolution, report);
                assertThat(JSON.writeValueAsString(List.of(results.get("hits"), results.get("facets"))))
                        .doesNotContain("磷石膏堆场", "渗漏两处");
                if (!query.startsWith("kind:")) {
                    // Only this test's records hold these words; the kind filters alone also find the work points
                    // other tests of this shared server give the outsider's own unit, which it may see.
                    assertThat(kindFacet(results)).as(outsider + " " + query).doesNotContain("TRACKED_ITEM", "PROGRESS_REPORT");
                    assertThat(JSON.writeValueAsString(List.of(results.get("hits"), results.get("facets"))))
                            .doesNotContain("工作要点", "议定事项");
                }
            }
            assertThat(total(api(outsider, WORD))).isZero();
        }
        Page page = signedIn(OTHER_AGENCY).get(page(WORD));
        assertThat(page.status()).isEqualTo(200);
        assertThat(pageHits(page.body())).isEmpty();
        assertThat(page.body()).doesNotContain("磷石膏堆场联合排查", "渗漏两处", "TRACKED_ITEM", "PROGRESS_REPORT",
                "<span class=\"facet-label\">督办事项</span>", "<span class=\"facet-label\">进展报告</span>");
    }

    @Test
    void theKindFilterNarrowsToItemsOrReports() throws Exception {
        assertThat(ids(api(AGENCY, WORD + " kind:progress_report"))).containsExactly(report);
        assertThat(ids(api(AGENCY, WORD + " kind:tracked_item"))).containsExactlyInAnyOrder(point, resolution);
        assertThat(ids(api(ADMIN, WORD + " kind:tracked_item"))).containsExactlyInAnyOrder(point, draftPoint, resolution);
        assertThat(ids(api(AGENCY, WORD + " -kind:tracked_item"))).containsExactly(report);
    }

    @Test
    void theSearchPageShowsThemWithTheirSourceAndLinksToTheItemPage() {
        Page asA = signedIn(AGENCY).get(page(WORD));
        Page asOffice = signedIn(ADMIN).get(page(WORD));

        assertThat(asA.status()).isEqualTo(200);
        assertThat(pageHits(asA.body())).containsExactlyInAnyOrder(point, resolution, report);
        assertThat(asA.body()).contains("共 3 条", "TRACKED_ITEM\">工作要点<", "TRACKED_ITEM\">议定事项<",
                "PROGRESS_REPORT\">进展报告<",
                "<span class=\"facet-label\">督办事项</span> <span class=\"count\">2</span>",
                "<span class=\"facet-label\">进展报告</span> <span class=\"count\">1</span>",
                "href=\"/workpoints/items/" + point + "\"", "href=\"/workpoints/items/" + resolution + "\"");
        assertThat(asA.body()).doesNotContain("整改验收（草稿）");
        // the report opens on its item's page, which A may see
        assertThat(Pattern.compile("href=\"/workpoints/items/" + point + "\"").matcher(asA.body()).results().count())
                .isEqualTo(2);
        assertThat(signedIn(AGENCY).get("/workpoints/items/" + point).status()).isEqualTo(200);
        assertThat(pageHits(asOffice.body())).containsExactlyInAnyOrder(point, draftPoint, resolution, report);
    }

    @Test
    void aRebuildFromTheArchiveIncludesThemWithTheSameAccess() {
        index.rebuild(indexing);

        assertThat(index.search(SearchRequest.of(WORD, Viewer.agency("荆门市司法局"), 10)).hits())
                .extracting(h -> h.id()).containsExactlyInAnyOrder(point, resolution, report);
        assertThat(index.search(SearchRequest.of(WORD, Viewer.agency("荆门市公安局"), 10)).total()).isZero();
        assertThat(index.search(SearchRequest.of(WORD, Viewer.administrator(), 10)).total()).isEqualTo(4);

        List<IndexedRecord> records = new ArrayList<>();
        indexing.forEachRecord(records::add);

        assertThat(records).filteredOn(r -> r.id().equals(point)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.TRACKED_ITEM);
            assertThat(r.type()).isEqualTo("工作要点");
            assertThat(r.access()).isEqualTo(Access.restricted(java.util.Set.of("荆门市司法局")));
        });
        assertThat(records).filteredOn(r -> r.id().equals(report)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecordKind.PROGRESS_REPORT);
            assertThat(r.instrumentId()).isEqualTo(point);
            assertThat(r.access()).isEqualTo(Access.restricted(java.util.Set.of("荆门市司法局")));
        });
        assertThat(records).filteredOn(r -> r.id().equals(resolution)).singleElement()
                .extracting(IndexedRecord::type).isEqualTo("议定事项");
        assertThat(records).filteredOn(r -> r.id().equals(draftPoint)).singleElement()
                .extracting(IndexedRecord::access).isEqualTo(Access.restricted(java.util.Set.of()));
    }
}
