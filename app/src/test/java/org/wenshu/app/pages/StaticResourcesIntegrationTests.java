package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pages link the house stylesheet, scripts and webjars as written (no resource URL rewriting of every link), and
 * those links are served.
 */
class StaticResourcesIntegrationTests extends PagesTestSupport {

    @Test
    void pagesLinkWebjarsWithoutTheirVersionAndTheLinksAreServed() {
        ensureAccounts();
        PageSession agency = signedIn(AGENCY);

        Page inbox = agency.get("/inbox");
        Page htmx = session().get("/webjars/htmx.org/dist/htmx.min.js");
        Page css = session().get("/css/wenshu.css");

        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.body()).contains("src=\"/webjars/htmx.org/dist/htmx.min.js\"", "href=\"/css/wenshu.css\"",
                "action=\"/logout\"");
        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.header("Content-Type")).contains("javascript");
        assertThat(htmx.body()).contains("htmx");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
    }
}
