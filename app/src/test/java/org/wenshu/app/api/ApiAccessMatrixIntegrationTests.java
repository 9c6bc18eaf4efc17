package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * Who may call what: every {@code /api/v1} operation — enumerated from the application's own handler mappings, so an
 * operation added without a rule here fails {@link #everyEndpointHasARule} — against every kind of caller. Refusals
 * are problem documents that never carry the record's data.
 */
class ApiAccessMatrixIntegrationTests extends ApiIntegrationTest {

    private static final String P = "prosecutor", P2 = "other procuratorate", A = "agency A", B = "agency B",
            R = "researcher", ADMIN = "admin";
    /** Refused callers first, so the allowed calls that change a record come last. */
    private static final List<String> ACTORS = List.of(P2, A, B, R, P, ADMIN);

    private final AtomicInteger counter = new AtomicInteger();

    /** Operations anyone may call without credentials; a caller presenting bad ones is still refused (401). */
    private static final Set<String> PUBLIC_ENDPOINTS = Set.of("POST /api/v1/verify");

    /** One operation: how to call it as a given caller, and the statuses each caller may get. */
    private record Rule(BiFunction<ApiFixture, Auth, Reply> call, Map<String, Set<Integer>> expected) {
    }

    private static Map<String, Set<Integer>> expect(Set<Integer> p2, Set<Integer> a, Set<Integer> b, Set<Integer> r,
                                                    Set<Integer> p, Set<Integer> admin) {
        Map<String, Set<Integer>> expected = new LinkedHashMap<>();
        expected.put(P2, p2);
        expected.put(A, a);
        expected.put(B, b);
        expected.put(R, r);
        expected.put(P, p);
        expected.put(ADMIN, admin);
        return expected;
    }

    private static final Set<Integer> OK = Set.of(200), CREATED = Set.of(201), NO_CONTENT = Set.of(204),
            FORBIDDEN = Set.of(403), NOT_FOUND = Set.of(404), OK_OR_CONFLICT = Set.of(200, 409);
    private static final Map<String, Set<Integer>> EVERYONE = expect(OK, OK, OK, OK, OK, OK);
    /** Reading record A (issued by 荆门市人民检察院 to agency A). */
    private static final Map<String, Set<Integer>> READ_RECORD_A = expect(NOT_FOUND, OK, NOT_FOUND, OK, OK, OK);
    /** Managing record M (delivery, closing, withdrawal) is for its issuing procuratorate and the admin. */
    private static final Map<String, Set<Integer>> MANAGE_RECORD_M =
            expect(NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, OK_OR_CONFLICT, OK_OR_CONFLICT);
    private static final Map<String, Set<Integer>> ADMIN_ONLY =
            expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK);

    private Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("GET /api/v1/types", new Rule((f, who) -> api().get("/api/v1/types", who), EVERYONE));
        rules.put("GET /api/v1/types/{typeId}", new Rule((f, who) -> api().get("/api/v1/types/procuratorial-suggestion",
                who), EVERYONE));
        rules.put("GET /api/v1/instruments", new Rule((f, who) -> api().get("/api/v1/instruments", who), EVERYONE));
        rules.put("POST /api/v1/instruments", new Rule((f, who) -> api().json("POST", "/api/v1/instruments", who,
                issueBody(suggestion("关于规范矩阵测试的检察建议", ApiFixture.UNIT_A)), Map.of("Idempotency-Key", "matrix")),
                expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED, CREATED)));
        rules.put("POST /api/v1/instruments/validation", new Rule((f, who) -> api().json("POST",
                "/api/v1/instruments/validation", who, issueBody(suggestion("关于校验的检察建议", ApiFixture.UNIT_A))),
                expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        rules.put("GET /api/v1/instruments/{id}", new Rule((f, who) -> api().get(a(f), who), READ_RECORD_A));
        rules.put("GET /api/v1/instruments/{id}/timeline", new Rule((f, who) -> api().get(a(f) + "/timeline", who),
                READ_RECORD_A));
        rules.put("GET /api/v1/instruments/{id}/pdf", new Rule((f, who) -> api().get(a(f) + "/pdf", who), READ_RECORD_A));
        rules.put("GET /api/v1/instruments/{id}/responses", new Rule((f, who) -> api().get(a(f) + "/responses", who),
                READ_RECORD_A));
        rules.put("GET /api/v1/instruments/{id}/responses/{responseId}", new Rule((f, who) -> api().get(a(f)
                + "/responses/" + ApiFixture.id(f.responseA), who), READ_RECORD_A));
        rules.put("GET /api/v1/instruments/{id}/responses/{responseId}/files/{index}", new Rule((f, who) -> api().get(
                a(f) + "/responses/" + ApiFixture.id(f.responseA) + "/files/0", who), READ_RECORD_A));
        rules.put("POST /api/v1/instruments/{id}/delivery", new Rule((f, who) -> api().json("POST", m(f) + "/delivery",
                who, Map.of("method", "直接送达")), MANAGE_RECORD_M));
        rules.put("POST /api/v1/instruments/{id}/responses", new Rule((f, who) -> api().multipart(m(f) + "/responses", who,
                Map.of("measures", "矩阵整改措施", "results", "矩阵整改结果", "adoption", "部分采纳"),
                List.of(new ApiClient.FilePart("回复.pdf", "application/pdf", pdf("matrix reply")))),
                expect(NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        rules.put("POST /api/v1/instruments/{id}/closing", new Rule((f, who) -> api().json("POST", m(f) + "/closing", who,
                Map.of("evaluation", "部分采纳", "note", "已部分整改")), MANAGE_RECORD_M));
        rules.put("POST /api/v1/instruments/{id}/withdrawal", new Rule((f, who) -> api().json("POST", m(f) + "/withdrawal",
                who, Map.of("reason", "矩阵测试撤回")), MANAGE_RECORD_M));
        rules.put("GET /api/v1/register", new Rule((f, who) -> api().get("/api/v1/register", who),
                expect(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        rules.put("GET /api/v1/search", new Rule((f, who) -> api().get("/api/v1/search?q=" + java.net.URLEncoder.encode(
                "检察建议", java.nio.charset.StandardCharsets.UTF_8), who), EVERYONE));
        // Similar records follow the search's visibility (InstrumentAccess.viewer): prosecutors read as researchers do.
        rules.put("GET /api/v1/similar", new Rule((f, who) -> {
            awaitIndexed(f);
            return api().get("/api/v1/similar?record=" + ApiFixture.id(f.recordA), who);
        }, expect(OK, OK, NOT_FOUND, OK, OK, OK)));
        rules.put("POST /api/v1/similar", new Rule((f, who) -> api().json("POST", "/api/v1/similar", who,
                Map.of("text", "社区矫正对象外出审批不规范")), EVERYONE));
        rules.put("GET /api/v1/inbox", new Rule((f, who) -> api().get("/api/v1/inbox", who),
                expect(FORBIDDEN, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        rules.put("GET /api/v1/account", new Rule((f, who) -> api().get("/api/v1/account", who), EVERYONE));
        rules.put("GET /api/v1/account/tokens", new Rule((f, who) -> api().get("/api/v1/account/tokens", who), EVERYONE));
        rules.put("POST /api/v1/account/tokens", new Rule((f, who) -> api().json("POST", "/api/v1/account/tokens", who,
                Map.of("name", "矩阵")), expect(CREATED, CREATED, CREATED, CREATED, CREATED, CREATED)));
        rules.put("DELETE /api/v1/account/tokens/{tokenId}", new Rule((f, who) -> {
            Reply created = api().json("POST", "/api/v1/account/tokens", who, Map.of("name", "即将撤销"));
            String id = created.status() == 201 ? (String) created.json().get("id") : "none";
            return api().send("DELETE", "/api/v1/account/tokens/" + id, who, null, null, Map.of());
        }, expect(NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT)));
        rules.put("GET /api/v1/users", new Rule((f, who) -> api().get("/api/v1/users", who), ADMIN_ONLY));
        rules.put("POST /api/v1/users", new Rule((f, who) -> api().json("POST", "/api/v1/users", who, Map.of(
                "username", "matrix-" + counter.incrementAndGet(), "role", "RESEARCHER", "password", ApiFixture.PASSWORD)),
                expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED)));
        rules.put("POST /api/v1/users/{username}/disable", new Rule((f, who) -> api().json("POST",
                "/api/v1/users/matrix-target/disable", who, Map.of()), ADMIN_ONLY));
        rules.put("POST /api/v1/users/{username}/enable", new Rule((f, who) -> api().json("POST",
                "/api/v1/users/matrix-target/enable", who, Map.of()), ADMIN_ONLY));
        // Dashboard, yearly report and audit trail (统计分析、年度报告、审计日志)
        rules.put("GET /api/v1/dashboard", new Rule((f, who) -> api().get("/api/v1/dashboard?year=2024", who),
                expect(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        rules.put("GET /api/v1/reports/{year}", new Rule((f, who) -> api().get("/api/v1/reports/2024", who), ADMIN_ONLY));
        rules.put("GET /api/v1/audit", new Rule((f, who) -> api().get("/api/v1/audit", who), ADMIN_ONLY));
        rules.put("POST /api/v1/audit/verify", new Rule((f, who) -> api().json("POST", "/api/v1/audit/verify", who,
                Map.of()), ADMIN_ONLY));
        // Public verification: anyone, signed in or not (see PUBLIC_ENDPOINTS).
        rules.put("POST /api/v1/verify", new Rule((f, who) -> api().multipart("/api/v1/verify", who, Map.of(), "file",
                List.of(new ApiClient.FilePart("核验.pdf", "application/pdf", pdf("matrix verify")))), EVERYONE));
        // Bulk issuing (批量发文): the office and the prosecutors; an execution is seen by its unit and the office.
        rules.put("POST /api/v1/bulk-issues/validate", new Rule((f, who) -> api().multipartParts(
                "/api/v1/bulk-issues/validate", who, Map.of("type", "meeting-notice"), BulkIssueApiIntegrationTests.upload(
                        BulkIssueApiIntegrationTests.csv("主送单位,标题\n市公安局,关于矩阵校验的会议的通知\n"))),
                expect(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        rules.put("POST /api/v1/bulk-issues", new Rule((f, who) -> api().multipartParts("/api/v1/bulk-issues", who,
                Map.of("type", "meeting-notice"), BulkIssueApiIntegrationTests.upload(MATRIX_LIST)),
                expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Set.of(200, 202), Set.of(200, 202))));
        rules.put("GET /api/v1/bulk-issues/{id}", new Rule((f, who) -> api().get(bulkExecution(f), who),
                expect(NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        rules.put("GET /api/v1/bulk-issues", new Rule((f, who) -> api().get("/api/v1/bulk-issues", who),
                expect(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)));
        // Running or completed: nothing to resume, for those who may see it; the others do not learn it exists.
        rules.put("POST /api/v1/bulk-issues/{id}/restart", new Rule((f, who) -> api().json("POST",
                bulkExecution(f) + "/restart", who, Map.of()),
                expect(NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, Set.of(409), Set.of(409))));
        workPointRules(rules);
        leadRules(rules);
        meetingRules(rules);
        return rules;
    }

    /** Waits until the server's index, which follows the archive within a second, holds record A. */
    private void awaitIndexed(ApiFixture f) {
        for (int i = 0; i < 120 && api().get("/api/v1/similar?record=" + ApiFixture.id(f.recordA), f.admin).status() == 404; i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- work points (工作要点): a published list whose point W is agency A's alone, with a report of A's on it.

    private static final Map<String, Set<Integer>> WORK_POINT_READERS = expect(OK, OK, OK, FORBIDDEN, OK, OK);
    /** Point W and its report belong to agency A: the others do not see them at all. */
    private static final Map<String, Set<Integer>> READ_POINT_W = expect(NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, OK);
    private static final Map<String, Set<Integer>> OFFICE_DECIDES =
            expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK_OR_CONFLICT);
    private Map<String, String> workPoints;

    private synchronized Map<String, String> workPoints(ApiFixture f) {
        if (workPoints == null) {
            var tracked = server().getBean(org.wenshu.archive.tracking.TrackedItems.class);
            int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
            var list = tracked.createList(year, "矩阵测试清单", "府检联动办", List.of(new org.wenshu.archive.tracking.ItemDraft(
                    1, "矩阵要点（甲）", "", "市司法局", List.of(), "年底前")), "matrix");
            var draft = tracked.createList(year, "矩阵草稿清单", "府检联动办", List.of(), "matrix");
            tracked.publish(list.id(), "matrix");
            var point = tracked.items(org.wenshu.archive.tracking.ItemQuery.all().inList(list.id())).get(0);
            var report = tracked.submit(new org.wenshu.archive.tracking.ReportSubmission(point.id(), "市司法局", "matrix",
                    "矩阵报告", java.util.Optional.empty(), List.of(new org.wenshu.archive.UploadedFile("证明.pdf",
                    pdf("matrix evidence")))));
            workPoints = Map.of("list", list.id(), "draft", draft.id(), "point", point.id(), "report", report.id());
        }
        return workPoints;
    }

    private void workPointRules(Map<String, Rule> rules) {
        String base = "/api/v1/workpoints";
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        rules.put("GET " + base + "/lists", new Rule((f, who) -> api().get(base + "/lists", who), WORK_POINT_READERS));
        rules.put("POST " + base + "/lists", new Rule((f, who) -> api().json("POST", base + "/lists", who, Map.of("year", year,
                "title", "矩阵新清单" + counter.incrementAndGet())), expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, CREATED)));
        rules.put("POST " + base + "/lists/import", new Rule((f, who) -> api().multipart(base + "/lists/import", who,
                Map.of("year", String.valueOf(year), "title", "矩阵导入" + counter.incrementAndGet()), List.of(
                new ApiClient.FilePart("清单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        WorkPointSheets.of(List.of(List.of(1, "导入要点", "", "市司法局", "", "年底前"))))), "file"),
                expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, CREATED)));
        rules.put("GET " + base + "/lists/{id}", new Rule((f, who) -> api().get(base + "/lists/" + workPoints(f).get("list"),
                who), WORK_POINT_READERS));
        rules.put("GET " + base + "/lists/{id}/xlsx", new Rule((f, who) -> api().get(base + "/lists/"
                + workPoints(f).get("list") + "/xlsx", who), ADMIN_ONLY));
        rules.put("POST " + base + "/lists/{id}/items", new Rule((f, who) -> api().json("POST", base + "/lists/"
                + workPoints(f).get("draft") + "/items", who, Map.of("number", counter.incrementAndGet(), "title", "矩阵补充要点",
                "leadUnit", "市司法局", "deadline", "年底前")), expect(FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, CREATED)));
        rules.put("POST " + base + "/lists/{id}/publish", new Rule((f, who) -> api().json("POST", base + "/lists/"
                + workPoints(f).get("list") + "/publish", who, Map.of()), OFFICE_DECIDES));
        rules.put("GET " + base + "/items", new Rule((f, who) -> api().get(base + "/items", who), WORK_POINT_READERS));
        rules.put("GET " + base + "/items/{id}", new Rule((f, who) -> api().get(base + "/items/" + workPoints(f).get("point"),
                who), READ_POINT_W));
        rules.put("POST " + base + "/items/{id}/reports", new Rule((f, who) -> api().multipart(base + "/items/"
                + workPoints(f).get("point") + "/reports", who, Map.of("text", "矩阵再报"), List.of()),
                expect(NOT_FOUND, Set.of(201, 409), NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN)));
        rules.put("POST " + base + "/reports/{id}/accept", new Rule((f, who) -> api().json("POST", base + "/reports/"
                + workPoints(f).get("report") + "/accept", who, Map.of()), OFFICE_DECIDES));
        rules.put("POST " + base + "/reports/{id}/return", new Rule((f, who) -> api().json("POST", base + "/reports/"
                + workPoints(f).get("report") + "/return", who, Map.of("reason", "矩阵退回")), OFFICE_DECIDES));
        rules.put("GET " + base + "/reports/{id}/files/{index}", new Rule((f, who) -> api().get(base + "/reports/"
                + workPoints(f).get("report") + "/files/1", who), READ_POINT_W));
        rules.put("GET " + base + "/tally", new Rule((f, who) -> api().get(base + "/tally?year=" + year, who), ADMIN_ONLY));
    }

    /** 线索移送: a lead agency A filed is for A, its receiving procuratorate and the office only. */
    private void leadRules(Map<String, Rule> rules) {
        Map<String, Set<Integer>> readLead = expect(NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK, OK);
        Map<String, Set<Integer>> handleLead = expect(NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, OK, FORBIDDEN);
        rules.put("POST /api/v1/leads", new Rule((f, who) -> api().multipart("/api/v1/leads", who, Map.of(
                "type", "行政违法线索", "title", "矩阵测试线索", "facts", "矩阵测试事实", "domain", "其他",
                "legalBasis", "矩阵测试依据", "receivingUnit", "荆门市人民检察院"), List.of()),
                expect(FORBIDDEN, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        rules.put("GET /api/v1/leads", new Rule((f, who) -> api().get("/api/v1/leads", who),
                expect(OK, OK, OK, FORBIDDEN, OK, OK)));
        rules.put("GET /api/v1/leads/{id}", new Rule((f, who) -> api().get(lead(), who), readLead));
        rules.put("GET /api/v1/leads/{id}/timeline", new Rule((f, who) -> api().get(lead() + "/timeline", who), readLead));
        rules.put("GET /api/v1/leads/{id}/files/{index}", new Rule((f, who) -> api().get(lead() + "/files/0", who),
                readLead));
        rules.put("POST /api/v1/leads/{id}/acknowledgement", new Rule((f, who) -> api().json("POST", "/api/v1/leads/"
                + LeadFixture.id(leads().filed) + "/acknowledgement", who, Map.of()), handleLead));
        rules.put("POST /api/v1/leads/{id}/decision", new Rule((f, who) -> api().json("POST", "/api/v1/leads/"
                + LeadFixture.id(leads().acknowledged) + "/decision", who, Map.of("decision", "立案")), handleLead));
        rules.put("POST /api/v1/leads/{id}/result", new Rule((f, who) -> api().multipart("/api/v1/leads/"
                + LeadFixture.id(leads().decided) + "/result", who, Map.of("result", "矩阵测试结果"), List.of()),
                handleLead));
    }

    private LeadFixture leads() {
        return LeadFixture.of(this);
    }

    private String lead() {
        return "/api/v1/leads/" + LeadFixture.id(leads().concluded);
    }

    /** Joint meetings: a notice from 荆门市人民检察院 to agency A only, made on first use. */
    private void meetingRules(Map<String, Rule> rules) {
        Map<String, Object> attend = Map.of("decision", "ATTEND", "attendees", List.of(Map.of("name", "矩阵", "position", "科长")));
        rules.put("POST /api/v1/meetings/{noticeId}/attendance", new Rule((f, who) -> api().json("POST",
                meeting(f) + "/attendance", who, attend), expect(NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        rules.put("PUT /api/v1/meetings/{noticeId}/attendance", new Rule((f, who) -> api().json("PUT",
                meeting(f) + "/attendance", who, attend), expect(NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN)));
        rules.put("GET /api/v1/meetings/{noticeId}/attendance/mine", new Rule((f, who) -> api().get(meeting(f)
                + "/attendance/mine", who), expect(NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)));
        rules.put("GET /api/v1/meetings/{noticeId}/attendance", new Rule((f, who) -> api().get(meeting(f)
                + "/attendance", who), expect(NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, OK, OK)));
        rules.put("POST /api/v1/meetings/{noticeId}/minutes", new Rule((f, who) -> api().json("POST", meeting(f)
                + "/minutes", who, Map.of("fields", MeetingsApiIntegrationTests.minutes())),
                expect(NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, CREATED, Set.of(409))));
        rules.put("GET /api/v1/meetings/{noticeId}/minutes", new Rule((f, who) -> api().get(meeting(f) + "/minutes", who),
                expect(NOT_FOUND, OK, NOT_FOUND, OK, OK, OK)));
    }

    private String meeting;

    private synchronized String meeting(ApiFixture f) {
        if (meeting == null) {
            meeting = "/api/v1/meetings/" + MeetingsApiIntegrationTests.notice(this, f.prosecutor,
                    "关于召开矩阵测试联席会议的通知");
        }
        return meeting;
    }

    private static final ApiClient.FilePart MATRIX_LIST =
            BulkIssueApiIntegrationTests.csv("主送单位,标题\n市司法局,关于矩阵批量的会议的通知\n");

    /** The location of the prosecutor's bulk issue of {@link #MATRIX_LIST} (started on first use). */
    private String bulkExecution(ApiFixture f) {
        Reply started = api().multipartParts("/api/v1/bulk-issues", f.prosecutor, Map.of("type", "meeting-notice"),
                BulkIssueApiIntegrationTests.upload(MATRIX_LIST));
        assertThat(started.status()).as(started.toString()).isIn(200, 202);
        return started.headers().firstValue("Location").orElseThrow();
    }

    private static String a(ApiFixture f) {
        return "/api/v1/instruments/" + ApiFixture.id(f.recordA);
    }

    private static String m(ApiFixture f) {
        return "/api/v1/instruments/" + ApiFixture.id(f.recordM);
    }

    private Map<String, Auth> callers(ApiFixture f) {
        return Map.of(P, f.prosecutor, P2, f.otherProsecutor, A, f.agencyA, B, f.agencyB, R, f.researcher, ADMIN, f.admin);
    }

    @Test
    void everyEndpointHasARule() {
        RequestMappingHandlerMapping mappings = server().getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/v1")) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as("%s must name its HTTP method", pattern).isNotEmpty();
                    methods.forEach(method -> endpoints.add(method + " " + pattern));
                }
            }
        }

        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(25).containsExactlyInAnyOrderElementsOf(rules().keySet());
    }

    @Test
    void eachCallerGetsExactlyWhatTheirRoleAndUnitAllow() {
        ApiFixture f = fixture();
        if (accounts.find("matrix-target").isEmpty()) {
            accounts.create("matrix-target", "矩阵目标", org.wenshu.app.accounts.Role.RESEARCHER, java.util.Optional.empty(),
                    ApiFixture.PASSWORD, false);
        }
        Map<String, Auth> callers = callers(f);
        List<String> secrets = List.of((String) f.recordA.get("title"), (String) f.recordA.get("number"),
                (String) f.recordM.get("title"), (String) f.responseA.get("measures"), LeadFixture.TITLE);
        SoftAssertions softly = new SoftAssertions();

        rules().forEach((endpoint, rule) -> {
            for (String actor : ACTORS) {
                Reply reply = rule.call().apply(f, callers.get(actor));

                softly.assertThat(reply.status()).as("%s as %s: %s", endpoint, actor, reply)
                        .isIn(rule.expected().get(actor));
                if (reply.status() == 403 || reply.status() == 404) {
                    softly.assertThat(reply.contentType()).as("%s as %s", endpoint, actor).startsWith("application/problem+json");
                    secrets.forEach(secret -> softly.assertThat(reply.text()).as("%s as %s", endpoint, actor)
                            .doesNotContain(secret));
                }
            }
        });
        softly.assertAll();
    }

    @Test
    void callsWithoutValidCredentialsAreUnauthorisedEverywhere() {
        ApiFixture f = fixture();
        List<Auth> strangers = List.of(f.anonymous, f.disabled, f.disabledToken, f.revokedToken,
                Auth.bearer("wst_not-a-real-token", "unknown token"));
        List<String> calls = new ArrayList<>();
        rules().keySet().forEach(endpoint -> calls.add(endpoint));
        SoftAssertions softly = new SoftAssertions();

        for (String endpoint : calls) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", ApiFixture.id(f.recordA))
                    .replace("{responseId}", ApiFixture.id(f.responseA)).replace("{index}", "0")
                    .replace("{typeId}", "procuratorial-suggestion").replace("{noticeId}", ApiFixture.id(f.recordA))
                    .replace("{tokenId}", "x").replace("{username}", "admin").replace("{year}", "2024");
            for (Auth stranger : strangers) {
                Reply reply = api().send(method, path, stranger, "application/json", "{}".getBytes(), Map.of());
                if (stranger == f.anonymous && PUBLIC_ENDPOINTS.contains(endpoint)) {
                    // No credentials is fine here; a JSON body is not the multipart upload it takes.
                    softly.assertThat(reply.status()).as("%s as %s: %s", endpoint, stranger, reply).isEqualTo(415);
                    continue;
                }

                softly.assertThat(reply.status()).as("%s as %s: %s", endpoint, stranger, reply).isEqualTo(401);
                softly.assertThat(reply.contentType()).as("%s as %s", endpoint, stranger).startsWith("application/problem+json");
                softly.assertThat(reply.text()).as("%s as %s", endpoint, stranger)
                        .contains("urn:wenshu:problem:unauthenticated").doesNotContain((String) f.recordA.get("title"));
            }
        }
        softly.assertAll();
    }

    @Test
    void aWrongPasswordIsUnauthorisedAndTheRightOneWorksWithBasic() {
        ApiFixture f = fixture();

        Reply wrong = api().get("/api/v1/account", f.wrongPassword);
        Reply right = api().get("/api/v1/account", f.adminBasic);

        assertProblem(wrong, 401, "unauthenticated");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json()).containsEntry("username", "admin").containsEntry("role", "ADMIN");
    }

    @Test
    void agencyANeverReachesUnitBsRecordFilesOrResponses() {
        ApiFixture f = fixture();
        String b = "/api/v1/instruments/" + ApiFixture.id(f.recordB);
        String responseB = ApiFixture.id(f.responseB);
        List<String> paths = List.of(b, b + "/pdf", b + "/timeline", b + "/responses", b + "/responses/" + responseB,
                b + "/responses/" + responseB + "/files/0", a(f) + "/responses/" + responseB,
                a(f) + "/responses/" + responseB + "/files/0", "/api/v1/instruments/" + f.recordB.get("number"));

        for (String path : paths) {
            Reply reply = api().get(path, f.agencyA);

            assertThat(reply.status()).as(path + ": " + reply).isIn(403, 404);
            assertThat(reply.text()).doesNotContain((String) f.recordB.get("title"), (String) f.responseB.get("measures"));
            if (!path.contains((String) f.recordB.get("number"))) { // else the detail echoes the number asked for
                assertThat(reply.text()).doesNotContain((String) f.recordB.get("number"));
            }
        }
        Reply answer = api().multipart(b + "/responses", f.agencyA, Map.of("measures", "越权回复", "results", "无",
                "adoption", "采纳"), List.of(new ApiClient.FilePart("x.pdf", "application/pdf", pdf("x"))));
        assertThat(answer.status()).isIn(403, 404);
        Reply list = api().get("/api/v1/instruments?size=200", f.agencyA);
        Reply inbox = api().get("/api/v1/inbox?size=200", f.agencyA);
        assertThat(list.items()).extracting(i -> i.get("id")).contains(ApiFixture.id(f.recordA))
                .doesNotContain(ApiFixture.id(f.recordB));
        assertThat(inbox.items()).extracting(i -> i.get("id")).contains(ApiFixture.id(f.recordA))
                .doesNotContain(ApiFixture.id(f.recordB));
        assertThat(inbox.items()).allSatisfy(item -> assertThat(item).containsKey("daysLeft"));
    }

    @Test
    void anotherProcuratorateSeesNoneOfJingmensRecordsOrNumbers() {
        ApiFixture f = fixture();

        Reply list = api().get("/api/v1/instruments?size=200", f.otherProsecutor);
        Reply register = api().get("/api/v1/register?size=200", f.otherProsecutor);
        Reply ownRegister = api().get("/api/v1/register?size=200", f.prosecutor);
        Reply sameKey = api().json("POST", "/api/v1/instruments", f.otherProsecutor,
                issueBody(suggestionOf("孝感市人民检察院")), Map.of("Idempotency-Key", "fixture-a"));

        assertThat(list.items()).isEmpty();
        assertThat(register.items()).isEmpty();
        assertThat(ownRegister.items()).extracting(e -> e.get("number")).contains(f.recordA.get("number"));
        // Paged and counted in the database: the total counts the own procuratorate's numbers only, on every page.
        assertThat(((Number) register.json().get("total")).longValue()).isZero();
        long ownTotal = ((Number) ownRegister.json().get("total")).longValue();
        assertThat(ownTotal).isEqualTo(ownRegister.items().size());
        Reply firstOfOne = api().get("/api/v1/register?size=1&page=0", f.prosecutor);
        Reply pastTheEnd = api().get("/api/v1/register?size=1&page=" + ownTotal, f.prosecutor);
        assertThat(firstOfOne.items()).extracting(e -> e.get("number")).containsExactly(ownRegister.items().get(0).get("number"));
        assertThat(((Number) firstOfOne.json().get("total")).longValue()).isEqualTo(ownTotal);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(((Number) pastTheEnd.json().get("total")).longValue()).isEqualTo(ownTotal);
        // Reusing another unit's idempotency key never hands out that unit's record (here 孝感 has no seal
        // configured either, which is refused before any key is looked at).
        assertThat(sameKey.status()).as(sameKey.toString()).isIn(403, 409, 422);
        assertThat(sameKey.text()).doesNotContain((String) f.recordA.get("title"));
    }

    @Test
    void searchHitsAndCountsNeverIncludeAnotherAgencysRecords() throws Exception {
        ApiFixture f = fixture();
        String q = "/api/v1/search?size=100&q=" + java.net.URLEncoder.encode("社区矫正外出审批",
                java.nio.charset.StandardCharsets.UTF_8);
        Reply asA = null;
        // The server's index follows the archive within a second or two.
        for (int i = 0; i < 40; i++) {
            asA = api().get(q, f.agencyA);
            if (asA.status() == 200 && ((List<?>) asA.json().get("hits")).stream()
                    .anyMatch(h -> ApiFixture.id(f.recordA).equals(((Map<?, ?>) h).get("id")))) {
                break;
            }
            Thread.sleep(250);
        }

        Reply asB = api().get(q, f.agencyB);

        assertThat(hitIds(asA)).contains(ApiFixture.id(f.recordA));
        assertThat(asB.status()).isEqualTo(200);
        assertThat(hitIds(asB)).doesNotContain(ApiFixture.id(f.recordA));
        assertThat(asB.text()).doesNotContain("甲单位整改措施");
        long totalB = ((Number) asB.json().get("total")).longValue();
        assertThat(totalB).isEqualTo(((List<?>) asB.json().get("hits")).size());
    }

    private static List<Object> hitIds(Reply reply) {
        return ((List<?>) reply.json().get("hits")).stream().map(h -> ((Map<?, ?>) h).get("id")).map(Object.class::cast)
                .toList();
    }

    @Test
    void aMalformedQueryIsAProblemWithItsPosition() {
        Reply reply = api().get("/api/v1/search?q=" + java.net.URLEncoder.encode("OR 消防",
                java.nio.charset.StandardCharsets.UTF_8), fixture().researcher);

        assertProblem(reply, 400, "query-invalid");
        assertThat(reply.json()).containsKey("position");
    }

    @Test
    void nobodyRevokesAnotherUsersToken() {
        ApiFixture f = fixture();
        Reply created = api().json("POST", "/api/v1/account/tokens", f.agencyB, Map.of("name", "乙的令牌"));
        String tokenId = (String) created.json().get("id");
        Auth tokenB = Auth.bearer((String) created.json().get("secret"), "agency B's new token");

        Reply byOther = api().send("DELETE", "/api/v1/account/tokens/" + tokenId, f.agencyA, null, null, Map.of());
        Reply stillWorks = api().get("/api/v1/account", tokenB);

        assertProblem(byOther, 404, "not-found");
        assertThat(stillWorks.status()).isEqualTo(200);
        assertThat(stillWorks.json()).containsEntry("username", "agency-b").containsEntry("unit", ApiFixture.UNIT_B);
        assertThat(api().get("/api/v1/account/tokens", tokenB).text()).doesNotContain("\"secret\"");
    }

    private static Map<String, Object> suggestionOf(String issuingUnit) {
        Map<String, Object> fields = suggestion("关于孝感的检察建议", ApiFixture.UNIT_A);
        fields.put("issuingUnit", issuingUnit);
        return fields;
    }
}
