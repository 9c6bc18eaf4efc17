package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.UploadedFile;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Hostile text in every place a page shows user data — unit names (inserted straight into the database), form field
 * values, response texts, file names and token names — comes back inert: HTML-escaped, never markup, and never
 * evaluated as an expression ({@code ${7*7}} must not print 49, a Thymeleaf inlining {@code [[...]]} must stay text).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscapingIntegrationTests extends PagesTestSupport {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";
    // The Chinese character after each expression makes an evaluated result (49甲) unmistakable.
    private static final String EL = "${7*7}甲";
    private static final String INLINE = "[[${T(java.lang.Runtime)}]]乙";
    private static final String SCRIPT_UNIT = SCRIPT + "局";
    private static final String IMG_UNIT = IMG + "局";
    private static final String EVIL_AGENCY = "page-evil-agency";

    @Autowired
    HikariDataSource dataSource;

    private String recordId;

    @BeforeAll
    void setUp() {
        ensureAccounts();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        insertUnit(jdbc, "evil-script", SCRIPT_UNIT);
        insertUnit(jdbc, "evil-img", IMG_UNIT);
        insertUnit(jdbc, "evil-el", EL + "局");
        insertUnit(jdbc, "evil-inline", INLINE + "局");
        if (accounts.find(EVIL_AGENCY).isEmpty()) {
            accounts.create(EVIL_AGENCY, SCRIPT + EL, Role.AGENCY, Optional.of("evil-img"), PASSWORD, false);
        }
        Map<String, Object> fields = new LinkedHashMap<>(suggestion(SCRIPT + INLINE, IMG_UNIT));
        fields.put("facts", IMG + "\n" + EL + "\n" + INLINE);
        fields.put("suggestions", List.of(SCRIPT, IMG, EL));
        fields.put("copiesTo", List.of(SCRIPT_UNIT, EL + "局", INLINE + "局"));
        WenshuUser prosecutor = WenshuUser.of(accounts.require(PROSECUTOR));
        recordId = instruments.issue(prosecutor, "procuratorial-suggestion", fields, Optional.empty()).id();
        instruments.deliver(prosecutor, recordId, DeliveryMethod.DIRECT, instruments.today(), Optional.of(SCRIPT + EL));
        instruments.respond(WenshuUser.of(accounts.require(EVIL_AGENCY)), recordId, SCRIPT + IMG, EL + INLINE,
                Adoption.ADOPTED, List.of(new UploadedFile(IMG + EL + ".pdf", uncheckedPdf())));
    }

    private static void insertUnit(JdbcTemplate jdbc, String id, String name) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM units WHERE id = ?", Integer.class, id) == 0) {
            jdbc.update("INSERT INTO units (id, name, short_name, kind, parent_id) VALUES (?, ?, ?, 'AGENCY', 'jm-gov')",
                    id, name, name);
        }
    }

    @Test
    void prosecutorPagesShowHostileTextAsText() {
        PageSession session = signedIn(PROSECUTOR);

        List<String> pages = List.of(
                ok(session.get("/instruments")),
                ok(session.get("/instruments/new?type=procuratorial-suggestion")),
                ok(session.get("/instruments/" + recordId)));

        for (String html : pages) {
            assertInert(html);
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains(INLINE);
        }
        assertThat(pages.get(2)).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", EL);
    }

    @Test
    void formEchoesHostileValuesInertWhenItComesBackWithErrors() {
        PageSession session = signedIn(PROSECUTOR);
        session.get("/instruments/new?type=procuratorial-suggestion");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "procuratorial-suggestion");
        form.put("idempotencyKey", "escaping-form");
        form.put("f.title", IMG + EL);
        form.put("f.facts", SCRIPT + INLINE);
        form.put("f.recipient", IMG_UNIT);
        form.put("f.legalBasis", "x".repeat(400) + SCRIPT);

        Page page = session.post("/instruments", form);
        Page preview = session.post("/instruments/new/preview", form);

        assertThat(page.status()).isEqualTo(422);
        assertInert(page.body());
        assertThat(page.body()).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" + EL, INLINE);
        assertThat(preview.status()).isEqualTo(200);
        assertInert(preview.body());
    }

    @Test
    void agencyPagesAndFilesShowHostileTextAsText() {
        PageSession session = signedIn(EVIL_AGENCY);

        String inbox = ok(session.get("/inbox"));
        String record = ok(session.get("/inbox/" + recordId));

        assertInert(inbox);
        assertInert(record);
        assertThat(record).contains("&lt;script&gt;alert(1)&lt;/script&gt;", INLINE, EL);
        Page file = session.get("/inbox/" + recordId + "/responses/"
                + instruments.responses(WenshuUser.of(accounts.require(EVIL_AGENCY)), recordId).get(0).id() + "/files/0");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).startsWith("attachment;").doesNotContain("<img", "\"><");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void accountAndAdminPagesShowHostileTextAsText() {
        PageSession agency = signedIn(EVIL_AGENCY);
        agency.get("/account");
        Page created = agency.post("/account/tokens", Map.of("name", SCRIPT + EL + INLINE));
        PageSession admin = signedIn(ADMIN);

        String users = ok(admin.get("/admin/users"));

        assertThat(created.status()).isEqualTo(200);
        assertInert(created.body());
        assertThat(created.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;" + EL + INLINE);
        assertInert(users);
        assertThat(users).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;局", "&lt;script&gt;alert(1)&lt;/script&gt;" + EL);
    }

    @Test
    void searchPagesShowHostileTextAsText() throws InterruptedException {
        PageSession admin = signedIn(ADMIN);
        String search = "/search?q=" + java.net.URLEncoder.encode("alert", java.nio.charset.StandardCharsets.UTF_8);
        Page hits = admin.get(search);
        for (int i = 0; i < 120 && !hits.body().contains(recordId); i++) { // the index follows within a second
            Thread.sleep(250);
            hits = admin.get(search);
        }
        String malformed = "/search?q=" + java.net.URLEncoder.encode(SCRIPT + EL + " \"" + IMG,
                java.nio.charset.StandardCharsets.UTF_8);

        String results = ok(hits);
        String record = ok(admin.get("/search/records/" + recordId));
        String similar = ok(admin.get("/search/similar?record=" + recordId));
        Page error = admin.get(malformed);
        String echoed = ok(admin.get("/search?q=" + java.net.URLEncoder.encode(SCRIPT + EL,
                java.nio.charset.StandardCharsets.UTF_8)));
        String log = ok(admin.get("/admin/queries"));

        assertThat(results).contains(recordId, "&lt;script&gt;alert(1)&lt;/script&gt;");
        List.of(results, record, similar, error.body(), echoed, log).forEach(EscapingIntegrationTests::assertInert);
        assertThat(record).contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", EL, INLINE);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.body()).contains("search-q-error");
        assertThat(log).contains("&lt;script&gt;alert(1)&lt;/script&gt;" + EL);
    }

    private static String ok(Page page) {
        assertThat(page.status()).as("status, redirect %s", page.location()).isEqualTo(200);
        return page.body();
    }

    private static void assertInert(String html) {
        assertThat(html)
                .doesNotContainIgnoringCase("<script>alert")
                .doesNotContainIgnoringCase("<img src=x")
                .doesNotContain("onerror=alert(1)>")
                .doesNotContain("49甲")
                .doesNotContain("java.lang.Runtime@")
                .doesNotContain("class java.lang.Runtime");
    }

    /** A small valid PDF (the archive checks the content against the name's extension). */
    private static byte[] uncheckedPdf() {
        try {
            return BrowserIntegrationTests.pdf("hostile file name");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
