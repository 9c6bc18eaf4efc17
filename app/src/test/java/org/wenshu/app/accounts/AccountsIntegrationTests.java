package org.wenshu.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.AccountsConfiguration;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.WenshuCommand;

/** Accounts end to end: the users command, form login with CSRF, lockout after failed logins, disabled accounts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ConfigurableApplicationContext context;
    private String base;

    @BeforeAll
    void start() throws IOException {
        Path home = Files.createTempDirectory("wenshu-accounts-test");
        context = Wenshu.serve("--wenshu.home=" + home, "--server.port=0", "--spring.profiles.active=test");
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private record Run(int code, String out, String err) {
    }

    private Run wenshu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String password(Run run) {
        Matcher m = Pattern.compile("初始密码（只显示这一次）：(\\S+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }

    /** Logs in through the login form (with its CSRF token); returns the final response after redirects. */
    private HttpResponse<String> login(HttpClient client, String user, String password) throws Exception {
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        return client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anAgencyOfficerLogsInAndLandsInTheInbox() throws Exception {
        String password = password(wenshu("users", "add", "liaison1", "--role", "AGENCY", "--unit", "市公安局", "--name", "联络员甲"));

        HttpResponse<String> response = login(browser(), "liaison1", password);

        assertThat(response.uri().getPath()).isEqualTo("/inbox");
        assertThat(wenshu("users", "list").out()).contains("liaison1", "AGENCY", "jm-police", "启用");
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
        password(wenshu("users", "add", "nocsrf", "--role", "RESEARCHER"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nocsrf&password=whatever12345")).build(),
                HttpResponse.BodyHandlers.ofString());

        // Refused, and sent back to the login page with a message (a stale form), never a stack trace.
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error=stale"));
        assertThat(response.body()).doesNotContain("Exception", "at org.");
        assertThat(wenshu("users", "list").out()).contains("nocsrf");
    }

    @Test
    void fiveFailedLoginsLockTheAccountEvenAgainstTheRightPassword() throws Exception {
        String password = password(wenshu("users", "add", "target", "--role", "RESEARCHER"));
        HttpClient client = browser();

        for (int i = 0; i < Accounts.MAX_FAILED_LOGINS; i++) {
            assertThat(login(client, "target", "wrong-password-" + i).body()).contains("用户名或密码错误");
        }
        HttpResponse<String> right = login(client, "target", password);

        assertThat(right.uri().getQuery()).isEqualTo("error=locked");
        assertThat(right.body()).contains("账号因多次登录失败已暂时锁定");
        Integer locked = context.getBean(AccountsConfiguration.AccountsSchema.class).jdbc().queryForObject(
                "SELECT COUNT(*) FROM accounts WHERE username = 'target' AND locked_until IS NOT NULL", Integer.class);
        assertThat(locked).isEqualTo(1);
    }

    @Test
    void aDisabledAccountCannotLogIn() throws Exception {
        String password = password(wenshu("users", "add", "leaver", "--role", "PROSECUTOR", "--unit", "荆门市人民检察院"));
        assertThat(wenshu("users", "disable", "leaver").code()).isZero();

        HttpResponse<String> response = login(browser(), "leaver", password);

        assertThat(response.body()).contains("账号已停用");
    }

    @Test
    void enablingAgainAndANewPasswordLetTheUserBackInAndAnUnknownUserIsRefused() throws Exception {
        password(wenshu("users", "add", "returner", "--role", "RESEARCHER"));
        assertThat(wenshu("users", "disable", "returner").code()).isZero();

        Run enabled = wenshu("users", "enable", "returner");
        Run reset = wenshu("users", "password", "returner");
        Run unknown = wenshu("users", "disable", "nobody-here");
        Run unknownPassword = wenshu("users", "password", "nobody-here");

        assertThat(enabled.code()).isZero();
        assertThat(enabled.out()).contains("已启用 returner");
        assertThat(reset.code()).as(reset.err()).isZero();
        String newPassword = reset.out().substring(reset.out().indexOf("：") + 1).strip();
        HttpResponse<String> loggedIn = login(browser(), "returner", newPassword);
        assertThat(loggedIn.uri().getPath()).isNotEqualTo("/login");
        assertThat(loggedIn.body()).doesNotContain("用户名或密码错误", "账号已停用");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("nobody-here");
        assertThat(unknownPassword.code()).isEqualTo(2);
    }

    @Test
    void weakPasswordsRolesAndUnitsAreRefusedWithAMessage() {
        Run agencyWithoutUnit = wenshu("users", "add", "nounit", "--role", "AGENCY");
        Run prosecutorOfAnAgency = wenshu("users", "add", "wrongunit", "--role", "PROSECUTOR", "--unit", "荆门市公安局");
        Run unknownRole = wenshu("users", "add", "who", "--role", "JANITOR");
        Run badName = wenshu("users", "add", "<script>", "--role", "RESEARCHER");

        assertThat(agencyWithoutUnit.code()).isEqualTo(2);
        assertThat(agencyWithoutUnit.err()).contains("必须绑定一个单位");
        assertThat(prosecutorOfAnAgency.code()).isEqualTo(2);
        assertThat(prosecutorOfAnAgency.err()).contains("检察官账号须绑定检察院");
        assertThat(unknownRole.code()).isEqualTo(2);
        assertThat(badName.code()).isEqualTo(2);
        assertThat(wenshu("users", "list").out()).doesNotContain("nounit", "wrongunit", "who", "script");
    }

    @Test
    void passwordChecksRefuseShortCommonAndNameContainingPasswords() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Accounts.checkPassword("alice", "short"))
                .isInstanceOf(AccountInvalid.class).hasMessageContaining("至少");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Accounts.checkPassword("alice", "password123"))
                .isInstanceOf(AccountInvalid.class).hasMessageContaining("过于简单");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Accounts.checkPassword("alice", "alice-2024-xyz"))
                .isInstanceOf(AccountInvalid.class);
        Accounts.checkPassword("alice", Accounts.generatePassword());
    }

}
