package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.FilePart;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * Markup and template expressions in field values and file names come back from the API verbatim as JSON strings
 * (never evaluated, never interpreted), and the rendered PDF prints them literally: {@code ${7*7}} never becomes 49.
 */
class ApiEscapingIntegrationTests extends ApiIntegrationTest {

    static final List<String> PAYLOADS = List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "${7*7}", "[[${T(java.lang.Runtime)}]]", "#{7*7}", "*{7*7}");

    @Test
    void fieldValuesComeBackVerbatimAndThePdfPrintsThemLiterally() {
        ApiFixture f = fixture();
        Map<String, Object> fields = suggestion("关于${7*7}与<script>alert(1)</script>的检察建议", ApiFixture.UNIT_A);
        List<String> suggestions = new ArrayList<>();
        PAYLOADS.forEach(payload -> suggestions.add("建议" + payload + "。"));
        fields.put("suggestions", suggestions);
        fields.put("contact", "[[${T(java.lang.Runtime)}]]");

        Reply issued = api().json("POST", "/api/v1/instruments", f.prosecutor, issueBody(fields));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String id = (String) issued.json().get("id");
        Reply read = api().get("/api/v1/instruments/" + id, f.agencyA);
        Reply pdf = api().get("/api/v1/instruments/" + id + "/pdf", f.agencyA);

        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(read.json()).containsEntry("title", "关于${7*7}与<script>alert(1)</script>的检察建议");
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) read.json().get("fields");
        assertThat(stored).containsEntry("suggestions", suggestions).containsEntry("contact", "[[${T(java.lang.Runtime)}]]");
        String text = pdfText(pdf.body()).replaceAll("\\s", "");
        assertThat(text).contains("关于${7*7}与<script>alert(1)</script>的检察建议".replaceAll("\\s", ""));
        PAYLOADS.forEach(payload -> assertThat(text).contains(("建议" + payload + "。").replaceAll("\\s", "")));
        assertThat(text).contains("[[${T(java.lang.Runtime)}]]").doesNotContain("建议49。", "关于49与");
    }

    @Test
    void responseValuesAndFileNamesComeBackInert() {
        ApiFixture f = fixture();
        String path = "/api/v1/instruments/" + ApiFixture.id(f.recordA) + "/responses";
        List<FilePart> files = List.of(new FilePart("${7*7}.pdf", "application/pdf", pdf("one")),
                new FilePart("[[${T(java.lang.Runtime)}]].pdf", "application/pdf", pdf("two")),
                new FilePart("<script>alert(1)</script>.pdf", "application/pdf", pdf("three")));

        Reply answered = api().multipart(path, f.agencyA, Map.of("measures", "\"><img src=x onerror=alert(1)>",
                "results", "${7*7} [[${T(java.lang.Runtime)}]]", "adoption", "采纳"), files);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
        String responseId = (String) answered.json().get("id");
        Reply read = api().get(path + "/" + responseId, f.prosecutor);
        assertThat(read.json()).containsEntry("measures", "\"><img src=x onerror=alert(1)>")
                .containsEntry("results", "${7*7} [[${T(java.lang.Runtime)}]]");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stored = (List<Map<String, Object>>) read.json().get("files");
        // The archive keeps the last path segment of a name, with characters no file system accepts (<>:"|?*) as _.
        assertThat(stored).extracting(file -> file.get("name"))
                .containsExactly("${7_7}.pdf", "[[${T(java.lang.Runtime)}]].pdf", "script_.pdf");
        for (int i = 0; i < stored.size(); i++) {
            Reply download = api().get(path + "/" + responseId + "/files/" + i, f.prosecutor);
            String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
            assertThat(download.status()).isEqualTo(200);
            assertThat(disposition).matches("attachment; filename=\"[\\x20-\\x7e&&[^\"\\\\]]*\"; filename\\*=UTF-8''[^\" ;]+");
            assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2).replace("+", "%2B"),
                    StandardCharsets.UTF_8)).isEqualTo(stored.get(i).get("name"));
        }
    }

    private static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
