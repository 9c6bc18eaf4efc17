package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 线索移送 in a real browser (Debian's chromium, headless, nothing downloaded): the agency's liaison officer files a
 * lead, has a disguised executable refused beside the file input, files it with a PDF; agency B does not see it; the
 * prosecutor acknowledges it (收案编号), decides 立案 and reports the result; the agency sees each step. Pages are
 * saved as PNGs under {@code target/screenshots/leads-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadsBrowserIntegrationTests extends PagesTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String TITLE = "关于某小区违规占用消防通道的线索";

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        Files.createDirectories(SCREENSHOTS);
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=zh-CN", "--window-size=1366,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void agencyFilesALeadProsecutorAcknowledgesAndDecidesAgencySeesTheResult(@TempDir Path files) throws IOException {
        // Agency A: the form, a disguised executable refused beside the files, then a PDF.
        logIn(AGENCY);
        open("/leads");
        browser.findElement(By.linkText("移送线索")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-form")));
        new Select(browser.findElement(By.id("lead-receiving"))).selectByVisibleText("荆门市人民检察院");
        new Select(browser.findElement(By.id("lead-type"))).selectByVisibleText("公益诉讼线索");
        type("lead-title", TITLE);
        new Select(browser.findElement(By.id("lead-domain"))).selectByVisibleText("安全生产");
        type("lead-facts", "日常检查发现某小区地下车库长期堆放杂物，消防通道被占用，物业拒不整改。");
        type("lead-basis", "《中华人民共和国消防法》第二十八条");
        Path executable = files.resolve("现场照片.pdf");
        Files.write(executable, elf());
        browser.findElement(By.id("lead-files")).sendKeys(executable.toAbsolutePath().toString());
        screenshot("leads-01-form");
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lead-files-error")));
        assertThat(refusal.getText()).contains("现场照片.pdf", "被拒收");
        assertThat(browser.findElement(By.id("lead-title")).getAttribute("value")).isEqualTo(TITLE);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", refusal);
        screenshot("leads-02-file-refused");
        Path report = files.resolve("检查记录.pdf");
        Files.write(report, BrowserIntegrationTests.pdf("Inspection record"));
        browser.findElement(By.id("lead-files")).sendKeys(report.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#lead-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("filed"));
        String leadUrl = browser.getCurrentUrl().replaceAll("\\?.*", "");
        assertThat(text("main")).contains(TITLE, "待受理", "检查记录.pdf", "移送线索");
        screenshot("leads-03-filed");
        logOut();

        // Agency B sees nothing of it.
        logIn(OTHER_AGENCY);
        open("/leads");
        assertThat(text("main")).doesNotContain(TITLE);
        browser.get(leadUrl);
        assertThat(text("main")).contains("404").doesNotContain(TITLE);
        logOut();

        // Prosecutor: received leads, 受理, 立案, 结果反馈.
        logIn(PROSECUTOR);
        open("/leads");
        assertThat(text("table.leads")).contains(TITLE, "荆门市司法局");
        screenshot("leads-04-received");
        browser.findElement(By.linkText(TITLE)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acknowledge-form")));
        browser.findElement(By.cssSelector("#acknowledge-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision-form")));
        String number = browser.findElement(By.id("lead-number")).getText();
        assertThat(number).matches("荆检线索〔\\d{4}〕\\d+号");
        new Select(browser.findElement(By.id("decision-choice"))).selectByVisibleText("立案");
        screenshot("leads-05-acknowledged");
        browser.findElement(By.cssSelector("#decision-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("result-form")));
        assertThat(browser.findElement(By.id("lead-decision")).getText()).isEqualTo("立案");
        type("result-text", "已立案调查，向物业服务企业主管部门发出诉前检察建议，消防通道已清理。");
        browser.findElement(By.cssSelector("#result-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lead-result")));
        assertThat(text("ol.timeline")).contains("移送线索", "受理", "作出处理决定", "反馈结果");
        screenshot("leads-06-concluded");
        open("/leads/register");
        assertThat(text("table.register")).contains(number, TITLE);
        screenshot("leads-07-register");
        logOut();

        // Agency A sees every step and the result.
        logIn(AGENCY);
        browser.get(leadUrl);
        assertThat(text("main")).contains(number, "已反馈结果", "立案", "消防通道已清理");
        assertThat(text("ol.timeline")).contains("受理", "收案编号：" + number, "决定：立案", "反馈结果");
        screenshot("leads-08-agency-sees-result");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/leads");
        screenshot("leads-09-list-phone");
        browser.manage().window().setSize(new Dimension(1366, 900));
        logOut();
    }

    private void open(String path) {
        browser.get(base() + path);
    }

    private void logIn(String username) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("section.login button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static byte[] elf() {
        byte[] bytes = new byte[4096];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
