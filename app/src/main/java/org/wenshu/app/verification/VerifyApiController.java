package org.wenshu.app.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.wenshu.app.web.Problems;

/**
 * {@code POST /api/v1/verify}: anyone (no credentials) uploads a PDF in the multipart field {@code file} and gets the
 * verdict as JSON — {@code valid}, the verdict's name and per-signature details (see {@link PublicVerdict}). A bad
 * upload is an RFC 9457 problem naming the field: 400 missing, 413 too large, 415 not a PDF, 422 refused by the upload
 * inspection; 429 past the rate limit.
 */
@RestController
@RequestMapping("/api/v1/verify")
@Tag(name = "公开核验", description = "无需登录：上传 PDF 验证电子签章")
public class VerifyApiController {

    private final PublicVerification verification;

    public VerifyApiController(PublicVerification verification) {
        this.verification = verification;
    }

    /** The multipart form, for the API description. */
    @Schema(name = "VerifyUpload", description = "待验证的 PDF 文件")
    public record VerifyUpload(
            @Schema(description = "PDF 文件", requiredMode = Schema.RequiredMode.REQUIRED) MultipartFile file) {
    }

    @PostMapping
    @SecurityRequirements
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "422", description = "文件被拒绝（无法作为 PDF 读取）")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429", description = "请求过于频繁，稍后再试（Retry-After）")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = VerifyUpload.class)))
    @Operation(summary = "验证 PDF 文书", description = "公开接口，无需登录，按客户端地址限流。上传 PDF（字段 file），"
            + "返回 valid（每个签章完好、由受信任单位签署、签署后只有允许的增量更新时为 true）、verdict"
            + "（valid / changed-after-signing / untrusted-signer / not-wenshu / invalid）与每个签章的详情。")
    public Map<String, Object> verify(@RequestPart(name = "file", required = false) @Parameter(hidden = true)
                                      MultipartFile file, HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new MultipartException("not multipart/form-data: " + type);
        }
        if (file == null) {
            throw new UploadRefused(HttpStatus.BAD_REQUEST, "file-missing", "缺少文件：请以 multipart/form-data 的字段 file 上传 PDF");
        }
        try {
            return verification.verify(file.getOriginalFilename(), file.getBytes()).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ExceptionHandler(UploadRefused.class)
    ResponseEntity<ProblemDetail> refused(UploadRefused refused) {
        return problem(refused.status(), refused.kind(), refused.getMessage());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException failure, HttpServletRequest request) {
        if (failure instanceof MaxUploadSizeExceededException) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                    "文件过大：只验证不超过 " + verification.maxBytes() / 1024 / 1024 + " MB 的 PDF 文件");
        }
        ProblemDetail problem = org.wenshu.app.web.ApiExceptionHandler.notMultipart(request,
                "请以 multipart/form-data 上传，PDF 文件放在字段 file 中");
        return problem(HttpStatus.valueOf(problem.getStatus()), problem.getType().toString()
                .substring(Problems.TYPE_BASE.length()), problem.getDetail());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, String detail) {
        ProblemDetail problem = Problems.of(status, kind, switch (status) {
            case BAD_REQUEST -> kind.equals("malformed-multipart") ? "multipart 请求体格式错误" : "缺少文件";
            case CONTENT_TOO_LARGE -> "上传过大";
            case UNSUPPORTED_MEDIA_TYPE -> "不是 PDF 文件";
            default -> "文件被拒绝";
        }, detail);
        problem.setProperty("errors", List.of(new Problems.FieldError("file", detail)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
