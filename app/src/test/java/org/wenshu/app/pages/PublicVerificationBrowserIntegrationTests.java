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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.archive.Archive;

/**
 * An anonymous visitor in a real browser (Debian's chromium, headless, as {@link BrowserIntegrationTests}) follows
 * the link on the login page, verifies a genuine instrument and a tampered copy, and opens the summary page its QR
 * code leads to. Screenshots under {@code target/screenshots/verify-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicVerificationBrowserIntegrationTests extends BrowserTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    Archive archive;

    @BeforeAll
    void startBrowser(@TempDir Path profile) throws IOException {
        ensureAccounts();
        openBrowser(profile, PATIENCE, new Dimension(1366, 900));
    }

    @Test
    void anAnonymousVisitorTellsAGenuineInstrumentFromATamperedCopy(@TempDir Path files) throws IOException {
        String id = issue("关于规范公开核验浏览器测试的检察建议", "荆门市司法局");
        byte[] sealed = PublicVerificationTesting.sealedPdf(archive, id);
        Path genuine = Files.write(files.resolve("检察建议书.pdf"), sealed);
        Path tampered = Files.write(files.resolve("检察建议书-改.pdf"), PublicVerificationTesting.withPageChanged(sealed));
        String code = archive.verificationCode(id).orElseThrow();

        // From the login page, without signing in.
        browser.get(base() + "/login");
        browser.findElement(By.linkText("验证文书")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-file")));
        session.screenshot("verify-01-form");

        browser.findElement(By.id("verify-file")).sendKeys(genuine.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        String verdict = browser.findElement(By.id("verdict")).getText();
        assertThat(verdict).contains("文件真实有效", "签署者：", "荆门市人民检察院", "签署时的版本：完好",
                PublicVerificationTesting.sha256(sealed));
        assertThat(browser.findElement(By.id("verdict")).getAttribute("class")).contains("verdict-valid");
        session.screenshot("verify-02-genuine");

        browser.findElement(By.id("verify-file")).sendKeys(tampered.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#verify-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict"), "签署后被改动"));
        verdict = browser.findElement(By.id("verdict")).getText();
        assertThat(verdict).contains("文件在签署后被改动", "页面内容被改动").doesNotContain("文件真实有效");
        assertThat(browser.findElement(By.id("verdict")).getAttribute("class")).contains("verdict-invalid");
        session.screenshot("verify-03-tampered");

        // What the QR code in the footer opens.
        browser.get(base() + "/v/" + code);
        assertThat(browser.findElement(By.id("summary")).getText())
                .contains(archive.find(id).orElseThrow().number().text(), "荆门市人民检察院", "已发出",
                        PublicVerificationTesting.sha256(sealed))
                .doesNotContain("关于规范公开核验浏览器测试的检察建议");
        session.screenshot("verify-04-summary");
    }

    @Test
    void aFileThatIsNotAPdfIsRefusedBesideTheField(@TempDir Path files) throws IOException {
        Path text = Files.writeString(files.resolve("通知.pdf"), "这只是一段文字，不是 PDF。");

        browser.get(base() + "/verify");
        browser.findElement(By.id("verify-file")).sendKeys(text.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#verify-form button[type=submit]")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-error")));
        assertThat(browser.findElement(By.id("verify-error")).getText()).contains("不是 PDF 文件");
        assertThat(browser.findElement(By.id("verify-file")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.id("verdict"))).isEmpty();
        session.screenshot("verify-05-not-pdf");
    }
}
