package org.wenshu.app.pages;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser of the browser tests, set up as {@link BrowserIntegrationTests} does: Debian's chromium, headless, driven
 * through Debian's chromedriver, both named explicitly so that Selenium Manager never runs and nothing is downloaded.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** Starts a 1366×768 Chinese-language browser with its profile in {@code profile}. */
    static ChromeDriver start(Path profile, Duration patience) {
        return start(profile, patience, new Dimension(1366, 768));
    }

    /** Starts a Chinese-language browser of size {@code window} with its profile in {@code profile}. */
    static ChromeDriver start(Path profile, Duration patience, Dimension window) {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=zh-CN",
                "--window-size=" + window.getWidth() + "," + window.getHeight(),
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(window);
        browser.manage().timeouts().pageLoadTimeout(patience);
        return browser;
    }
}
