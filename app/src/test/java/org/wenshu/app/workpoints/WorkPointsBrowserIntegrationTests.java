package org.wenshu.app.workpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wenshu.app.Wenshu;
import org.wenshu.app.pages.BrowserSession;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;

/**
 * Work points in a real browser (Debian's chromium, headless; nothing downloaded), on a clock the test moves: the
 * office builds and publishes a three-point list (a bad deadline first refused beside its field); the justice bureau
 * reports with a PDF, the police without a file, and the police cannot open or report on the justice bureau's point;
 * the office returns one report with a reason and accepts the other; the clock passes the first point's deadline and
 * the point shows as overdue. Screenshots under {@code target/screenshots/workpoints-*.png}.
 */
@SpringBootTest(classes = Wenshu.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.main.banner-mode=off"})
@ActiveProfiles({"serve", "test"})
@Import(WorkPointsBrowserIntegrationTests.MovableClockConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkPointsBrowserIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String PASSWORD = "Workpoints-test-5317";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Path HOME = home();

    /** A clock the test moves forward; the tracked items judge due dates on it. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClockConfiguration {
        @Bean
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    MovableClock clock;
    @Autowired
    TrackedItems tracked;

    private BrowserSession session;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("wenshu.home", HOME::toString);
    }

    private static Path home() {
        try {
            return Files.createTempDirectory("wenshu-workpoints-browser");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void start(@TempDir Path profile) throws IOException {
        accounts.create("wp-office", "办公室测试员", Role.ADMIN, Optional.of("jm-coordination-office"), PASSWORD, false);
        accounts.create("wp-justice", "司法局联络员", Role.AGENCY, Optional.of("jm-justice"), PASSWORD, false);
        accounts.create("wp-police", "公安局联络员", Role.AGENCY, Optional.of("jm-police"), PASSWORD, false);
        session = BrowserSession.start(profile, PATIENCE, new Dimension(1366, 900), "http://127.0.0.1:" + port,
                PASSWORD);
        browser = session.browser();
        browser.manage().timeouts().scriptTimeout(PATIENCE);
        wait = session.await();
    }

    @AfterAll
    void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void officePublishesUnitsReportOfficeReturnsOneAndAPointFallsOverdue(@TempDir Path files) throws IOException {
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        LocalDate firstDue = today.plusDays(10);

        // The office creates a draft list and adds three points; a bad deadline is refused beside its field.
        session.logIn("wp-office");
        session.open("/workpoints");
        session.screenshot("workpoints-01-lists");
        session.type("list-title", year + "年“府检联动”工作要点（浏览器测试）");
        browser.findElement(By.cssSelector("#create-list-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-point-form")));
        String listUrl = browser.getCurrentUrl();
        addPoint("细化涉企法治服务保障措施", "加强对涉企诉讼活动的法律监督。", "市司法局", "", "尽快");
        WebElement deadlineError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("point-deadline-error")));
        assertThat(deadlineError.getText()).contains("「尽快」无法识别");
        assertThat(browser.findElement(By.id("point-title")).getAttribute("value")).isEqualTo("细化涉企法治服务保障措施");
        assertThat(browser.findElement(By.id("point-deadline")).getAttribute("aria-invalid")).isEqualTo("true");
        session.screenshot("workpoints-02-deadline-refused");
        session.type("point-deadline", firstDue.toString());
        browser.findElement(By.id("add-point-button")).click();
        wait.until(driver -> session.text("table.workpoints").contains("细化涉企法治服务保障措施"));
        addPoint("加强侦查监督与协作配合", "着力破解侦查监督与协作配合难点堵点问题。", "市公安局", "", year + "年12月31日");
        wait.until(driver -> session.text("table.workpoints").contains("加强侦查监督与协作配合"));
        addPoint("组织开展同堂培训", "互派人员参加岗位培训和业务交流活动。", "市检察院", "市司法局", "全年至少开展2次");
        wait.until(driver -> session.text("table.workpoints").contains("组织开展同堂培训"));
        browser.findElement(By.id("publish-button")).click();
        wait.until(ExpectedConditions.urlContains("published"));
        assertThat(session.text("main")).contains("已发布", "市司法局 未报送", "市公安局 未报送", "市检察院 未报送");
        session.screenshot("workpoints-03-published");
        session.logOut();

        List<TrackedItem> items = tracked.items(ItemQuery.all().year(year));
        String first = idOf(items, "细化涉企法治服务保障措施");
        String second = idOf(items, "加强侦查监督与协作配合");

        // The justice bureau sees its two points, not the police's; an empty report is refused, then one with a PDF.
        session.logIn("wp-justice");
        session.open("/workpoints/mine");
        assertThat(session.text("table.my-workpoints")).contains("细化涉企法治服务保障措施", "组织开展同堂培训")
                .doesNotContain("加强侦查监督与协作配合");
        session.screenshot("workpoints-04-mine");
        browser.findElement(By.linkText("细化涉企法治服务保障措施")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-form")));
        browser.findElement(By.id("report-button")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-text-error"))).getText())
                .isEqualTo("请填写进展情况");
        Path evidence = files.resolve("挂案清理台账.pdf");
        Files.write(evidence, pdf());
        session.type("report-text", "已清理涉民企挂案 12 件，建立台账。");
        browser.findElement(By.id("report-files")).sendKeys(evidence.toAbsolutePath().toString());
        browser.findElement(By.id("report-button")).click();
        wait.until(ExpectedConditions.urlContains("sent"));
        assertThat(session.text("main")).contains("进展已报送", "待验收", "挂案清理台账.pdf");
        session.screenshot("workpoints-05-reported-with-file");
        session.logOut();

        // The police report on their own point; the justice bureau's point is not found, and a report on it refused.
        session.logIn("wp-police");
        session.open("/workpoints/items/" + first);
        assertThat(session.text("main")).contains("404").doesNotContain("细化涉企法治服务保障措施");
        session.open("/workpoints/mine");
        Object status = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name=_csrf]').content;
                const header = document.querySelector('meta[name=_csrf_header]').content;
                const form = new FormData(); form.append('text', '越权报送');
                fetch('/workpoints/items/%s/reports', {method: 'POST', headers: {[header]: token}, body: form})
                    .then(r => done(r.status));""".formatted(first));
        assertThat(((Number) status).intValue()).isEqualTo(404);
        browser.findElement(By.linkText("加强侦查监督与协作配合")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-form")));
        session.type("report-text", "已召开侦查监督与协作配合联席会议。");
        browser.findElement(By.id("report-button")).click();
        wait.until(ExpectedConditions.urlContains("sent"));
        session.logOut();
        assertThat(tracked.reports(first, Optional.empty())).hasSize(1);

        // The office returns the justice bureau's report with a reason and accepts the police's.
        session.logIn("wp-office");
        session.open("/workpoints/items/" + first);
        WebElement reason = browser.findElement(By.cssSelector(".return-form input[name=reason]"));
        reason.sendKeys("请补充立案监督文书");
        session.screenshot("workpoints-06-office-decides");
        browser.findElement(By.cssSelector(".return-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("decided=returned"));
        assertThat(session.text("main")).contains("已退回", "退回理由：请补充立案监督文书");
        session.open("/workpoints/items/" + second);
        browser.findElement(By.cssSelector(".accept-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("decided=accepted"));
        assertThat(session.text("table.unit-progress")).contains("已办结");
        session.logOut();

        session.logIn("wp-justice");
        session.open("/workpoints/items/" + first);
        assertThat(session.text("main")).contains("已退回", "请补充立案监督文书");
        assertThat(browser.findElements(By.id("report-form"))).hasSize(1);
        session.logOut();

        // Eleven days later the first point is past its deadline: overdue for the justice bureau.
        clock.advance(Duration.ofDays(11));
        session.logIn("wp-office");
        browser.get(listUrl.replaceAll("\\?.*", ""));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table.workpoints tr[data-number='1']")));
        assertThat(row.getAttribute("class")).contains("overdue");
        assertThat(row.getText()).contains("市司法局 逾期");
        assertThat(session.text("table.workpoints tr[data-number='2']")).contains("市公安局 已办结");
        assertThat(browser.findElement(By.cssSelector("table.workpoints tr[data-number='2']")).getAttribute("class"))
                .doesNotContain("overdue");
        session.screenshot("workpoints-07-overdue");
        session.logOut();
    }

    private static String idOf(List<TrackedItem> items, String title) {
        return items.stream().filter(i -> i.title().equals(title)).findFirst().orElseThrow().id();
    }

    private void addPoint(String title, String description, String lead, String co, String deadline) {
        session.type("point-title", title);
        session.type("point-description", description);
        session.type("point-lead", lead);
        session.type("point-co", co);
        session.type("point-deadline", deadline);
        browser.findElement(By.id("add-point-button")).click();
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.save(out);
            return out.toByteArray();
        }
    }
}
