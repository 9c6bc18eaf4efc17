package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.accounts.ApiTokens;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RegisterEntry;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Bad requests to the pages: each gets a message a person understands (the login page, the form with the reason
 * beside the field, a 404 page), never a 500 or a stack trace, and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadPageRequestsIntegrationTests extends PagesTestSupport {

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    ApiTokens tokens;

    private String recordId;

    @BeforeAll
    void setUp() {
        ensureAccounts();
        recordId = issueDelivered("关于完善社区矫正档案管理的检察建议", "荆门市司法局");
    }

    @Test
    void staleCsrfTokenSendsTheFormBackToLoginWithAMessageAndStoresNothing() {
        PageSession session = signedIn(PROSECUTOR);
        session.get("/account");
        int before = tokens.list(accounts.require(PROSECUTOR)).size();
        session.csrf("0123456789abcdef-stale");

        Page refused = session.post("/account/tokens", Map.of("name", "过期页面提交的令牌"));

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/login?error=stale");
        Page login = session.get("/login?error=stale");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("页面已过期", "没有保存");
        assertThat(tokens.list(accounts.require(PROSECUTOR))).hasSize(before);
    }

    @Test
    void expiredSessionLeadsToLoginWithAMessageForPagesAndForms() {
        PageSession session = signedIn(AGENCY);
        assertThat(session.get("/inbox").status()).isEqualTo(200);
        new JdbcTemplate(dataSource).update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", AGENCY);

        Page page = session.get("/inbox/" + recordId);
        Page form = session.postMultipart("/inbox/" + recordId + "/responses",
                Map.of("measures", "措施", "results", "结果", "adoption", "ADOPTED"), Map.of(), false);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login?error=expired");
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.location()).contains("/login?error=");
        assertThat(session.get("/login?error=expired").body()).contains("登录已过期");
        assertThat(instruments.responses(WenshuUser.of(accounts.require(PROSECUTOR)), recordId)).isEmpty();
    }

    @Test
    void unknownRecordIsTheNotFoundPageWithoutATrace() {
        PageSession prosecutor = signedIn(PROSECUTOR);
        PageSession police = signedIn(OTHER_AGENCY);

        Page unknown = prosecutor.get("/instruments/no-such-record");
        Page unknownPdf = prosecutor.get("/instruments/no-such-record/pdf");
        Page unknownPage = prosecutor.get("/instruments/no-such-record/page.png");
        Page unknownFile = prosecutor.get("/instruments/" + recordId + "/responses/nope/files/0");
        Page otherUnits = police.get("/inbox/" + recordId);
        Page unknownType = prosecutor.get("/instruments/new?type=no-such-type");
        Page badIndex = prosecutor.get("/instruments/" + recordId + "/responses/x/files/not-a-number");

        for (Page page : new Page[] {unknown, unknownPdf, unknownPage, unknownFile, otherUnits, unknownType}) {
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.body()).contains("404", "没有找到").doesNotContain("Exception", "at org.");
        }
        assertThat(badIndex.status()).isEqualTo(400);
        assertThat(badIndex.body()).contains("请求有误").doesNotContain("Exception");
        assertThat(police.get("/instruments").status()).isEqualTo(403);
        assertThat(police.get("/instruments").body()).contains("无权访问");
    }

    @Test
    void doubleSubmittedFormIssuesOnce() {
        PageSession session = signedIn(PROSECUTOR);
        session.get("/instruments/new?type=procuratorial-suggestion");
        Map<String, String> form = form("关于双击提交只发文一次的检察建议");
        long before = instruments.list(WenshuUser.of(accounts.require(PROSECUTOR)), RecordQuery.all(), 0, 1).total();

        Page first = session.post("/instruments", form);
        Page second = session.post("/instruments", form);

        assertThat(first.status()).isEqualTo(302);
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.location()).isEqualTo(first.location()).contains("/instruments/");
        assertThat(instruments.list(WenshuUser.of(accounts.require(PROSECUTOR)), RecordQuery.all(), 0, 1).total())
                .isEqualTo(before + 1);
    }

    @Test
    void charactersNoFontCanPrintAreExplainedInThePreviewAndBesideTheField() {
        PageSession session = signedIn(PROSECUTOR);
        session.get("/instruments/new?type=procuratorial-suggestion");
        Map<String, String> form = form("关于\uDB80\uDC00字的检察建议");
        long voidBefore = voidNumbers();

        Page preview = session.post("/instruments/new/preview", form);
        Page issued = session.post("/instruments", form);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("字体无法显示", "U+F0000").doesNotContain("<img");
        assertThat(issued.status()).isEqualTo(422);
        assertThat(issued.body()).containsPattern("id=\"field-title-error\">[^<]*字体无法显示");
        assertThat(voidNumbers()).as("no number is reserved and voided").isEqualTo(voidBefore);
    }

    @Test
    void aNumberAlreadyRegisteredIsExplainedOnTheFormNotAsAnErrorPage() {
        PageSession session = signedIn(PROSECUTOR);
        session.get("/instruments/new?type=procuratorial-suggestion");
        Map<String, String> form = form("关于编号冲突时页面提示的检察建议");
        int year = instruments.today().getYear();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // A register ahead of its counter (a restored database): the next number is found taken.
        Integer last = jdbc.queryForList("SELECT last_serial FROM number_counters WHERE prefix = '荆检行建' AND num_year = ?",
                Integer.class, year).stream().findFirst().orElse(0);
        String number = "荆检行建〔" + year + "〕" + (last + 1) + "号";
        jdbc.update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, record_id, "
                + "type_id, title, reserved_at) VALUES ('jm-procuratorate', '荆检行建', ?, ?, ?, 'VOID', 'page-restored', "
                + "'procuratorial-suggestion', '恢复的登记', CURRENT_TIMESTAMP)", year, last + 1, number);
        try {
            Page refused = session.post("/instruments", form);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).contains("发文字号 " + number + " 已由荆门市人民检察院登记", "关于编号冲突时页面提示的检察建议")
                    .doesNotContain("SQL", "register_entries", "Exception");
        } finally {
            jdbc.update("DELETE FROM register_entries WHERE record_id = 'page-restored'");
        }
    }

    private long voidNumbers() {
        return instruments.register(WenshuUser.of(accounts.require(PROSECUTOR)), java.util.Optional.empty()).stream()
                .filter(entry -> entry.state() == RegisterEntry.State.VOID).count();
    }

    /** The new-instrument form as a browser posts it, with a fresh idempotency key. */
    private Map<String, String> form(String title) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("type", "procuratorial-suggestion");
        form.put("idempotencyKey", java.util.UUID.randomUUID().toString());
        suggestion(title, "荆门市教育局").forEach((name, value) -> form.put("f." + name,
                value instanceof java.util.List<?> items ? String.join("\n", items.stream().map(String::valueOf).toList())
                        : String.valueOf(value)));
        return form;
    }

    @Test
    void fileOverTheArchiveLimitIsRefusedBesideTheFileAndNothingIsStored() {
        PageSession agency = signedIn(AGENCY);
        agency.get("/inbox/" + recordId);
        byte[] large = pdfOfSize(21 << 20);

        Page refused = agency.postMultipart("/inbox/" + recordId + "/responses",
                Map.of("measures", "已整改", "results", "已完成", "adoption", "ADOPTED"),
                Map.of("整改材料.pdf", large), false);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("整改材料.pdf", "被拒收", "超过单个文件上限")
                .contains("已整改").doesNotContain("Exception");
        assertThat(instruments.responses(WenshuUser.of(accounts.require(PROSECUTOR)), recordId)).isEmpty();
    }

    @Test
    void uploadOverTheServerLimitIsRefusedBesideTheFileAndNothingIsStored() {
        PageSession agency = signedIn(AGENCY);
        agency.get("/inbox/" + recordId);
        byte[] huge = pdfOfSize(26 << 20);

        Page refused = agency.postMultipart("/inbox/" + recordId + "/responses",
                Map.of("measures", "已整改", "results", "已完成", "adoption", "ADOPTED"),
                Map.of("整改材料.pdf", huge), true);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"reply-form\"", "文件过大", "未保存任何内容")
                .doesNotContain("Exception");
        assertThat(instruments.responses(WenshuUser.of(accounts.require(PROSECUTOR)), recordId)).isEmpty();
    }

    /**
     * An upload past the container's limit sent without htmx gets the 413 page, which states the per-file limit the
     * upload forms state (the archive's 20 MB), never the container's larger safety limit (25 MB).
     */
    @Test
    void theUploadLimitPageStatesTheLimitTheFormsState() {
        PageSession agency = signedIn(AGENCY);
        Page form = agency.get("/inbox/" + recordId);
        byte[] huge = pdfOfSize(26 << 20);

        Page refused = agency.postMultipart("/inbox/" + recordId + "/responses",
                Map.of("measures", "已整改", "results", "已完成", "adoption", "ADOPTED"),
                Map.of("整改材料.pdf", huge), false);

        assertThat(form.body()).contains("单个不超过 20 MB");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("单个文件不超过 20 MB", "未保存任何内容").doesNotContain("25", "60MB");
    }

    /**
     * What the framework refuses before any controller (Spring Security's access rules and firewall, Tomcat's URL
     * checks, unmapped methods and media types) is answered in Chinese whatever the client asks for: a problem
     * document for scripts and the API, a fragment for htmx, a page for browsers — never Boot's English JSON or
     * Tomcat's English "HTTP Status 400" page.
     */
    @Test
    void frameworkRefusalsAreChineseForEveryClient() {
        PageSession agency = signedIn(AGENCY);
        Page script = agency.get("/bulk-issues", Map.of("Accept", "*/*"));
        Page json = agency.get("/bulk-issues/4", Map.of("Accept", "application/json"));
        Page htmx = agency.get("/bulk-issues/4/progress", Map.of("HX-Request", "true", "Accept", "*/*"));
        Page browser = agency.get("/bulk-issues");
        PageSession office = signedIn(ADMIN);
        Page semicolon = office.get("/bulk-issues/a;x=1", Map.of("Accept", "*/*"));
        Page doubleSlash = office.get("/api/v1/bulk-issues//x", Map.of("Accept", "*/*"));
        Page nulApi = session().get("/api/v1/bulk-issues/%00", Map.of("Accept", "*/*"));
        Page nulPage = session().get("/bulk-issues/%00");
        Page slashApi = session().get("/api/v1/types/a%2Fb", Map.of("Accept", "*/*"));
        Page backslashPage = session().get("/bulk-issues/a%5Cb");
        Page xml = office.get("/bulk-issues/999999", Map.of("Accept", "application/xml"));

        for (Page page : java.util.List.of(script, json)) {
            assertThat(page.status()).as(page.body()).isEqualTo(403);
            assertThat(page.header("Content-Type")).startsWith("application/problem+json");
            assertThat(page.body()).contains("无权访问", "urn:wenshu:problem:forbidden").doesNotContain("Forbidden");
        }
        assertThat(htmx.status()).isEqualTo(403);
        assertThat(htmx.header("Content-Type")).startsWith("text/html");
        assertThat(htmx.body()).contains("无权访问").doesNotContain("Forbidden", "<html");
        assertThat(browser.status()).isEqualTo(403);
        assertThat(browser.body()).contains("<html").doesNotContain("Forbidden");
        for (Page page : java.util.List.of(semicolon, doubleSlash, nulApi, slashApi)) {
            assertThat(page.status()).as(page.body()).isEqualTo(400);
            assertThat(page.header("Content-Type")).as(page.body()).startsWith("application/problem+json");
            assertThat(page.body()).contains("请求无效", "\"status\":400").doesNotContain("Bad Request", "HTTP Status");
        }
        for (Page page : java.util.List.of(nulPage, backslashPage)) {
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("lang=\"zh-CN\"", "请求无效").doesNotContain("Bad Request", "HTTP Status",
                    "Tomcat");
        }
        assertThat(xml.status()).isIn(404, 406);
        assertThat(xml.body()).doesNotContain("Not Found", "Not Acceptable");
    }

    /**
     * Chinese characters sent unencoded in the request line (curl 'http://…/api/v1/types/会议纪要'), which Tomcat refuses
     * before any servlet: a Chinese problem document under /api/, a Chinese page elsewhere.
     */
    @Test
    void unencodedChineseInThePathIsRefusedInChinese() throws Exception {
        String api = raw("/api/v1/types/会议纪要");
        String page = raw("/bulk-issues/会议纪要");

        assertThat(api).as(api).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json")
                .contains("请求无效", "\"status\":400").doesNotContain("Bad Request", "HTTP Status", "Tomcat");
        assertThat(page).as(page).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
                .contains("请求无效").doesNotContain("HTTP Status", "Tomcat");
    }

    /** The answer to a GET of {@code path} sent byte for byte as UTF-8, without percent-encoding. */
    private String raw(String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
