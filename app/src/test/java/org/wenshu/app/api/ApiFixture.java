package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.accounts.Account;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.api.ApiClient.Auth;

/**
 * The people and records every API test uses, made once through the application's own services and API: a
 * prosecutor of 荆门市人民检察院 and one of a second procuratorate (孝感市人民检察院, a unit row added here), agency
 * officers of 荆门市司法局 (A) and 荆门市公安局 (B), a researcher, an administrator, a disabled user and a revoked
 * token; record A addressed to A and record B addressed to B (both delivered and answered with a PDF), and record M
 * (addressed to A, left as issued) for the access matrix's lifecycle calls.
 */
final class ApiFixture {

    static final String PASSWORD = "Kq7#vLp2xZ9m-wenshu";
    static final String UNIT_A = "荆门市司法局";
    static final String UNIT_B = "荆门市公安局";

    private static ApiFixture instance;
    private static Object owner;

    final Auth prosecutor;
    final Auth otherProsecutor;
    final Auth agencyA;
    final Auth agencyB;
    final Auth researcher;
    final Auth admin;
    final Auth adminBasic;
    final Auth anonymous = Auth.none();
    final Auth disabled;
    final Auth disabledToken;
    final Auth revokedToken;
    final Auth wrongPassword;

    final Map<String, Object> recordA;
    final Map<String, Object> recordB;
    final Map<String, Object> recordM;
    final Map<String, Object> responseA;
    final Map<String, Object> responseB;

    static synchronized ApiFixture of(ApiIntegrationTest test) {
        if (instance == null || owner != test.accounts) {
            instance = new ApiFixture(test);
            owner = test.accounts;
        }
        return instance;
    }

    private ApiFixture(ApiIntegrationTest test) {
        new JdbcTemplate(test.dataSource).update("INSERT INTO units (id, name, short_name, kind, parent_id) "
                + "VALUES ('xg-procuratorate', '孝感市人民检察院', '孝感市检察院', 'PROCURATORATE', NULL)");
        prosecutor = token(test, "p-jingmen", Role.PROSECUTOR, "jm-procuratorate");
        otherProsecutor = token(test, "p-xiaogan", Role.PROSECUTOR, "xg-procuratorate");
        agencyA = token(test, "agency-a", Role.AGENCY, "jm-justice");
        agencyB = token(test, "agency-b", Role.AGENCY, "jm-police");
        researcher = token(test, "researcher", Role.RESEARCHER, null);
        admin = token(test, "admin", Role.ADMIN, null);
        adminBasic = Auth.basic("admin", PASSWORD);
        wrongPassword = Auth.basic("admin", PASSWORD + "x");

        Account gone = test.accounts.create("disabled-user", "停用的人", Role.AGENCY, Optional.of("jm-justice"), PASSWORD, false);
        disabledToken = Auth.bearer(test.tokens.create(gone, "t").secret(), "token of a disabled user");
        test.accounts.setEnabled("disabled-user", false);
        disabled = Auth.basic("disabled-user", PASSWORD);

        Account revoking = test.accounts.find("agency-a").orElseThrow();
        var revoked = test.tokens.create(revoking, "revoked");
        test.tokens.revoke(revoking, revoked.info().id());
        revokedToken = Auth.bearer(revoked.secret(), "revoked token");

        ApiClient api = test.api();
        recordA = issue(api, "关于规范社区矫正外出审批的检察建议（甲）", UNIT_A, "fixture-a");
        recordB = issue(api, "关于加强道路交通安全管理的检察建议（乙）", UNIT_B, "fixture-b");
        recordM = issue(api, "关于完善行政执法公示的检察建议（丙）", UNIT_A, "fixture-m");
        deliver(api, id(recordA));
        deliver(api, id(recordB));
        responseA = respond(api, agencyA, id(recordA), "甲单位整改措施：建立外出审批台账");
        responseB = respond(api, agencyB, id(recordB), "乙单位整改措施：增设交通信号灯");
    }

    static String id(Map<String, Object> json) {
        return (String) json.get("id");
    }

    private static Auth token(ApiIntegrationTest test, String username, Role role, String unit) {
        Account account = test.accounts.create(username, username, role, Optional.ofNullable(unit), PASSWORD, false);
        return Auth.bearer(test.tokens.create(account, "tests").secret(), username);
    }

    private Map<String, Object> issue(ApiClient api, String title, String recipient, String key) {
        ApiClient.Reply reply = api.json("POST", "/api/v1/instruments", prosecutor,
                ApiIntegrationTest.issueBody(ApiIntegrationTest.suggestion(title, recipient)), Map.of("Idempotency-Key", key));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private void deliver(ApiClient api, String id) {
        ApiClient.Reply reply = api.json("POST", "/api/v1/instruments/" + id + "/delivery", prosecutor,
                Map.of("method", "电子送达"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private static Map<String, Object> respond(ApiClient api, Auth agency, String id, String measures) {
        ApiClient.Reply reply = api.multipart("/api/v1/instruments/" + id + "/responses", agency,
                Map.of("measures", measures, "results", "已完成整改", "adoption", "采纳"),
                List.of(new ApiClient.FilePart("整改报告.pdf", "application/pdf", ApiIntegrationTest.pdf(measures.length() + " report"))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }
}
