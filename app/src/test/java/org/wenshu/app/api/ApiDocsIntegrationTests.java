package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.Reply;

/** The OpenAPI 3.1 description and Swagger UI are public and describe every operation, its security and problems. */
class ApiDocsIntegrationTests extends ApiIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void theDescriptionIsOpenApi31WithChineseSummariesSecurityAndProblemResponses() {
        Reply docs = api().get("/v3/api-docs", Auth.none());

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        Map<String, Object> openApi = docs.json();
        assertThat((String) openApi.get("openapi")).startsWith("3.1");
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) openApi.get("components"))
                .get("securitySchemes");
        assertThat(schemes).containsKeys("basic", "bearer");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
        assertThat(paths).containsKeys("/api/v1/instruments", "/api/v1/instruments/{id}/responses",
                "/api/v1/register", "/api/v1/inbox", "/api/v1/users", "/api/v1/account/tokens/{tokenId}");
        // Bulk issues are listed and resumed as the page does it, each documented in Chinese.
        assertThat(((Map<String, Object>) paths.get("/api/v1/bulk-issues").get("get"))).containsEntry("summary", "批量发文列表");
        assertThat(((Map<String, Object>) paths.get("/api/v1/bulk-issues/{id}/restart").get("post")))
                .containsEntry("summary", "继续发文");
        Map<String, Object> issue = (Map<String, Object>) paths.get("/api/v1/instruments").get("post");
        assertThat(issue).containsEntry("summary", "发文");
        assertThat(((Map<String, Object>) issue.get("responses"))).containsKeys("201", "400", "401", "403", "409");
        assertThat(docs.text()).contains("application/problem+json", "Idempotency-Key", "multipart/form-data")
                .doesNotContain("/api/**");
    }

    /** Every upload, with its parts and the statuses it really answers. */
    private static final Map<String, java.util.List<String>> UPLOADS = Map.of(
            "/api/v1/bulk-issues", java.util.List.of("type", "list", "data", "encoding", "skipLimit"),
            "/api/v1/bulk-issues/validate", java.util.List.of("type", "list", "data", "encoding", "skipLimit"),
            "/api/v1/instruments/{id}/responses", java.util.List.of("measures", "results", "adoption", "files"),
            "/api/v1/leads", java.util.List.of("type", "title", "facts", "domain", "legalBasis", "receivingUnit", "files"),
            "/api/v1/leads/{id}/result", java.util.List.of("result", "files"),
            "/api/v1/verify", java.util.List.of("file"),
            "/api/v1/workpoints/lists/import", java.util.List.of("file", "year", "title"),
            "/api/v1/workpoints/items/{id}/reports", java.util.List.of("text", "completedOn", "files"));

    /**
     * Each multipart operation is described as multipart/form-data with every part in the body (none as a query
     * parameter) and lists 413 and 415, and 422 where files are refused by content; no other operation takes a file.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyUploadIsDescribedAsMultipartWithItsPartsAndItsStatuses() {
        Map<String, Object> openApi = api().get("/v3/api-docs", Auth.none()).json();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) openApi.get("components")).get("schemas");
        java.util.Set<String> found = new java.util.TreeSet<>();
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?>)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            Map<String, Object> content = body == null ? Map.of() : (Map<String, Object>) body.get("content");
            boolean binary = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(content)
                    .contains("binary") || content.containsKey("multipart/form-data");
            if (!binary) {
                return;
            }
            found.add(path);
            String where = method + " " + path;
            assertThat(content).as(where).containsKey("multipart/form-data").doesNotContainKey("application/json");
            Map<String, Object> media = (Map<String, Object>) content.get("multipart/form-data");
            Map<String, Object> schema = (Map<String, Object>) media.get("schema");
            if (schema.containsKey("$ref")) {
                String ref = (String) schema.get("$ref");
                schema = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            }
            assertThat(((Map<String, Object>) schema.get("properties")).keySet()).as(where)
                    .containsExactlyInAnyOrderElementsOf(UPLOADS.getOrDefault(path, java.util.List.of()));
            java.util.List<Map<String, Object>> parameters = (java.util.List<Map<String, Object>>) operation
                    .getOrDefault("parameters", java.util.List.of());
            assertThat(parameters).as(where).noneMatch(p -> "query".equals(p.get("in")));
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses).as(where).containsKeys("400", "413", "415");
            // An XLSX import's rows are checked as input (400); every other upload refuses files by content (422).
            if (!path.equals("/api/v1/workpoints/lists/import")) {
                assertThat(responses).as(where).containsKey("422");
            }
        }));
        assertThat(found).containsExactlyInAnyOrderElementsOf(UPLOADS.keySet());
    }

    @Test
    void swaggerUiIsServed() {
        Reply ui = api().get("/swagger-ui/index.html", Auth.none());

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }
}
