package org.wenshu.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
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
 * and search pages in the browser, the dashboard and search pages of a prosecutor, and issuing a 检察建议书. Every
 * request must succeed (the run fails on any error); Gatling reports p50/p99 per request.
 * <p>Warm-up: before the measured window the same users do the same mix for {@code warmUpSeconds} (default
 * {@value #DEFAULT_WARM_UP_SECONDS} s; 0 for none) inside the group {@value #WARM_UP_GROUP}, so that the server's JIT
 * has compiled the hot paths, its caches and Lucene's reader state are filled and the connection pools are open
 * before anything is measured. The measured window starts when every warm-up user has finished (Gatling's
 * {@code andThen}); the warm-up's requests are reported only under that group, never in the measured rows.
 * <p>Load model: a closed model of {@code users} people, each pausing a uniformly random think time between
 * {@code thinkMinMillis} and {@code thinkMaxMillis} (default {@value #DEFAULT_THINK_MIN_MILLIS}–{@value
 * #DEFAULT_THINK_MAX_MILLIS} ms) after each action — far busier than a real office worker, who reads a page for tens
 * of seconds. A think time of 0–0 turns the run into a saturation test: every user fires its next request the moment
 * the last one answered, so latency then measures the queue in front of two cores, and throughput the capacity.
 * <p>System properties: {@code wenshu.bench.url}, {@code .prosecutorToken}, {@code .agencyToken}, {@code .agencyUser},
 * {@code .agencyPassword}, {@code .users} (default 20), {@code .seconds} (default 60), {@code .thinkMinMillis},
 * {@code .thinkMaxMillis}, {@code .prosecutorUser}, {@code .prosecutorPassword}, {@code .warmUpSeconds} (default
 * {@value #DEFAULT_WARM_UP_SECONDS}), {@code .years} (comma-separated years the dashboard is asked for besides all
 * years; default this year) and {@code .queries} (a file of search queries, one a line, replacing the built-in ones).
 */
public class WebSimulation extends Simulation {

    static final int DEFAULT_USERS = 20;
    static final int DEFAULT_THINK_MIN_MILLIS = 1000;
    static final int DEFAULT_THINK_MAX_MILLIS = 5000;
    static final int DEFAULT_WARM_UP_SECONDS = 30;
    static final String WARM_UP_GROUP = "warm-up";

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
    private final int warmUpSeconds = Integer.getInteger("wenshu.bench.warmUpSeconds", DEFAULT_WARM_UP_SECONDS);

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

    private static final String[] YEARS = years();

    /**
     * The searches: words of the supervision topics (the synthetic records' and the seed notice's), phrases, the
     * law corpus's terms, filters by type, kind, status, unit and year, and a query nothing matches.
     */
    private static final String[] BUILT_IN_QUERIES = {"社区矫正", "外出审批 期限", "\"检察建议\"", "行刑衔接", "整改 措施",
            "type:procuratorial-suggestion 司法局", "耕地 保护", "\"农民工工资\"", "食品安全 校园", "医疗废物",
            "困境儿童", "数据共享 政务", "行政处罚 不起诉", "domain:公益诉讼诉前 整改", "kind:response 整改措施", "status:CLOSED 采纳",
            "unit:荆门市公安局 移送", "year:" + YEARS[0] + " 检察建议", "人民调解 司法确认", "劳动合同 解除",
            "正当防卫", "土地承包经营权", "生态环境 损害赔偿", "未成年人 保护", "行政复议", "乡村振兴 资金",
            "合同 违约责任", "\"公益诉讼\" 环境", "安全生产 责任", "网络安全", "不存在的词语组合甲乙丙"};
    private static final String[] QUERIES = queries();

    private static String[] queries() {
        String file = System.getProperty("wenshu.bench.queries");
        if (file == null || file.isBlank()) {
            return BUILT_IN_QUERIES;
        }
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)).stream().map(String::strip)
                    .filter(q -> !q.isEmpty()).toArray(String[]::new);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("wenshu.bench.queries: cannot read " + file, e);
        }
    }

    private static String[] years() {
        String years = System.getProperty("wenshu.bench.years");
        if (years == null || years.isBlank()) {
            return new String[] {Integer.toString(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear())};
        }
        return java.util.Arrays.stream(years.split(",")).map(String::strip).filter(y -> !y.isEmpty())
                .toArray(String[]::new);
    }

    private static String randomQuery() {
        return java.net.URLEncoder.encode(QUERIES[java.util.concurrent.ThreadLocalRandom.current().nextInt(QUERIES.length)],
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One of {@link #YEARS}, or all years (an empty filter: the heaviest figures) about one time in three. */
    private static String randomYear() {
        int pick = java.util.concurrent.ThreadLocalRandom.current().nextInt(YEARS.length * 3 / 2 + 1);
        return pick < YEARS.length ? YEARS[pick] : "";
    }

    private final ChainBuilder search = exec(http("GET /api/v1/search").get(session -> "/api/v1/search?size=10&q="
                    + randomQuery())
            .header("Authorization", prosecutor).check(status().is(200)));

    /** The same searches by an agency officer: every hit and facet count narrowed to the agency's records. */
    private final ChainBuilder agencySearch = exec(http("GET /api/v1/search（机关）").get(session -> "/api/v1/search?size=10&q="
                    + randomQuery())
            .header("Authorization", agency).check(status().is(200)));

    private final ChainBuilder similar = exec(http("POST /api/v1/similar").post("/api/v1/similar")
            .header("Authorization", prosecutor).header("Content-Type", "application/json")
            .body(StringBody("{\"text\":\"社区矫正对象外出审批未在规定期限内作出决定，影响企业正常经营。\"}"))
            .check(status().is(200)));

    private final ChainBuilder dashboard = exec(http("GET /api/v1/dashboard").get(session -> "/api/v1/dashboard?year="
                    + randomYear())
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
            http("GET /search（页面）").get(session -> "/search?q=" + randomQuery())
                    .header("Accept", "text/html").check(status().is(200)));

    /**
     * A prosecutor's browser: signs in, opens the dashboard page and the figures it draws its charts from (a year, or
     * all years), and a search page of results with its facets.
     */
    private final ChainBuilder officePages = exec(
            http("GET /login（页面）").get("/login").check(status().is(200))
                    .check(regex("name=\"_csrf\" value=\"([^\"]+)\"").saveAs("csrf")),
            http("POST /login（页面）").post("/login").formParam("username", property("prosecutorUser"))
                    .formParam("password", property("prosecutorPassword")).formParam("_csrf", "#{csrf}")
                    .check(status().in(200, 302)),
            http("GET /dashboard（页面）").get(session -> "/dashboard?year=" + randomYear())
                    .header("Accept", "text/html").check(status().is(200)),
            http("GET /dashboard/figures（页面数据）").get(session -> "/dashboard/figures?year=" + randomYear())
                    .header("Accept", "application/json").check(status().is(200)),
            http("GET /search（页面，检察官）").get(session -> "/search?q=" + randomQuery())
                    .header("Accept", "text/html").check(status().is(200)));

    private final ChainBuilder action = randomSwitch().on(
            new Choice.WithWeight(20, inbox),
            new Choice.WithWeight(12, register),
            new Choice.WithWeight(16, record),
            new Choice.WithWeight(12, search),
            new Choice.WithWeight(5, agencySearch),
            new Choice.WithWeight(3, similar),
            new Choice.WithWeight(8, dashboard),
            new Choice.WithWeight(9, pages),
            new Choice.WithWeight(7, officePages),
            new Choice.WithWeight(8, issue));

    private final ChainBuilder paced = thinkMax.isZero() ? action : action.pause(thinkMin, thinkMax);

    private final ScenarioBuilder warmUp = scenario("warm-up").during(Duration.ofSeconds(warmUpSeconds)).on(
            group(WARM_UP_GROUP).on(paced));

    private final ScenarioBuilder office = scenario("office day").during(Duration.ofSeconds(seconds)).on(paced);

    {
        var measured = office.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(seconds)));
        setUp(warmUpSeconds > 0
                ? warmUp.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(warmUpSeconds)))
                        .andThen(measured)
                : measured)
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
