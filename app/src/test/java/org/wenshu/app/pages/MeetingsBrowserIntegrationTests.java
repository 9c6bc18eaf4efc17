package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.wenshu.app.accounts.WenshuUser;

/**
 * A joint meeting in a real browser (Debian's chromium, headless; nothing downloaded): the invited agency's liaison
 * adds a second attendee row with htmx and replies; the office sees who attends and who is missing, opens the
 * minutes form prefilled from the notice and the replies, adds and removes resolution rows with htmx, and issues the
 * minutes with two resolutions. Screenshots under {@code target/screenshots/meetings-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingsBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String TITLE = "关于召开2026年“府检联动”联席会议全体会议的通知";

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        openBrowser(profile, PATIENCE, new Dimension(1366, 900));
    }

    private String notice() {
        LocalDate today = instruments.today();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        fields.put("title", TITLE);
        fields.put("recipients", List.of("荆门市司法局", "荆门市教育局"));
        fields.put("purpose", "为部署全年“府检联动”工作要点，经领导小组研究，定于近期召开联席会议全体会议。");
        fields.put("meetingDate", today.plusDays(10).toString());
        fields.put("meetingTime", "上午9:00");
        fields.put("place", "荆门市人民检察院三楼第一会议室");
        fields.put("attendingUnits", List.of("荆门市司法局", "荆门市教育局"));
        fields.put("attendees", "各单位分管负责同志1名、联络员1名");
        fields.put("agenda", List.of("通报上年度工作开展情况", "审议年度工作要点"));
        fields.put("replyBy", today.plusDays(5).toString());
        fields.put("contact", "李明，0724-2351234");
        fields.put("date", today.toString());
        return instruments.issue(WenshuUser.of(accounts.require(ADMIN)), "meeting-notice", fields, Optional.empty()).id();
    }

    @Test
    void invitedAgencyRepliesTheOfficeSeesTheTableAndRecordsMinutesWithTwoResolutions() throws IOException {
        String id = notice();
        String meetingDay = instruments.today().plusDays(10).toString();

        // The agency's liaison: the meeting list, the form, a second attendee row added with htmx, the reply.
        session.logIn(AGENCY);
        session.open("/meetings");
        assertThat(session.text("#meetings")).contains(TITLE, "未回执");
        browser.findElement(By.linkText(TITLE)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attendance-form")));
        browser.findElement(By.id("decision-attend")).click();
        browser.findElements(By.name("name")).get(0).sendKeys("王明");
        browser.findElements(By.name("position")).get(0).sendKeys("副局长");
        browser.findElement(By.id("add-attendee")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#attendee-rows .attendee-row")).size() == 2);
        browser.findElements(By.name("name")).get(1).sendKeys("赵敏");
        browser.findElements(By.name("position")).get(1).sendKeys("联络员");
        session.screenshot("meetings-01-attendance-form");
        browser.findElement(By.id("submit-attendance")).click();
        wait.until(ExpectedConditions.urlContains("done=reply"));
        assertThat(session.text("#own-reply")).contains("参会", "王明（副局长）", "赵敏（联络员）");
        assertThat(browser.findElement(By.id("submit-attendance")).getText()).isEqualTo("提交更正");
        session.screenshot("meetings-02-replied");
        session.logOut();

        // The office: who attends, who is missing; then the minutes form, prefilled.
        session.logIn(ADMIN);
        session.open("/meetings/" + id);
        assertThat(session.text("#attendance-summary")).isEqualTo("受邀 2 个单位：已回执 1，参会 1（2 人），请假 0，未回执 1");
        assertThat(session.text("#attendance-missing")).isEqualTo("未回执：荆门市教育局");
        assertThat(session.text("#attendance-table")).contains("荆门市司法局", "王明（副局长）、赵敏（联络员）");
        session.screenshot("meetings-03-attendance-table");
        browser.findElement(By.id("record-minutes")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("minutes-form")));
        assertThat(browser.findElement(By.id("m-title")).getAttribute("value")).isEqualTo("2026年“府检联动”联席会议全体会议纪要");
        assertThat(browser.findElement(By.id("m-attendees")).getAttribute("value")).isEqualTo("市司法局：王明 副局长、赵敏 联络员");
        session.type("m-chair", "市政府常务副市长");
        session.type("m-summary", "会议通报了上年度工作开展情况，审议通过了年度工作要点。");
        setDate(browser.findElement(By.id("m-date")), meetingDay);
        // Two rows to start with; add a third with htmx and remove it again.
        browser.findElement(By.id("add-resolution")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#resolution-rows .resolution-row")).size() == 3);
        fillRow(0, "制定公益诉讼线索移送工作规程", "荆门市司法局", "荆门市公安局、荆门市教育局",
                LocalDate.parse(meetingDay).plusMonths(3).toString());
        fillRow(1, "组织第一次同堂培训", "荆门市教育局", "", LocalDate.parse(meetingDay).plusMonths(1).toString());
        browser.findElements(By.cssSelector("#resolution-rows .resolution-row .remove-row")).get(2).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#resolution-rows .resolution-row")).size() == 2);
        session.screenshot("meetings-04-minutes-form");
        browser.findElement(By.id("issue-minutes")).click();
        wait.until(ExpectedConditions.urlContains("done=minutes"));

        assertThat(session.text("main")).contains("会议纪要已发文", "荆府检联纪〔");
        assertThat(session.text("#resolutions")).contains("制定公益诉讼线索移送工作规程", "荆门市司法局", "荆门市公安局、荆门市教育局",
                "组织第一次同堂培训");
        assertThat(browser.findElements(By.cssSelector("#resolutions tbody tr"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#tracked tbody tr"))).hasSize(2);
        assertThat(session.text("#tracked")).contains("1. 制定公益诉讼线索移送工作规程", "市司法局（牵头）", "市公安局（配合）",
                "2. 组织第一次同堂培训", "市教育局（牵头）");
        session.screenshot("meetings-05-minutes-recorded");
        browser.findElement(By.cssSelector("#minutes a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.page")));
        assertThat(session.text("main")).contains("会议纪要", "签章有效");
        session.screenshot("meetings-06-minutes-record");
        session.logOut();
    }

    private void fillRow(int index, String title, String lead, String co, String deadline) {
        WebElement row = browser.findElements(By.cssSelector("#resolution-rows .resolution-row")).get(index);
        row.findElement(By.name("r.title")).sendKeys(title);
        new Select(row.findElement(By.name("r.lead"))).selectByVisibleText(lead);
        row.findElement(By.name("r.co")).sendKeys(co);
        setDate(row.findElement(By.name("r.deadline")), deadline);
    }

    /** Sets a date input to an ISO date: typing into one depends on the browser's locale and its field order. */
    private void setDate(WebElement input, String iso) {
        browser.executeScript("arguments[0].value = arguments[1]", input, iso);
    }
}
