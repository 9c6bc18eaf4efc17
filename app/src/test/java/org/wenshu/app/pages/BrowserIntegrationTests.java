package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
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
 * The whole job in a real browser (Debian's chromium, headless, driven through Debian's chromedriver; nothing is
 * downloaded): a prosecutor fills the generated form (one field wrong first), previews and issues a 检察建议书; the
 * agency's liaison officer finds it in the inbox, has a disguised executable refused and uploads a PDF reply; the
 * prosecutor sees the reply in the timeline and closes the record. Each main page is saved as a PNG under
 * {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIntegrationTests extends BrowserTestSupport {

    // The machine may be busy (parallel builds); rendering and sealing a PDF can take seconds there.
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String TITLE = "关于规范行政执法证据收集工作的检察建议";

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        openBrowser(profile, PATIENCE, new Dimension(1366, 768));
    }

    @Test
    void prosecutorIssuesAgencyAnswersWithAFileAndProsecutorCloses(@TempDir Path files) throws IOException {
        // Prosecutor: log in, choose the type, submit the form with the title missing.
        session.open("/login");
        session.screenshot("01-login");
        session.logIn(PROSECUTOR);
        wait.until(ExpectedConditions.urlContains("/instruments"));
        session.screenshot("02-register");
        session.open("/instruments/new");
        session.screenshot("03-choose-type");
        browser.findElement(By.partialLinkText("检察建议书")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("field-facts")));
        new Select(browser.findElement(By.id("field-kind"))).selectByVisibleText("社会治理");
        new Select(browser.findElement(By.id("field-recipient"))).selectByVisibleText("荆门市司法局");
        session.type("field-facts", "本院在履行行政检察监督职责中发现，部分执法案卷证据收集程序不规范。");
        session.type("field-problems", "现场检查笔录缺少当事人签名，证据保全手续不全。");
        session.type("field-legalBasis", "《中华人民共和国行政处罚法》第五十五条");
        session.type("field-suggestions", "规范现场检查笔录制作。\n完善证据先行登记保存程序。");
        browser.findElement(By.id("issue-button")).click();

        WebElement titleError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-title-error")));
        assertThat(titleError.getText()).isEqualTo("必须填写");
        assertThat(browser.findElement(By.id("field-title")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("field-facts")).getAttribute("value")).contains("证据收集程序不规范");
        browser.findElements(By.className("field-error")).forEach(error -> assertThat(error.getAttribute("id"))
                .isEqualTo("field-title-error"));
        session.screenshot("04-form-field-error");

        // Fix the title, preview the first page, issue.
        session.type("field-title", TITLE);
        browser.findElement(By.id("preview-button")).click();
        WebElement image = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-image")));
        assertThat(image.getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(((Number) browser.executeScript("return arguments[0].naturalWidth", image)).intValue())
                .isGreaterThan(700);
        session.screenshot("05-preview");
        browser.findElement(By.id("issue-button")).click();
        wait.until(ExpectedConditions.urlContains("issued"));
        String recordUrl = browser.getCurrentUrl();
        String recordId = recordUrl.replaceAll(".*/instruments/([^/?]+).*", "$1");
        assertThat(session.text("main")).contains("已发文", TITLE, "荆检行建〔", "签章有效", "发文（编号、盖章、归档）");
        WebElement page = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.page")));
        wait.until(driver -> ((Number) browser.executeScript("return arguments[0].naturalWidth", page)).intValue() > 700);
        session.screenshot("06-record-issued");
        new Select(browser.findElement(By.id("deliver-method"))).selectByVisibleText("直接送达");
        browser.findElement(By.cssSelector("#deliver-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("done=deliver"));
        assertThat(session.text("main")).contains("已登记送达", "直接送达");
        session.logOut();

        // Agency: the inbox lists it; a disguised executable is refused beside the file input, then a PDF goes in.
        session.logIn(AGENCY);
        wait.until(ExpectedConditions.urlContains("/inbox"));
        assertThat(session.text("table.inbox")).contains(TITLE);
        session.screenshot("07-inbox");
        browser.findElement(By.xpath("//table[contains(@class, 'inbox')]//tr[td[contains(., '" + TITLE + "')]]//a"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reply-form")));
        session.screenshot("08-inbox-record");
        session.type("reply-measures", "已印发执法案卷证据收集指引，组织全员培训。");
        session.type("reply-results", "抽查 30 份案卷，现场检查笔录均有当事人签名。");
        new Select(browser.findElement(By.id("reply-adoption"))).selectByVisibleText("采纳");
        Path executable = files.resolve("整改报告.pdf");
        Files.write(executable, BrowserSession.elfExecutable());
        browser.findElement(By.id("reply-files")).sendKeys(executable.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reply-files-error")));
        assertThat(refusal.getText()).contains("整改报告.pdf", "被拒收");
        assertThat(browser.findElement(By.id("reply-measures")).getAttribute("value")).contains("证据收集指引");
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", refusal);
        session.screenshot("09-file-refused");

        Path report = files.resolve("整改情况报告.pdf");
        Files.write(report, pdf("Rectification report"));
        browser.findElement(By.id("reply-files")).sendKeys(report.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#reply-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("sent"));
        assertThat(session.text("main")).contains("回复已提交", "整改情况报告.pdf", "SHA-256");
        assertThat(browser.findElements(By.id("reply-form"))).isEmpty();
        session.screenshot("10-reply-sent");
        session.logOut();

        // Prosecutor: the reply is in the timeline and among the responses; close with the evaluation.
        session.logIn(PROSECUTOR);
        session.open("/instruments/" + recordId);
        assertThat(session.text("ol.timeline")).contains("发文（编号、盖章、归档）", "收到回复", "荆门市司法局");
        assertThat(browser.findElement(By.linkText("整改情况报告.pdf")).getAttribute("href"))
                .contains("/instruments/" + recordId + "/responses/");
        new Select(browser.findElement(By.id("close-evaluation"))).selectByVisibleText("采纳");
        session.type("close-note", "整改措施具体，已落实到位。");
        browser.findElement(By.cssSelector("#close-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("done=close"));
        assertThat(session.text("main")).contains("已办结", "采纳：整改措施具体，已落实到位。");
        assertThat(session.text("ol.timeline")).contains("办结");
        session.screenshot("11-record-closed");

        // The other main pages, and the register on a phone.
        session.open("/instruments");
        assertThat(session.text("table.register")).contains(TITLE, "已办结");
        session.open("/account");
        session.screenshot("12-account");
        session.open("/instruments/no-such-record");
        assertThat(session.text("main")).contains("404", "没有找到");
        session.screenshot("13-not-found");
        browser.manage().window().setSize(new Dimension(390, 844));
        session.open("/instruments");
        session.screenshot("14-register-phone");
        session.open("/instruments/" + recordId);
        session.screenshot("15-record-phone");
        browser.manage().window().setSize(new Dimension(1366, 768));
        session.logOut();
        session.logIn(ADMIN);
        session.open("/admin/users");
        assertThat(session.text("table.users")).contains(AGENCY, "行政机关联络员");
        session.screenshot("16-admin-users");
        session.logOut();
    }

    /** A one-page PDF with {@code text}. */
    static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
