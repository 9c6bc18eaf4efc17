package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.ApiTokens;

/** 我的账号 and 用户管理: a token's secret is shown once and revoking it stops it; accounts are created and disabled. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountPagesIntegrationTests extends PagesTestSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"token-secret\"[^>]*value=\"(wst_[^\"]+)\"");

    @Autowired
    ApiTokens tokens;

    @BeforeAll
    void setUp() {
        ensureAccounts();
    }

    @Test
    void tokenSecretIsShownOnceAndRevokingStopsIt() {
        PageSession session = signedIn(AGENCY);
        session.get("/account");

        Page created = session.post("/account/tokens", Map.of("name", "办公系统对接"));
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).isTrue();
        assertThat(tokens.authenticate(secret.group(1))).isPresent();
        assertThat(created.header("Cache-Control")).contains("no-store");
        Page later = session.get("/account");
        String tokenId = tokens.list(accounts.require(AGENCY)).stream()
                .filter(t -> t.name().equals("办公系统对接") && t.revokedAt().isEmpty()).findFirst().orElseThrow().id();
        Page revoked = session.post("/account/tokens/" + tokenId + "/revoke", Map.of());

        assertThat(later.body()).contains("办公系统对接").doesNotContain(secret.group(1));
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(session.get("/account").body()).contains("令牌已吊销", "已吊销 ");
        assertThat(tokens.authenticate(secret.group(1))).isEmpty();
    }

    @Test
    void tokenWithoutANameIsRefusedBesideTheField() {
        PageSession session = signedIn(AGENCY);
        session.get("/account");

        Page refused = session.post("/account/tokens", Map.of("name", "  "));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("class=\"field-error\"", "令牌名称须为 1–100 个字符").doesNotContain("wst_");
    }

    @Test
    void administratorCreatesDisablesAndEnablesAnAccount() {
        PageSession admin = signedIn(ADMIN);
        admin.get("/admin/users");

        Page weak = admin.post("/admin/users", Map.of("username", "page-new-officer", "displayName", "新联络员",
                "role", "AGENCY", "unit", "jm-education", "password", "password"));
        admin.get("/admin/users");
        Page created = admin.post("/admin/users", Map.of("username", "page-new-officer", "displayName", "新联络员",
                "role", "AGENCY", "unit", "jm-education", "password", "Education-liaison-2026"));
        admin.get("/admin/users");
        Page disabled = admin.post("/admin/users/page-new-officer/enabled", Map.of("enabled", "false"));

        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body()).contains("id=\"user-password\"").containsPattern("class=\"field-error\">[^<]*密码");
        assertThat(created.status()).isEqualTo(302);
        assertThat(disabled.status()).isEqualTo(302);
        assertThat(accounts.require("page-new-officer").enabled()).isFalse();
        assertThat(admin.get("/admin/users").body()).contains("已停用账号「page-new-officer」");
        admin.post("/admin/users/page-new-officer/enabled", Map.of("enabled", "true"));
        assertThat(accounts.require("page-new-officer").enabled()).isTrue();
        assertThat(accounts.require("page-new-officer").unitId()).contains("jm-education");
    }

    @Test
    void onlyAdministratorsOpenTheUsersPage() {
        assertThat(signedIn(PROSECUTOR).get("/admin/users").status()).isEqualTo(403);
    }
}
