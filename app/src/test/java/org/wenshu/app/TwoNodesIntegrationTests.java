package org.wenshu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveDatabase;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two {@code wenshu serve} nodes sharing one PostgreSQL database and one S3 endpoint, each with its own index (as
 * behind a load balancer): each node's follower indexes what the other issues, and a session made on one is valid on
 * the other (Spring Session JDBC). Needs the PostgreSQL that {@code ./wenshu test} starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private Path dir;

    private String url;
    private String user;
    private String password;
    private String schema;
    private EmbeddedS3 s3;
    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void startTwoNodes() throws IOException {
        dir = Files.createTempDirectory("wenshu-two-nodes");
        url = System.getenv("WENSHU_TEST_PG_URL");
        user = System.getenv("WENSHU_TEST_PG_USER");
        password = System.getenv("WENSHU_TEST_PG_PASSWORD");
        if (url == null || user == null || password == null) {
            fail("the two-node test needs WENSHU_TEST_PG_URL, WENSHU_TEST_PG_USER and WENSHU_TEST_PG_PASSWORD: "
                    + "run the tests through ./wenshu test, which starts PostgreSQL and exports them");
        }
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        s3 = EmbeddedS3.start(dir.resolve("objects"), S3Credentials.generatedIn(dir.resolve("s3.properties")));
        // One after the other: the first runs the migrations, the second finds them applied.
        node1 = node("node1");
        node2 = node("node2");
    }

    private ConfigurableApplicationContext node(String name) {
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Wenshu.serve("--server.port=0", "--spring.profiles.active=test",
                "--wenshu.home=" + dir.resolve(name),
                "--wenshu.archive.database.url=" + schemaUrl,
                "--wenshu.archive.database.username=" + user,
                "--wenshu.archive.database.password=" + password,
                "--wenshu.archive.storage.endpoint=" + s3.endpoint(),
                "--wenshu.archive.storage.access-key=" + s3.credentials().accessKey(),
                "--wenshu.archive.storage.secret-key=" + s3.credentials().secretKey());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {node2, node1, s3}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the next one still closes
            }
        }
        if (schema != null) {
            try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
                new JdbcTemplate(admin).execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static long hits(ConfigurableApplicationContext node, String query) {
        return node.getBean(RecordIndex.class).search(SearchRequest.of(query, Viewer.administrator(), 10)).total();
    }

    @Test
    void aRecordIssuedOnOneNodeIsFoundOnTheOtherWithinTwoSeconds() throws IOException, InterruptedException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "procuratorial-suggestion.json").toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", "关于加强长江禁渔执法协作的检察建议");
        InstrumentIssuing issuing = node1.getBean(InstrumentIssuing.class);
        IssueRequest request = issuing.request("procuratorial-suggestion", fields);

        InstrumentRecord record = node1.getBean(Archive.class).issue(request, issuing.producer(request));
        node1.getBean(IndexUpdates.class).afterChange();

        // Each node's searcher reopens in the background: a change is searchable within a second or two.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while ((hits(node1, "长江禁渔") == 0 || hits(node2, "长江禁渔") == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hits(node1, "长江禁渔")).isEqualTo(1);
        assertThat(hits(node2, "长江禁渔")).as("node 2 finds node 1's record within 2 s").isEqualTo(1);
        assertThat(node2.getBean(Archive.class).find(record.id())).isPresent();
        assertThat(node2.getBean(Archive.class).read(record.objects().get(0).key())).isPresent();
    }

    @Test
    void aSessionMadeOnOneNodeIsValidOnTheOther() throws IOException, InterruptedException {
        String secret = Accounts.generatePassword();
        node1.getBean(Accounts.class).create("researcher.two", "两节点研究员", Role.RESEARCHER, Optional.empty(), secret,
                false);
        String base1 = "http://127.0.0.1:" + port(node1);
        String base2 = "http://127.0.0.1:" + port(node2);

        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base1 + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymousSession = cookie(form, "SESSION");
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base1 + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "SESSION=" + anonymousSession)
                .POST(HttpRequest.BodyPublishers.ofString("username=researcher.two&password="
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = cookie(login, "SESSION");

        HttpResponse<String> onNode2 = http.send(HttpRequest.newBuilder(URI.create(base2 + "/"))
                .header("Cookie", "SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base2 + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(onNode2.statusCode()).isEqualTo(302);
        assertThat(onNode2.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/search"));
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/login"));
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';') < 0 ? header.length()
                        : header.indexOf(';')))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
    }
}
