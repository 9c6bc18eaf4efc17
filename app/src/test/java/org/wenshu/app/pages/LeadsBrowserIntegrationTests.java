package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * 线索移送 in a real browser (Debian's chromium, headless, nothing downloaded): the agency's liaison officer files a
 * lead, has a disguised executable refused beside the file input, files it with a PDF; agency B does not see it; the
 * prosecutor acknowledges it (收案编号), decides 立案 and reports the result; the agency sees each step. Pages are
 * saved as PNGs under {@code target/screenshots/leads-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadsBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String TITLE = "关于某小区违规占用消防通道的线索";

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        openBrowser(profile, PATIENCE, new Dimension(1366, 900));
    }

    @Test
    void agencyFilesALeadProsecutorAcknowledgesAndDecidesAgencySeesTheResult(@TempDir Path files) throws IOException {
        // Agency A: the form, a disguised executable refused beside the files, then a PDF.
        session.logIn(AGENCY);
        session.open("/leads");
        browser.findElement(By.linkText("移送线索")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-form")));
        new Select(browser.findElement(By.id("lead-receiving"))).selectByVisibleText("荆门市人民检察院");
        new Select(browser.findElement(By.id("lead-type"))).selectByVisibleText("公益诉讼线索");
        session.type("lead-title", TITLE);
        new Select(browser.findElement(By.id("lead-domain"))).selectByVisibleText("安全生产");
        session.type("lead-facts", "日常检查发现某小区地下车库长期堆放杂物，消防通道被占用，物业拒不整改。");
        session.type("lead-basis", "《中华人民共和国消防法》第二十八条");
        Path executable = files.resolve("现场照片.pdf");
        Files.write(executable, BrowserSession.elfExecutable());
        browser.findElement(By.id("lead-files")).sendKeys(executable.toAbsolutePath().toString());
        session.screenshot("leads-01-form");
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lead-files-error")));
        assertThat(refusal.getText()).contains("现场照片.pdf", "被拒收");
        assertThat(browser.findElement(By.id("lead-title")).getAttribute("value")).isEqualTo(TITLE);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", refusal);
        session.screenshot("leads-02-file-refused");
        Path report = files.resolve("检查记录.pdf");
        Files.write(report, BrowserIntegrationTests.pdf("Inspection record"));
        browser.findElement(By.id("lead-files")).sendKeys(report.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("filed"));
        String leadUrl = browser.getCurrentUrl().replaceAll("\\?.*", "");
        assertThat(session.text("main")).contains(TITLE, "待受理", "检查记录.pdf", "移送线索");
        session.screenshot("leads-03-filed");
        session.logOut();

        // Agency B sees nothing of it.
        session.logIn(OTHER_AGENCY);
        session.open("/leads");
        assertThat(session.text("main")).doesNotContain(TITLE);
        browser.get(leadUrl);
        assertThat(session.text("main")).contains("404").doesNotContain(TITLE);
        session.logOut();

        // Prosecutor: received leads, 受理, 立案, 结果反馈.
        session.logIn(PROSECUTOR);
        session.open("/leads");
        assertThat(session.text("table.leads")).contains(TITLE, "荆门市司法局");
        session.screenshot("leads-04-received");
        browser.findElement(By.linkText(TITLE)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acknowledge-form")));
        browser.findElement(By.cssSelector("#acknowledge-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision-form")));
        String number = browser.findElement(By.id("lead-number")).getText();
        assertThat(number).matches("荆检线索〔\\d{4}〕\\d+号");
        new Select(browser.findElement(By.id("decision-choice"))).selectByVisibleText("立案");
        session.screenshot("leads-05-acknowledged");
        browser.findElement(By.cssSelector("#decision-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result-form")));
        assertThat(browser.findElement(By.id("lead-decision")).getText()).isEqualTo("立案");
        session.type("result-text", "已立案调查，向物业服务企业主管部门发出诉前检察建议，消防通道已清理。");
        browser.findElement(By.cssSelector("#result-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-result")));
        assertThat(session.text("ol.timeline")).contains("移送线索", "受理", "作出处理决定", "反馈结果");
        session.screenshot("leads-06-concluded");
        session.open("/leads/register");
        assertThat(session.text("table.register")).contains(number, TITLE);
        session.screenshot("leads-07-register");
        session.logOut();

        // Agency A sees every step and the result.
        session.logIn(AGENCY);
        browser.get(leadUrl);
        assertThat(session.text("main")).contains(number, "已反馈结果", "立案", "消防通道已清理");
        assertThat(session.text("ol.timeline")).contains("受理", "收案编号：" + number, "决定：立案", "反馈结果");
        session.screenshot("leads-08-agency-sees-result");
        browser.manage().window().setSize(new Dimension(390, 844));
        session.open("/leads");
        session.screenshot("leads-09-list-phone");
        browser.manage().window().setSize(new Dimension(1366, 900));
        session.logOut();
    }
}
