package org.wenshu.app;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description of the REST API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): the two
 * ways to authenticate (HTTP Basic, {@code Authorization: Bearer wst_…}) and the RFC 9457 problem responses that
 * every operation may give.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI wenshuOpenApi() {
        return new OpenAPI()
                .info(new Info().title("文书 wenshu API").version("v1").description(
                        "府检联动文书系统的 REST API：文书类型、发文、登记簿、送达、回复、办结、撤回、下载、收件箱、账号与令牌、用户管理。"
                                + "列表均分页（page 从 0 起，size 1–200），返回 {items, page, size, total}。"
                                + "错误按 RFC 9457 以 application/problem+json 返回：type 为稳定的 urn:wenshu:problem:…，"
                                + "detail 为中文说明，输入有误时 errors 列出 {field, message}。"))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("用户名与密码"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("wst_…").description("个人访问令牌（POST /api/v1/account/tokens 创建）"))
                        .addSchemas(PROBLEM, problemSchema()))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
    }

    /** Adds the problem responses to every operation, so clients see the error shape beside each call. */
    @Bean
    OpenApiCustomizer problemResponses() {
        Map<String, String> problems = Map.of(
                "400", "请求有误（JSON 格式、缺少字段、字段不合规）",
                "401", "未登录、账号停用或令牌已撤销",
                "403", "无权执行此操作",
                "404", "没有此资源，或当前账号看不到它",
                "409", "当前状态不允许此操作",
                "500", "服务器内部错误（不含内部细节）");
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            Map<String, String> answers = new java.util.LinkedHashMap<>(problems);
            if (multipart(operation)) {
                answers.putAll(UPLOAD_PROBLEMS);
            }
            answers.forEach((status, description) -> {
                if (operation.getResponses().get(status) == null) {
                    operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                            .content(new Content().addMediaType("application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
                }
            });
        }));
    }

    /** What every upload ({@code multipart/form-data}) may be answered besides the problems of every operation. */
    static final Map<String, String> UPLOAD_PROBLEMS = Map.of(
            "400", "请求有误（缺少字段或文件、文件放在文字字段中、multipart 请求体格式错误如缺少 boundary）",
            "413", "上传过大：某个文件或文字字段超过上限，或整个请求超过上限（errors 指出是哪个部分）",
            "415", "请求不是 multipart/form-data");

    private static boolean multipart(io.swagger.v3.oas.models.Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data");
    }

    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("出错的字段、参数或上传部分"));
        error.addProperty("message", new StringSchema().description("中文说明"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().example("urn:wenshu:problem:fields-invalid"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(error));
        return problem;
    }
}
