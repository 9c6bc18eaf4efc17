package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * 批量发文 in a real browser (Debian's chromium, headless, as {@link BrowserIntegrationTests}): the office uploads a
 * list with one bad row, sees it in the check before anything is issued, confirms, and the page's own htmx polling
 * follows the job to its end. Screenshots under {@code target/screenshots/bulk-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkIssueBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        openBrowser(profile, PATIENCE, new Dimension(1366, 768));
    }

    @Test
    void officeUploadsChecksConfirmsAndWatchesTheJobFinish(@TempDir Path files) throws IOException {
        Path list = files.resolve("名单.csv");
        Files.writeString(list, "主送单位,标题\n市公安局,关于浏览器批量的第一次会议的通知\n市外星局,关于浏览器批量的第二次会议的通知\n"
                + "市司法局,关于浏览器批量的第三次会议的通知\n", StandardCharsets.UTF_8);
        Path data = files.resolve("基础数据.json");
        Files.write(data, BulkIssuePagesIntegrationTests.baseData());

        session.logIn(ADMIN);
        browser.findElement(By.linkText("批量发文")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-upload")));
        new Select(browser.findElement(By.id("type"))).selectByValue("meeting-notice");
        browser.findElement(By.id("list")).sendKeys(list.toAbsolutePath().toString());
        browser.findElement(By.id("data")).sendKeys(data.toAbsolutePath().toString());
        session.screenshot("bulk-01-upload");
        browser.findElement(By.cssSelector("#bulk-upload button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("row-problems")));
        assertThat(browser.findElement(By.id("row-problems")).getText()).contains("3", "主送单位", "市外星局");
        assertThat(browser.findElement(By.id("confirm")).getText()).isEqualTo("确认发文（2 份）");
        session.screenshot("bulk-02-validation");
        browser.findElement(By.id("confirm")).click();

        wait.until(ExpectedConditions.urlMatches(".*/bulk-issues/\\d+$"));
        // htmx replaces the progress element every second: an element found just before a swap goes stale.
        wait.ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.id("progress"), "data-status", "COMPLETED"));
        assertThat(browser.findElement(By.id("issued-count")).getText()).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#issued tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("skip-report")).getText()).contains("市外星局");
        session.screenshot("bulk-03-done");
        browser.findElement(By.cssSelector("#issued tbody tr a")).click();
        wait.until(ExpectedConditions.urlMatches(".*/instruments/[^/]+$"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("关于浏览器批量的");
    }
}
