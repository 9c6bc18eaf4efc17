package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;

/**
 * A researcher finds precedents in a real browser (the set-up of {@link BrowserIntegrationTests}, through
 * {@link HeadlessChromium}): types a query with a phrase and a filter, narrows it by a unit facet, opens a hit and its
 * similar precedents (类案); a malformed query is explained beside the box; the office reviews the query log. Each
 * page is saved as a PNG under {@code target/screenshots} (names starting with {@code search-}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    RecordIndex index;

    private String policeRecord;

    @BeforeAll
    void setUp(@TempDir Path profile) throws Exception {
        ensureAccounts();
        SearchPagesIntegrationTests.ensureResearcher(this);
        issueAbout("关于汉江码头非法采砂的检察建议", "荆门市司法局", "汉江码头非法采砂屡禁不止，河道采砂监管台账缺失。");
        policeRecord = issueAbout("关于汉江码头采砂船舶管理的检察建议", "荆门市公安局",
                "汉江码头非法采砂船舶夜间作业，河道采砂监管不到位。");
        issueAbout("关于汉江码头堆场扬尘的检察建议", "荆门市公安局", "汉江码头砂石堆场扬尘污染，非法采砂后堆放无序。");
        for (int i = 0; i < 240 && index.search(SearchRequest.of("汉江码头", Viewer.administrator(), 1)).total() < 3; i++) {
            Thread.sleep(250);
        }
        openBrowser(profile, PATIENCE, new Dimension(1366, 768));
    }

    private String issueAbout(String title, String recipient, String facts) {
        Map<String, Object> fields = new LinkedHashMap<>(suggestion(title, recipient));
        fields.put("facts", facts);
        return instruments.issue(WenshuUser.of(accounts.require(PROSECUTOR)), "procuratorial-suggestion", fields,
                Optional.empty()).id();
    }

    @Test
    void researcherSearchesNarrowsByAFacetOpensAHitAndItsPrecedents() throws IOException {
        session.logIn(SearchPagesIntegrationTests.RESEARCHER);
        wait.until(ExpectedConditions.urlContains("/search"));
        session.screenshot("search-01-empty");

        // A malformed query first: the message and the position beside the box.
        session.type("search-q", "汉江码头 \"非法采砂");
        browser.findElement(By.id("search-button")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-q-error")));
        assertThat(error.getText()).contains("第 6 个字符处", "引号不成对");
        assertThat(browser.findElement(By.id("search-q")).getAttribute("aria-invalid")).isEqualTo("true");
        session.screenshot("search-02-malformed");

        // A phrase and a filter, with the syntax help open.
        session.type("search-q", "\"非法采砂\" kind:instrument 汉江码头");
        browser.findElement(By.cssSelector("#search-help summary")).click();
        browser.findElement(By.id("search-q")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.hits li.hit")));
        assertThat(session.text(".results-head .total")).isEqualTo("共 3 条");
        assertThat(browser.findElements(By.cssSelector("p.snippet mark"))).isNotEmpty()
                .allSatisfy(mark -> assertThat(mark.getText()).containsAnyOf("非法采砂", "汉江码头"));
        session.screenshot("search-03-results");

        // Narrow by the unit facet.
        browser.findElement(By.xpath("//div[@data-facet='unit']//a[span[@class='facet-label' and text()='荆门市公安局']]"))
                .click();
        wait.until(ExpectedConditions.urlContains("unit"));
        assertThat(session.text(".results-head .total")).isEqualTo("共 2 条");
        assertThat(browser.findElement(By.id("search-q")).getAttribute("value"))
                .isEqualTo("\"非法采砂\" kind:instrument 汉江码头 unit:荆门市公安局");
        assertThat(session.text("div[data-facet='unit'] a.active")).contains("荆门市公安局");
        session.screenshot("search-04-facet");

        // Open a hit, then its precedents.
        browser.findElement(By.cssSelector("li.hit[data-id='" + policeRecord + "'] a.hit-title")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("record-text")));
        assertThat(session.text("#record-title")).isEqualTo("关于汉江码头采砂船舶管理的检察建议");
        assertThat(session.text("#record-text")).contains("汉江码头非法采砂船舶夜间作业");
        session.screenshot("search-05-record");
        browser.findElement(By.id("similar-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("similar-source")));
        assertThat(browser.findElements(By.cssSelector("ol.precedents li.hit"))).isNotEmpty();
        assertThat(session.text("ol.precedents")).contains("汉江码头", "相同词语");
        assertThat(browser.findElements(By.cssSelector("ol.precedents li.hit[data-id='" + policeRecord + "']"))).isEmpty();
        session.screenshot("search-06-precedents");

        // Paste a passage.
        session.open("/search");
        session.type("passage-text", "汉江码头附近有船舶夜间非法采砂，请查找类似的检察建议。");
        browser.findElement(By.id("passage-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.precedents")));
        assertThat(session.text("ol.precedents")).contains("汉江码头");
        session.screenshot("search-07-passage");
        session.logOut();

        // The office reviews the query log.
        session.logIn(ADMIN);
        session.open("/admin/queries");
        assertThat(session.text("table.queries")).contains("\"非法采砂\" kind:instrument 汉江码头");
        session.screenshot("search-08-query-log");
        session.logOut();
    }
}
