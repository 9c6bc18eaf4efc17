package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.wenshu.app.TestPdfs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.Wenshu;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.ApiTokens;
import tools.jackson.core.type.TypeReference;

/**
 * The base of the REST API tests: one server ({@code wenshu serve} on a random loopback port, profile {@code serve}
 * without the dev demo data, embedded S3 and H2 file in a fresh home under {@code target/}) shared by every API test
 * class in the JVM, and one {@link ApiFixture} of users, tokens, records and responses built on first use. The server
 * is started as {@code wenshu serve} starts it (like the CLI tests start the CLI), not through the Spring TestContext
 * framework, whose JUnit extension needs a newer JUnit than the one the build resolves.
 */
abstract class ApiIntegrationTest {

    private static ConfigurableApplicationContext server;

    final Accounts accounts;
    final ApiTokens tokens;
    final DataSource dataSource;
    final Path home;
    final int port;
    private ApiClient api;

    ApiIntegrationTest() {
        ConfigurableApplicationContext context = server();
        accounts = context.getBean(Accounts.class);
        tokens = context.getBean(ApiTokens.class);
        dataSource = context.getBean(DataSource.class);
        home = Path.of(context.getEnvironment().getRequiredProperty("wenshu.home"));
        port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** The running server, started on first use and stopped when the test JVM exits. */
    static synchronized ConfigurableApplicationContext server() {
        if (server == null) {
            Path home = createHome();
            server = Wenshu.serve("--spring.profiles.active=serve", "--server.port=0", "--wenshu.home=" + home,
                    "--logging.level.root=WARN");
        }
        return server;
    }

    private static Path createHome() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "api-it-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiClient api() {
        if (api == null) {
            api = new ApiClient(port);
        }
        return api;
    }

    ApiFixture fixture() {
        return ApiFixture.of(this);
    }

    /** The shipped example suggestion (examples/) with another title and recipient; the archive assigns the number. */
    static Map<String, Object> suggestion(String title, String recipient) {
        Map<String, Object> fields = new LinkedHashMap<>(ApiClient.JSON.readValue(
                Path.of("..", "examples", "procuratorial-suggestion.json").toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", title);
        fields.put("recipient", recipient);
        return fields;
    }

    static Map<String, Object> issueBody(Map<String, Object> fields) {
        return Map.of("typeId", "procuratorial-suggestion", "fields", fields);
    }

    /** A one-page PDF with {@code text}, made with PDFBox. */
    static byte[] pdf(String text) {
        return TestPdfs.onePage(text);
    }

    /** What the archive holds: rows of its tables and objects in the embedded S3 store. */
    record Stored(Map<String, Long> rows, long objects) {
    }

    Stored stored() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("instruments", "register_entries", "responses", "files", "audit_events")) {
            rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        try (Stream<Path> files = Files.walk(home.resolve("objects"))) {
            return new Stored(rows, files.filter(Files::isRegularFile).count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem document of {@code status} and kind {@code kind}, Chinese detail, nothing of the server's internals. */
    static void assertProblem(ApiClient.Reply reply, int status, String kind) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        Map<String, Object> problem = reply.json();
        assertThat(problem).containsEntry("type", "urn:wenshu:problem:" + kind).containsEntry("status", status);
        assertThat((String) problem.get("detail")).as(reply.toString()).containsPattern("\\p{IsHan}");
        assertThat(reply.text()).doesNotContain("Exception", "\tat ", "java.", "org.springframework", "tools.jackson");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(ApiClient.Reply reply) {
        return (List<Map<String, Object>>) reply.json().get("errors");
    }
}
