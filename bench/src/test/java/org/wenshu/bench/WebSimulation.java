package org.wenshu.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.UUID;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * {@code ./wenshu bench web}: {@value #DEFAULT_USERS} concurrent users against a running server, each repeatedly
 * doing one thing chosen at random as a day at the office mixes them — an agency officer opening the inbox, a
 * prosecutor opening the register, a record page or its timeline, a search, similar precedents of a passage, the dashboard's figures, the inbox
 * and search pages in the browser, and issuing a 检察建议书. Every request must succeed (the run fails on any error);
 * Gatling reports p50/p99 per request.
 * <p>Load model: a closed model of {@code users} people, each pausing a uniformly random think time between
 * {@code thinkMinMillis} and {@code thinkMaxMillis} (default {@value #DEFAULT_THINK_MIN_MILLIS}–{@value
 * #DEFAULT_THINK_MAX_MILLIS} ms) after each action — far busier than a real office worker, who reads a page for tens
 * of seconds. A think time of 0–0 turns the run into a saturation test: every user fires its next request the moment
 * the last one answered, so latency then measures the queue in front of two cores, and throughput the capacity.
 * <p>System properties: {@code wenshu.bench.url}, {@code .prosecutorToken}, {@code .agencyToken}, {@code .agencyUser},
 * {@code .agencyPassword}, {@code .users} (default 20), {@code .seconds} (default 60), {@code .thinkMinMillis},
 * {@code .thinkMaxMillis}.
 */
public class WebSimulation extends Simulation {

    static final int DEFAULT_USERS = 20;
    static final int DEFAULT_THINK_MIN_MILLIS = 1000;
    static final int DEFAULT_THINK_MAX_MILLIS = 5000;

    private static String property(String name) {
        String value = System.getProperty("wenshu.bench." + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property wenshu.bench." + name + " is required (./wenshu bench web sets it)");
        }
        return value;
    }

    private final String prosecutor = "Bearer " + property("prosecutorToken");
    private final String agency = "Bearer " + property("agencyToken");
    private final int users = Integer.getInteger("wenshu.bench.users", DEFAULT_USERS);
    private final int seconds = Integer.getInteger("wenshu.bench.seconds", 60);
    private final Duration thinkMin = Duration.ofMillis(Integer.getInteger("wenshu.bench.thinkMinMillis", DEFAULT_THINK_MIN_MILLIS));
    private final Duration thinkMax = Duration.ofMillis(Integer.getInteger("wenshu.bench.thinkMaxMillis", DEFAULT_THINK_MAX_MILLIS));

    private final HttpProtocolBuilder protocol = http.baseUrl(property("url"))
            .acceptHeader("application/json").acceptLanguageHeader("zh-CN").shareConnections();

    private static final String SUGGESTION = """
            {"typeId":"procuratorial-suggestion","fields":{
              "issuingUnit":"荆门市人民检察院","kind":"社会治理","urgent":false,
              "title":"关于规范涉企社区矫正对象外出审批管理工作的检察建议","recipient":"荆门市司法局",
              "facts":"本院在履行社区矫正法律监督职责中，对全市涉企社区矫正对象外出审批管理工作开展了专项检察。经调阅社区矫正档案、走访司法所及涉案企业，查明部分外出申请未在规定期限内作出决定。",
              "problems":"审批期限把握不严；简化审批程序适用不足；不予批准的决定未告知理由。",
              "legalBasis":"《中华人民共和国社区矫正法》第二十七条",
              "suggestions":["严格执行外出审批期限规定，按期作出决定。","依法适用简化批准程序，保障企业正常经营。"],
              "contact":"王检察官，0724-2351234","date":"2024-03-05",
              "copiesTo":["荆门市人民政府办公室"],"printedBy":"荆门市人民检察院办公室"}}""";

    private final ChainBuilder issue = exec(http("POST /api/v1/instruments（发文）").post("/api/v1/instruments")
            .header("Authorization", prosecutor).header("Content-Type", "application/json")
            .header("Idempotency-Key", session -> "bench-" + UUID.randomUUID())
            .body(StringBody(SUGGESTION)).check(status().is(201)).check(jsonPath("$.id").saveAs("recordId")));

    private final ChainBuilder inbox = exec(http("GET /api/v1/inbox").get("/api/v1/inbox?size=20")
            .header("Authorization", agency).check(status().is(200)));

    private static final String[] QUERIES = {"社区矫正", "外出审批 期限", "\"检察建议\"", "行刑衔接", "整改 措施",
            "type:procuratorial-suggestion 司法局"};

    private final ChainBuilder search = exec(http("GET /api/v1/search").get(session -> "/api/v1/search?size=10&q="
                    + java.net.URLEncoder.encode(QUERIES[java.util.concurrent.ThreadLocalRandom.current().nextInt(QUERIES.length)],
                    java.nio.charset.StandardCharsets.UTF_8))
            .header("Authorization", prosecutor).check(status().is(200)));

    private final ChainBuilder similar = exec(http("POST /api/v1/similar").post("/api/v1/similar")
            .header("Authorization", prosecutor).header("Content-Type", "application/json")
            .body(StringBody("{\"text\":\"社区矫正对象外出审批未在规定期限内作出决定，影响企业正常经营。\"}"))
            .check(status().is(200)));

    private final ChainBuilder dashboard = exec(http("GET /api/v1/dashboard").get(session -> "/api/v1/dashboard?year="
                    + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear())
            .header("Authorization", prosecutor).check(status().is(200)));

    private final ChainBuilder register = exec(http("GET /api/v1/register").get("/api/v1/register?size=20")
            .header("Authorization", prosecutor).check(status().is(200)));

    private final ChainBuilder list = exec(http("GET /api/v1/instruments").get("/api/v1/instruments?size=20")
            .header("Authorization", prosecutor).check(status().is(200))
            .check(jsonPath("$.items[*].id").findRandom().saveAs("recordId")));

    private final ChainBuilder record = exec(list,
            http("GET /api/v1/instruments/{id}").get("/api/v1/instruments/#{recordId}")
                    .header("Authorization", prosecutor).check(status().is(200)),
            http("GET /api/v1/instruments/{id}/timeline").get("/api/v1/instruments/#{recordId}/timeline")
                    .header("Authorization", prosecutor).check(status().is(200)));

    /** The pages, as a signed-in agency officer's browser fetches them (form login with its CSRF token first). */
    private final ChainBuilder pages = exec(
            http("GET /login（页面）").get("/login").check(status().is(200))
                    .check(regex("name=\"_csrf\" value=\"([^\"]+)\"").saveAs("csrf")),
            http("POST /login（页面）").post("/login").formParam("username", property("agencyUser"))
                    .formParam("password", property("agencyPassword")).formParam("_csrf", "#{csrf}")
                    .check(status().in(200, 302)),
            http("GET /inbox（页面）").get("/inbox").header("Accept", "text/html").check(status().is(200)),
            http("GET /search（页面）").get(session -> "/search?q=" + java.net.URLEncoder.encode(
                    QUERIES[java.util.concurrent.ThreadLocalRandom.current().nextInt(QUERIES.length)],
                    java.nio.charset.StandardCharsets.UTF_8)).header("Accept", "text/html").check(status().is(200)));

    private final ChainBuilder action = randomSwitch().on(
            new Choice.WithWeight(25, inbox),
            new Choice.WithWeight(15, register),
            new Choice.WithWeight(20, record),
            new Choice.WithWeight(12, search),
            new Choice.WithWeight(3, similar),
            new Choice.WithWeight(5, dashboard),
            new Choice.WithWeight(10, pages),
            new Choice.WithWeight(10, issue));

    private final ScenarioBuilder office = scenario("office day").during(Duration.ofSeconds(seconds)).on(
            thinkMax.isZero() ? action : action.pause(thinkMin, thinkMax));

    {
        setUp(office.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(seconds))))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
