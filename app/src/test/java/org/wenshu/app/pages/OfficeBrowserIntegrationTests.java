package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The office in a real browser (Debian's chromium, headless, as {@link BrowserIntegrationTests}): opens the dashboard
 * for the seeded year — ECharts draws every chart over its table, under the page's CSP — downloads the yearly report
 * with one click, and verifies the audit chain. Screenshots under {@code target/screenshots} (office-*.png).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficeBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    ApplicationContext context;

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        SeededYear.ensure(context);
        openBrowser(profile, PATIENCE, new Dimension(1366, 900));
        browser.manage().timeouts().scriptTimeout(PATIENCE);
    }

    @Test
    void theOfficeOpensTheDashboardDownloadsTheReportAndVerifiesTheAuditTrail() throws IOException {
        session.logIn(ADMIN);
        browser.findElement(By.linkText("统计分析")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard"));
        WebElement year = browser.findElement(By.id("filter-year"));
        year.clear();
        year.sendKeys("2021");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("year=2021"));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.cssSelector("section.dashboard")), "data-charts"));

        assertThat(browser.findElement(By.cssSelector("section.dashboard")).getAttribute("data-charts")).isEqualTo("drawn");
        List<WebElement> charts = browser.findElements(By.cssSelector(".chart[data-section]"));
        assertThat(charts).hasSize(9); // 6 of the instruments, 3 of the yearly inspection
        assertThat(browser.findElements(By.cssSelector(".chart[data-section] canvas"))).hasSize(9);
        assertThat(browser.findElement(By.cssSelector("#section-inspection table")).getText())
                .contains("市公安局 1 1 0 0 0 2 2 1 2 66.7% 2", "市司法局 0 0 1 1 0 0 0 0 1 50.0% 1");
        assertThat((Long) browser.executeScript("return echarts.getInstanceByDom(document.querySelector("
                + "'.chart[data-section=\"on-time\"]')).getOption().series[0].data.length")).isEqualTo(3L);
        assertThat(browser.findElement(By.cssSelector("#section-on-time table caption")).getText()).isEqualTo("各单位按期回复率");
        assertThat(browser.findElement(By.cssSelector("#section-on-time table")).getText())
                .contains("市公安局 4 3 2 1 0 0 66.7%", "合计 7 4 3 1 2 0 50.0%");
        assertThat(browser.manage().logs().get("browser").getAll()).extracting(entry -> entry.getMessage())
                .noneMatch(message -> message.contains("Content Security Policy")
                        && (message.contains("echarts") || message.contains("dashboard.js")));
        session.screenshot("office-01-dashboard");
        browser.executeScript("document.getElementById('section-on-time').scrollIntoView()");
        session.screenshot("office-02-dashboard-on-time");

        browser.findElement(By.linkText("年度报告")).click();
        wait.until(ExpectedConditions.urlContains("/reports"));
        WebElement link = browser.findElement(By.id("report-2021"));
        assertThat(link.getText()).isEqualTo("2021年度报告（PDF）");
        session.screenshot("office-03-reports");
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) browser.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].href, {credentials: 'same-origin'}).then(function (r) {"
                        + "  return r.arrayBuffer().then(function (b) {"
                        + "    var head = String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5)));"
                        + "    done({status: r.status, type: r.headers.get('Content-Type'), size: b.byteLength, head: head});"
                        + "  });"
                        + "}).catch(function (e) { done({error: String(e)}); });", link);
        assertThat(download).containsEntry("status", 200L).containsEntry("type", "application/pdf")
                .containsEntry("head", "%PDF-");
        assertThat((Long) download.get("size")).isGreaterThan(20_000L);

        browser.findElement(By.linkText("审计日志")).click();
        wait.until(ExpectedConditions.urlContains("/admin/audit"));
        browser.findElement(By.id("audit-verify")).click();
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-verdict")));
        assertThat(verdict.getText()).contains("审计链完整");
        session.screenshot("office-04-audit");
    }
}
