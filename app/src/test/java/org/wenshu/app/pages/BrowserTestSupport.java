package org.wenshu.app.pages;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A {@link PagesTestSupport} test that drives one {@link BrowserSession} against its server, opened by the test's own
 * {@code @BeforeAll} through {@link #openBrowser} and closed after all its tests.
 */
abstract class BrowserTestSupport extends PagesTestSupport {

    BrowserSession session;
    ChromeDriver browser;
    WebDriverWait wait;

    /** Starts the browser, {@code window} in size, waiting up to {@code patience}; see {@link BrowserSession#start}. */
    void openBrowser(Path profile, Duration patience, Dimension window) throws IOException {
        session = BrowserSession.start(profile, patience, window, base(), PASSWORD);
        browser = session.browser();
        wait = session.await();
    }

    @AfterAll
    void stopBrowser() {
        if (session != null) {
            session.close();
        }
    }
}
