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

    @Test
    void swaggerUiIsServed() {
        Reply ui = api().get("/swagger-ui/index.html", Auth.none());

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }
}
