package org.wenshu.app.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser test's browser: a {@link HeadlessChromium} pointed at a running wenshu, with the helpers every browser
 * test shares — opening a path, signing in through the login form, signing out, typing into a field by id, reading
 * an element's text by CSS selector, and saving a PNG screenshot as {@code target/screenshots/NAME.png}.
 */
public final class BrowserSession implements AutoCloseable {

    /** Where {@link #screenshot(String)} writes, relative to the module's working directory. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final String base;
    private final String password;

    private BrowserSession(ChromeDriver browser, Duration patience, String base, String password) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, patience);
        // A condition that reads an element the page is replacing (a reload, an htmx swap) asks again.
        this.wait.ignoring(StaleElementReferenceException.class);
        this.base = base;
        this.password = password;
    }

    /**
     * Starts a browser of size {@code window} with its profile in {@code profile}, waiting up to {@code patience} for
     * pages and conditions, against the server at {@code base} (scheme, host and port, no trailing slash) whose
     * accounts all sign in with {@code password}; creates {@link #SCREENSHOTS} if missing.
     *
     * @throws IOException if the screenshot directory cannot be created
     */
    public static BrowserSession start(Path profile, Duration patience, Dimension window, String base, String password)
            throws IOException {
        Files.createDirectories(SCREENSHOTS);
        return new BrowserSession(HeadlessChromium.start(profile, patience, window), patience, base, password);
    }

    /** The driven browser. */
    public ChromeDriver browser() {
        return browser;
    }

    /** The wait of the session's patience on its browser; a condition that meets a replaced element is asked again. */
    public WebDriverWait await() {
        return wait;
    }

    /** Loads {@code path} (starting with {@code /}) of the server. */
    public void open(String path) {
        browser.get(base + path);
    }

    /**
     * Signs {@code username} in through the login form and waits until the browser has left {@code /login}. A form
     * sent back with "expired" or "stale" (the session of the form's CSRF token was not found: seen once on a machine
     * at load 8, where the form went out within milliseconds of loading, as no person types) is filled in again, at
     * most twice, as a person would; a refused password is not retried.
     */
    public void logIn(String username) {
        for (int attempt = 1; ; attempt++) {
            open("/login");
            browser.findElement(By.id("username")).sendKeys(username);
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.cssSelector("section.login button[type=submit]")).click();
            wait.until(ExpectedConditions.or(ExpectedConditions.not(ExpectedConditions.urlContains("/login")),
                    ExpectedConditions.urlContains("/login?error=")));
            String url = browser.getCurrentUrl();
            boolean resend = url.contains("/login?error=expired") || url.contains("/login?error=stale");
            if (!resend || attempt == 3) {
                wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
                return;
            }
        }
    }

    /** Signs out with the header's button and waits for the login page. */
    public void logOut() {
        browser.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    /** Replaces the value of the field with id {@code id} by {@code text}. */
    public void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** The visible text of the first element matching the CSS selector {@code css}. */
    public String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /**
     * Saves the viewport as {@code target/screenshots/NAME.png}, replacing any earlier file of that name.
     *
     * @throws IOException if the file cannot be written
     */
    public void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The first bytes of an x86-64 ELF executable: what a renamed program looks like to a content check. */
    public static byte[] elfExecutable() {
        byte[] bytes = new byte[4096];
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** Quits the browser. */
    @Override
    public void close() {
        browser.quit();
    }
}
