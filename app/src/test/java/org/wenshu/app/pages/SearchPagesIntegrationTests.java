package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;
import org.wenshu.search.imports.ReferenceImporter;

/**
 * The search page against a mixed index: two instruments addressed to 荆门市司法局, two to 荆门市公安局 and one imported
 * reference text, all about 鹭岛湿地. Each agency's totals and facet counts cover its own records and the public
 * reference only; malformed queries are explained with their position; highlighting escapes the records' text;
 * similar records and reading pages of records the user may not see are 404; searches are logged without the user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPagesIntegrationTests extends PagesTestSupport {

    static final String RESEARCHER = "page-researcher";
    private static final String WORD = "鹭岛湿地";

    @Autowired
    RecordIndex index;

    @Autowired
    ReferenceImporter importer;

    @Autowired
    HikariDataSource dataSource;

    private String justice1;
    private String justice2;
    private String police1;
    private String reference;

    @BeforeAll
    void setUp(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        ensureAccounts();
        ensureResearcher(this);
        justice1 = issueAbout("关于鹭岛湿地巡护台账的检察建议", "荆门市司法局", "鹭岛湿地巡护台账缺失，巡护记录不全。");
        justice2 = issueAbout("关于鹭岛湿地界桩管理的检察建议", "荆门市司法局",
                "鹭岛湿地界桩损毁 <script>alert('x')</script> 未及时修复。");
        police1 = issueAbout("关于鹭岛湿地非法捕捞的检察建议", "荆门市公安局", "鹭岛湿地非法捕捞候鸟，巡护台账缺失。");
        issueAbout("关于鹭岛湿地夜间巡查的检察建议", "荆门市公安局", "鹭岛湿地夜间巡查不到位。");
        Files.createDirectories(folder.resolve("地方性法规"));
        Files.writeString(folder.resolve("地方性法规/鹭岛湿地保护条例.md"),
                "# 鹭岛湿地保护条例\n\n第一条 为了加强鹭岛湿地保护，维护湿地生态功能，制定本条例。\n\n第二条 湿地巡护应当建立台账。\n");
        importer.importFolder(folder);
        reference = index.referenceAt("地方性法规/鹭岛湿地保护条例.md").orElseThrow();
        awaitIndexed(WORD, 5);
    }

    /** Creates the researcher account once for the shared context. */
    static void ensureResearcher(PagesTestSupport test) {
        synchronized (PagesTestSupport.class) {
            if (test.accounts.find(RESEARCHER).isEmpty()) {
                test.accounts.create(RESEARCHER, "测试研究人员", Role.RESEARCHER, Optional.empty(), PASSWORD, false);
            }
        }
    }

    private String issueAbout(String title, String recipient, String facts) {
        Map<String, Object> fields = new LinkedHashMap<>(suggestion(title, recipient));
        fields.put("facts", facts);
        return instruments.issue(WenshuUser.of(accounts.require(PROSECUTOR)), "procuratorial-suggestion", fields,
                Optional.empty()).id();
    }

    /** Waits until the index (which follows the archive within a second) holds {@code count} records of {@code q}. */
    private void awaitIndexed(String q, long count) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            if (index.search(SearchRequest.of(q, Viewer.administrator(), 1)).total() >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the index never held " + count + " records of " + q);
    }

    private static String q(String query) {
        return "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static List<String> hitIds(String html) {
        Matcher m = Pattern.compile("class=\"hit card\" data-id=\"([^\"]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The facet values of {@code facet} as label → count. */
    private static Map<String, Long> facet(String html, String facet) {
        int start = html.indexOf("data-facet=\"" + facet + "\"");
        if (start < 0) {
            return Map.of();
        }
        int end = html.indexOf("</ul>", start);
        Matcher m = Pattern.compile("<span class=\"facet-label\">([^<]+)</span> <span class=\"count\">(\\d+)</span>")
                .matcher(html.substring(start, end));
        Map<String, Long> values = new LinkedHashMap<>();
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return values;
    }

    private static long total(String html) {
        Matcher m = Pattern.compile("共 (\\d+) 条").matcher(html);
        assertThat(m.find()).as("total shown").isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void agencyTotalsAndFacetCountsCoverOnlyRecordsItMaySee() {
        PageSession justice = signedIn(AGENCY);
        PageSession police = signedIn(OTHER_AGENCY);
        PageSession admin = signedIn(ADMIN);

        Page asJustice = justice.get(q(WORD));
        Page asPolice = police.get(q(WORD));
        Page asAdmin = admin.get(q(WORD));

        assertThat(asJustice.status()).isEqualTo(200);
        assertThat(hitIds(asJustice.body())).containsExactlyInAnyOrder(justice1, justice2, reference);
        assertThat(total(asJustice.body())).isEqualTo(3);
        assertThat(facet(asJustice.body(), "kind")).containsExactlyInAnyOrderEntriesOf(Map.of("文书", 2L, "参考资料", 1L));
        assertThat(facet(asJustice.body(), "unit")).containsEntry("荆门市司法局", 2L).doesNotContainKey("荆门市公安局");
        assertThat(asJustice.body()).doesNotContain("荆门市公安局", "非法捕捞", "夜间巡查");
        assertThat(total(asPolice.body())).isEqualTo(3);
        assertThat(facet(asPolice.body(), "unit")).containsEntry("荆门市公安局", 2L).doesNotContainKey("荆门市司法局");
        assertThat(hitIds(asPolice.body())).contains(police1, reference).doesNotContain(justice1, justice2);
        assertThat(total(asAdmin.body())).isEqualTo(5);
        assertThat(facet(asAdmin.body(), "unit")).containsEntry("荆门市司法局", 2L).containsEntry("荆门市公安局", 2L);
    }

    @Test
    void aFacetLinkNarrowsTheQueryAndShowsItAsActive() {
        PageSession admin = signedIn(ADMIN);
        Page all = admin.get(q(WORD));
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*><span class=\"facet-label\">荆门市公安局</span>")
                .matcher(all.body());
        assertThat(link.find()).isTrue();

        Page narrowed = admin.get(link.group(1).replace("&amp;", "&"));

        assertThat(total(narrowed.body())).isEqualTo(2);
        assertThat(narrowed.body()).contains("value=\"鹭岛湿地 unit:荆门市公安局\"", "class=\"active\"");
        assertThat(hitIds(narrowed.body())).doesNotContain(justice1, justice2, reference);
    }

    @Test
    void sortsByDateAndSendsAPagePastTheEndToTheLastPage() {
        PageSession admin = signedIn(ADMIN);

        Page newest = admin.get(q(WORD) + "&sort=newest");
        Page pastTheEnd = admin.get(q(WORD) + "&page=99");
        Page badPage = admin.get(q(WORD) + "&page=abc&sort=sideways");

        assertThat(newest.body()).contains("<option value=\"newest\" selected=\"selected\">");
        assertThat(total(newest.body())).isEqualTo(5);
        assertThat(pastTheEnd.status()).isEqualTo(302);
        assertThat(pastTheEnd.location()).endsWith(q(WORD) + "&sort=relevance");
        assertThat(badPage.status()).isEqualTo(200);
        assertThat(total(badPage.body())).isEqualTo(5);
    }

    @Test
    void aMalformedQueryIsExplainedBesideTheBoxWithItsPosition() {
        PageSession researcher = signedIn(RESEARCHER);

        Page quote = researcher.get(q("湿地 \"巡护台账"));
        Page date = researcher.get(q("湿地 date:2024-02-30"));

        assertThat(quote.status()).isEqualTo(400);
        assertThat(quote.body()).contains("id=\"search-q-error\"", "第 4 个字符处：", "引号不成对", "aria-invalid=\"true\"",
                "<mark class=\"error-at\">&quot;</mark>");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body()).contains("第 4 个字符处：", "不存在的日期", "value=\"湿地 date:2024-02-30\"");
    }

    @Test
    void highlightingMarksTheMatchesAndEscapesTheRecordsText() {
        PageSession admin = signedIn(ADMIN);

        String html = admin.get(q("界桩损毁")).body();

        assertThat(hitIds(html)).contains(justice2);
        assertThat(html).contains("<mark>界桩损毁</mark>", "&lt;script&gt;alert(").doesNotContain("<script>alert");
    }

    @Test
    void recordsAndSimilarRecordsOfAnotherAgencyAreNotFound() {
        PageSession justice = signedIn(AGENCY);

        Page similarOther = justice.get("/search/similar?record=" + police1);
        Page readOther = justice.get("/search/records/" + police1);
        Page similarUnknown = justice.get("/search/similar?record=no-such-record");
        Page similarOwn = justice.get("/search/similar?record=" + justice1);
        Page readOwn = justice.get("/search/records/" + justice1);

        assertThat(similarOther.status()).isEqualTo(404);
        assertThat(readOther.status()).isEqualTo(404);
        assertThat(similarOther.body() + readOther.body()).doesNotContain("非法捕捞");
        assertThat(similarUnknown.status()).isEqualTo(404);
        assertThat(similarOwn.status()).isEqualTo(200);
        assertThat(hitIds(similarOwn.body())).contains(justice2).doesNotContain(police1, justice1);
        assertThat(similarOwn.body()).contains("相同词语：");
        assertThat(readOwn.status()).isEqualTo(200);
        assertThat(readOwn.body()).contains("鹭岛湿地巡护台账缺失，巡护记录不全。", "荆门市司法局",
                "id=\"work-page-link\" class=\"button\" href=\"/inbox/" + justice1 + "\"");
    }

    @Test
    void aPastedPassageFindsSimilarRecordsAndBadPassagesAreExplained() {
        PageSession researcher = signedIn(RESEARCHER);
        researcher.get("/search");

        Page found = researcher.post("/search/similar", Map.of("text", "某湿地保护区巡护台账缺失，候鸟遭非法捕捞。"));
        Page empty = researcher.post("/search/similar", Map.of("text", "   "));
        Page tooLong = researcher.post("/search/similar", Map.of("text", "湿".repeat(10_001)));

        assertThat(found.status()).isEqualTo(200);
        assertThat(hitIds(found.body())).contains(police1);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("id=\"passage-text-error\"", "请粘贴一段文字");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("文字过长：10001 字，最多 10000 字");
    }

    @Test
    void anImportedReferenceOpensAsReadableTextForEveryoneWhoMaySearch() {
        Page asAgency = signedIn(AGENCY).get("/references/" + reference);
        Page asResearcher = signedIn(RESEARCHER).get("/references/" + reference);
        Page instrumentAsReference = signedIn(ADMIN).get("/references/" + justice1);

        assertThat(asAgency.status()).isEqualTo(200);
        assertThat(asAgency.body()).contains("第一条 为了加强鹭岛湿地保护，维护湿地生态功能，制定本条例。",
                "地方性法规/鹭岛湿地保护条例.md");
        assertThat(asResearcher.status()).isEqualTo(200);
        assertThat(instrumentAsReference.status()).isEqualTo(404);
    }

    @Test
    void anInstrumentsReadingPageListsItsResponsesAndTheResponseLinksBack() throws Exception {
        String id = issueDelivered("关于白沙河垃圾清运的检察建议", "荆门市司法局");
        var response = instruments.respond(WenshuUser.of(accounts.require(AGENCY)), id, "白沙河垃圾已清运完毕。",
                "建立清运台账。", org.wenshu.archive.Adoption.ADOPTED, List.of(new org.wenshu.archive.UploadedFile(
                        "清运报告.pdf", BrowserIntegrationTests.pdf("Cleanup report"))));
        awaitIndexed("instrument:" + id, 1);
        awaitIndexed("白沙河", 2);
        PageSession researcher = signedIn(RESEARCHER);

        Page instrument = researcher.get("/search/records/" + id);
        Page answer = researcher.get("/search/records/" + response.id());

        assertThat(instrument.body()).contains("id=\"responses\"", "白沙河垃圾已清运完毕。");
        assertThat(hitIds(instrument.body())).containsExactly(response.id());
        assertThat(instrument.body()).doesNotContain("work-page-link");
        assertThat(answer.body()).contains("id=\"instrument-link\"", "href=\"/search/records/" + id + "\"");
    }

    @Test
    void searchesAreLoggedWithCountAndTimeButNothingAboutTheUser() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // One word: nothing to relax, so the search finds nothing.
        String empty = "琥珀麒麟" + System.nanoTime();
        PageSession researcher = signedIn(RESEARCHER);

        researcher.get(q(WORD + " kind:reference"));
        researcher.get(q(empty) + "&sort=newest");

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM query_log WHERE query_text IN (?, ?) ORDER BY id", WORD + " kind:reference", empty);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("RESULT_COUNT", 1L).containsEntry("CHANNEL", "PAGE");
        assertThat(((Number) rows.get(0).get("ELAPSED_MS")).longValue()).isBetween(0L, 60_000L);
        assertThat(rows.get(1)).containsEntry("RESULT_COUNT", 0L);
        assertThat(rows.get(0).keySet()).containsExactlyInAnyOrder("ID", "QUERY_TEXT", "RESULT_COUNT", "ELAPSED_MS",
                "SEARCHED_AT", "CHANNEL");
        assertThat(rows.toString()).doesNotContain(RESEARCHER, "测试研究人员", "127.0.0.1");

        Page log = signedIn(ADMIN).get("/admin/queries?text=" + URLEncoder.encode("琥珀麒麟", StandardCharsets.UTF_8));
        Page refused = researcher.get("/admin/queries");

        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains(empty, "无结果的检索").doesNotContain(RESEARCHER);
        assertThat(refused.status()).isEqualTo(403);
    }
}
