package org.wenshu.app.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wenshu.app.Wenshu;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.archive.DeliveryMethod;

/**
 * The one Spring context that every page test shares (same class, same properties, so Spring's test context cache
 * starts it once per JVM): the web application on a random loopback port over a fresh temporary home, and the
 * accounts the tests sign in with. {@link PageSession} is a cookie-keeping HTTP client that sends the CSRF token the
 * last page carried, as a browser does.
 */
@SpringBootTest(classes = Wenshu.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.main.banner-mode=off",
                // As behind a proxy: a test may speak for another client address (X-Forwarded-For from loopback),
                // so per-address rate limits can be tested without one test using up another's budget.
                "server.forward-headers-strategy=native"})
@ActiveProfiles({"serve", "test"})
abstract class PagesTestSupport {

    static final String PASSWORD = "Pages-test-8412";
    static final String PROSECUTOR = "page-prosecutor";
    static final String AGENCY = "page-agency";
    static final String OTHER_AGENCY = "page-police";
    static final String ADMIN = "page-admin";

    private static final Path HOME = createHome();

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Instruments instruments;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("wenshu.home", HOME::toString);
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("wenshu-pages-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the test accounts once (the context, and so the database, is shared by every page test). */
    void ensureAccounts() {
        synchronized (PagesTestSupport.class) {
            create(PROSECUTOR, "测试检察官", Role.PROSECUTOR, "jm-procuratorate");
            create(AGENCY, "司法局测试联络员", Role.AGENCY, "jm-justice");
            create(OTHER_AGENCY, "公安局测试联络员", Role.AGENCY, "jm-police");
            create(ADMIN, "测试管理员", Role.ADMIN, "jm-coordination-office");
        }
    }

    private void create(String username, String name, Role role, String unit) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, name, role, Optional.of(unit), PASSWORD, false);
        }
    }

    /** The fields of a valid 检察建议书 from 荆门市人民检察院 to {@code recipient}, as the form or a JSON file gives them. */
    Map<String, Object> suggestion(String title, String recipient) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", "荆门市人民检察院");
        fields.put("kind", "社会治理");
        fields.put("title", title);
        fields.put("recipient", recipient);
        fields.put("facts", "本院在履行法律监督职责中发现有关问题。");
        fields.put("problems", "有关制度执行不到位。");
        fields.put("legalBasis", "《中华人民共和国人民检察院组织法》第二十一条");
        fields.put("suggestions", List.of("健全制度。", "抓好落实。"));
        fields.put("date", instruments.today().toString());
        return fields;
    }

    /** Issues a 检察建议书 as the test prosecutor and returns its record id. */
    String issue(String title, String recipient) {
        WenshuUser prosecutor = WenshuUser.of(accounts.require(PROSECUTOR));
        return instruments.issue(prosecutor, "procuratorial-suggestion", suggestion(title, recipient), Optional.empty()).id();
    }

    /** {@code size} bytes that start like a PDF: enough for a size limit, which is checked before the content. */
    static byte[] pdfOfSize(int size) {
        byte[] bytes = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** Issues a 检察建议书 and records its delivery today, so that the addressee may answer; returns its id. */
    String issueDelivered(String title, String recipient) {
        String id = issue(title, recipient);
        instruments.deliver(WenshuUser.of(accounts.require(PROSECUTOR)), id, DeliveryMethod.DIRECT, instruments.today(),
                Optional.empty());
        return id;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    PageSession session() {
        return new PageSession(base());
    }

    /** A signed-in page session for {@code username}. */
    PageSession signedIn(String username) {
        PageSession session = session();
        session.get("/login");
        Page page = session.post("/login", Map.of("username", username, "password", PASSWORD));
        if (page.status() != 302 || page.location().contains("error")) {
            throw new IllegalStateException("login of " + username + " failed: " + page.status() + " " + page.location());
        }
        return session;
    }

    /** A response: status, body and the redirect target, if any. */
    record Page(int status, String body, String location, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
        }
    }

    /** A browser-like session: cookies kept, redirects not followed, the CSRF token of the last page sent back. */
    static final class PageSession {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<meta name=\"_csrf\" content=\"([^\"]+)\"");

        private final String base;
        final CookieManager cookies = new CookieManager();
        private final HttpClient client;
        private String csrf = "";

        PageSession(String base) {
            this.base = base;
            this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        String csrf() {
            return csrf;
        }

        void csrf(String token) {
            this.csrf = token;
        }

        Page get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        /** A GET with {@code headers} (e.g. {@code Accept} of a script, {@code HX-Request}) instead of a browser's Accept. */
        Page get(String path, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
            headers.forEach(request::setHeader);
            return send(request, !headers.containsKey("Accept"));
        }

        Page post(String path, Map<String, String> form) {
            Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
            withToken.putIfAbsent("_csrf", csrf);
            String body = withToken.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** A multipart form post; {@code files} maps a file name to its bytes, all under the part name "files". */
        Page postMultipart(String path, Map<String, String> fields, Map<String, byte[]> files, boolean htmx) {
            String boundary = "----wenshu" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
            withToken.putIfAbsent("_csrf", csrf);
            withToken.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n"));
            files.forEach((name, content) -> {
                write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                body.writeBytes(content);
                write(body, "\r\n");
            });
            write(body, "--" + boundary + "--\r\n");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            if (htmx) {
                request.header("HX-Request", "true").header("X-CSRF-TOKEN", csrf);
            }
            return send(request);
        }

        /** A multipart form post with named file parts: part name → (file name, bytes). */
        Page postParts(String path, Map<String, String> fields, Map<String, Map.Entry<String, byte[]>> parts) {
            String boundary = "----wenshu" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
            withToken.putIfAbsent("_csrf", csrf);
            withToken.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n"));
            parts.forEach((part, file) -> {
                write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                        + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                body.writeBytes(file.getValue());
                write(body, "\r\n");
            });
            write(body, "--" + boundary + "--\r\n");
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        private Page send(HttpRequest.Builder request) {
            return send(request, true);
        }

        private Page send(HttpRequest.Builder request, boolean browser) {
            // What a browser asks for when it loads a page: Boot's error pages answer HTML to it.
            if (browser) {
                request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            }
            try {
                HttpResponse<String> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher matcher = CSRF.matcher(response.body());
                if (matcher.find()) {
                    csrf = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                }
                return new Page(response.statusCode(), response.body(),
                        response.headers().firstValue("Location").orElse(""), response.headers().map());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
