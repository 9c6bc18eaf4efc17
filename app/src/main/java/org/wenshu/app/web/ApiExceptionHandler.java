package org.wenshu.app.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.wenshu.app.accounts.AccountInvalid;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.app.api.TypedValues;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.FilesRefused;
import org.wenshu.app.instruments.IdempotencyKeyTaken;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.IssuingFailed;
import org.wenshu.archive.IssuingInProgress;
import org.wenshu.archive.NotAddressee;
import org.wenshu.archive.RecordNotFound;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.UnitNotFound;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.search.query.QueryInvalid;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.UnknownInstrumentType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every failure of a REST API call ({@code @RestController}s; pages are plain {@code @Controller}s and keep
 * their own error pages) into an RFC 9457 problem document ({@code application/problem+json}): a stable {@code type}
 * URI ({@code urn:wenshu:problem:<kind>}), a Chinese {@code title} and {@code detail}, and for invalid input the list
 * {@code errors} of {@code {field, message}}. Nothing of the server's internals (exception classes, stack traces,
 * parser messages) reaches the client; unexpected failures are logged and answered with a generic 500.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    // --- invalid input (400) -------------------------------------------------------------------------------------

    @ExceptionHandler(FieldsInvalid.class)
    ResponseEntity<ProblemDetail> fieldsInvalid(FieldsInvalid e) {
        List<Problems.FieldError> errors = e.problems().stream()
                .map(p -> new Problems.FieldError(p.field(), p.label() + "：" + p.reason())).toList();
        return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "fields-invalid", "字段有误",
                "文书字段有 " + errors.size() + " 处需要修改"), errors));
    }

    @ExceptionHandler(InputInvalid.class)
    ResponseEntity<ProblemDetail> inputInvalid(InputInvalid e) {
        return invalid(e.getMessage(), List.of(new Problems.FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(AccountInvalid.class)
    ResponseEntity<ProblemDetail> accountInvalid(AccountInvalid e) {
        return invalid(e.getMessage(), List.of(new Problems.FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(BindException.class) // MethodArgumentNotValidException too: a @Valid request body
    ResponseEntity<ProblemDetail> bodyInvalid(BindException e) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new Problems.FieldError(error.getField(), error.isBindingFailure()
                    ? "「" + error.getField() + "」的值格式不对" : error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new Problems.FieldError(null, error.getDefaultMessage())));
        return invalid("请求有 " + errors.size() + " 处需要修改", errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> parametersInvalid(HandlerMethodValidationException e) {
        List<Problems.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new Problems.FieldError(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return invalid("请求有 " + errors.size() + " 处需要修改", errors);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        String name = e.getParameterName();
        if (sentAsFile(request, name)) { // -F type=@file.txt: a file where a text field belongs
            return textSentAsFile(name);
        }
        return missing(name);
    }

    private static ResponseEntity<ProblemDetail> textSentAsFile(String name) {
        String message = "「" + name + "」须为文字字段（例如 curl -F " + name + "=值），不能以文件上传";
        return invalid(message, List.of(new Problems.FieldError(name, message)));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        String name = e.getRequestPartName();
        if (request.getParameter(name) != null) { // -F 'data={…}': a text field where a file belongs
            String message = "「" + name + "」须以文件部分上传（带文件名，例如 curl -F " + name + "=@文件名），收到的是文字字段";
            return invalid(message, List.of(new Problems.FieldError(name, message)));
        }
        return missing(name);
    }

    /** Whether the multipart request carries {@code name} as a file part (one with a file name). */
    static boolean sentAsFile(HttpServletRequest request, String name) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return false;
        }
        try {
            jakarta.servlet.http.Part part = request.getPart(name);
            return part != null && part.getSubmittedFileName() != null;
        } catch (Exception unreadable) {
            return false; // a body that cannot be read names no part
        }
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return missing(e.getHeaderName());
    }

    @ExceptionHandler(TypeMismatchException.class) // MethodArgumentTypeMismatchException: ?year=abc, /files/x
    ResponseEntity<ProblemDetail> typeMismatch(TypeMismatchException e) {
        String name = e.getPropertyName() == null ? "参数" : e.getPropertyName();
        if (e.getValue() instanceof org.springframework.web.multipart.MultipartFile
                || e.getValue() instanceof jakarta.servlet.http.Part) { // -F type=@file.txt: a file where text belongs
            return textSentAsFile(name);
        }
        String value = String.valueOf(e.getValue());
        // The value as sent, but never a whole over-long one (a 3 MB text part) in the answer.
        String shown = "「" + name + "」的值「" + (value.length() > 50 ? value.substring(0, 50) + "…" : value) + "」";
        String message = shown + "格式不对";
        Class<?> type = e.getRequiredType();
        java.util.Optional<String> outOfRange = java.util.Optional.ofNullable(type).flatMap(TypedValues::range)
                .flatMap(range -> TypedValues.outOfRange(value, range[0], range[1]));
        if (outOfRange.isPresent()) { // a whole number, only too large (or small) for the field
            message = shown + outOfRange.get();
        } else if (type != null && java.time.temporal.Temporal.class.isAssignableFrom(type)
                && TypedValues.nonexistentDate(value)) {
            message = "「" + name + "」的" + TypedValues.dateDoesNotExist(value);
        } else if (type != null && type.isEnum()) {
            message += "，可选：" + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining("、"));
        } else if (type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class)) {
            message += "，须为整数";
        }
        return invalid(message, List.of(new Problems.FieldError(name, message)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        // The cause chain: Jackson's exception (syntax error, or a value of the wrong shape with the path to it),
        // possibly wrapping the value's own parse failure (DateTimeParseException for "2024-13-45").
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.exc.InputCoercionException coercion && !coercion.getPath().isEmpty()) {
                // A whole number too large for its field (Jackson reads it, then cannot fit it): out of range.
                String field = path(coercion);
                java.util.Optional<long[]> range = coercion.getTargetType() == null ? java.util.Optional.empty()
                        : TypedValues.range(coercion.getTargetType());
                String message = "「" + field + "」的值超出范围" + range.map(r -> "，须在 " + r[0] + "–" + r[1] + " 之间")
                        .orElse("");
                return invalid(message, List.of(new Problems.FieldError(field, message)));
            }
            if (cause instanceof tools.jackson.databind.exc.InvalidFormatException format && !format.getPath().isEmpty()
                    && format.getValue() instanceof String text && TypedValues.nonexistentDate(text)) {
                String field = path(format);
                String message = "「" + field + "」的" + TypedValues.dateDoesNotExist(text);
                return invalid(message, List.of(new Problems.FieldError(field, message)));
            }
            if (cause instanceof StreamReadException syntax) {
                String where = syntax.getLocation() == null || syntax.getLocation().getLineNr() < 1 ? ""
                        : "（第 " + syntax.getLocation().getLineNr() + " 行第 " + syntax.getLocation().getColumnNr() + " 列附近）";
                return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "JSON 格式错误",
                        "请求体不是格式正确的 JSON" + where), List.of()));
            }
            if (cause instanceof JacksonException mapping && !mapping.getPath().isEmpty()) {
                String field = path(mapping);
                String message = "「" + field + "」的值类型或格式不对";
                return invalid(message, List.of(new Problems.FieldError(field, message)));
            }
        }
        return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "JSON 格式错误",
                "缺少请求体，或请求体不是所需格式的 JSON"), List.of()));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @ExceptionHandler(QueryInvalid.class)
    ResponseEntity<ProblemDetail> queryInvalid(QueryInvalid e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "query-invalid", "查询有误", e.getMessage());
        problem.setProperty("position", e.position());
        return problem(withErrors(problem, List.of(new Problems.FieldError("q", e.reason()))));
    }

    @ExceptionHandler(UnknownInstrumentType.class)
    ResponseEntity<ProblemDetail> unknownType(UnknownInstrumentType e) {
        return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "unknown-type", "未知的文书类型", e.getMessage()),
                List.of(new Problems.FieldError("typeId", e.getMessage()))));
    }

    @ExceptionHandler(org.wenshu.templates.TypeIssuedElsewhere.class)
    ResponseEntity<ProblemDetail> typeIssuedElsewhere(org.wenshu.templates.TypeIssuedElsewhere e) {
        return problem(withErrors(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "type-issued-elsewhere",
                "此类文书不能单独发文", e.getMessage()), List.of(new Problems.FieldError("typeId", e.getMessage()))));
    }

    @ExceptionHandler(org.wenshu.templates.NumberCodeNotOwn.class)
    ResponseEntity<ProblemDetail> numberCodeNotOwn(org.wenshu.templates.NumberCodeNotOwn e) {
        return problem(withErrors(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "number-code-not-own",
                "发文机关代字不属于发文单位", e.getMessage()),
                List.of(new Problems.FieldError("fields.documentNumber", e.getMessage()))));
    }

    @ExceptionHandler(org.wenshu.app.signing.UnitSealMissing.class)
    ResponseEntity<ProblemDetail> unitSealMissing(org.wenshu.app.signing.UnitSealMissing e) {
        return problem(withErrors(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "unit-seal-missing", "发文单位没有印章",
                e.getMessage()), List.of(new Problems.FieldError("fields.issuingUnit", e.getMessage()))));
    }

    @ExceptionHandler(UnitNotFound.class)
    ResponseEntity<ProblemDetail> unknownUnit(UnitNotFound e) {
        return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "unknown-unit", "未知的单位", e.getMessage()),
                List.of(new Problems.FieldError("unit", e.getMessage()))));
    }

    @ExceptionHandler(UncoveredCharacters.class)
    ResponseEntity<ProblemDetail> uncovered(UncoveredCharacters e) {
        List<Problems.FieldError> errors = e.fields().stream()
                .map(f -> new Problems.FieldError(f.field(), "含有字体无法显示的字符：" + f.describe())).toList();
        return problem(withErrors(Problems.of(HttpStatus.BAD_REQUEST, "uncovered-characters", "字体缺字",
                "有 " + errors.size() + " 个字段含有字体无法显示的字符，请改用常用字"), errors));
    }

    // --- uploads (413, 415, 422) ------------------------------------------------------------------------------

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Tomcat names the part over the per-part limit; a text part (no file name) is a field too long.
            if (t instanceof org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException size
                    && size.getFieldName() != null) {
                String message = size.getFileName() == null
                        ? "「" + size.getFieldName() + "」过长：文字字段不超过 25 MB"
                        : "文件" + (size.getFileName().isBlank() ? "" : "「" + size.getFileName() + "」")
                          + "过大：单个文件不超过 25 MB，每次上传合计不超过 60 MB";
                return problem(withErrors(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "上传过大",
                        message), List.of(new Problems.FieldError(size.getFieldName(), message))));
            }
        }
        String message = "上传合计过大：每次上传合计不超过 60 MB，单个文件不超过 25 MB";
        return problem(withErrors(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "上传过大", message),
                List.of(new Problems.FieldError("upload", message))));
    }

    @ExceptionHandler(FileRefused.class)
    ResponseEntity<ProblemDetail> fileRefused(FileRefused e) {
        return filesRefused(new FilesRefused(List.of(e)));
    }

    @ExceptionHandler(FilesRefused.class)
    ResponseEntity<ProblemDetail> filesRefused(FilesRefused e) {
        List<Problems.FieldError> errors = e.refusals().stream()
                .map(r -> new Problems.FieldError("files", "文件「" + r.fileName() + "」：" + r.reason())).toList();
        return problem(withErrors(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "file-refused", "文件被拒收",
                errors.size() + " 个文件被拒收，未保存任何内容：" + errors.stream().map(Problems.FieldError::message)
                        .collect(Collectors.joining("；"))), errors));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e, HttpServletRequest request) {
        return problem(notMultipart(request, "此操作须以 multipart/form-data 上传（各字段与文件见接口说明 /v3/api-docs）"));
    }

    /**
     * The problem of an upload Spring could not read as multipart (not past a size limit): 400
     * {@code malformed-multipart} when it says it is multipart but its body is not (no boundary, parts cut off),
     * else 415 with {@code expected}, what the operation takes.
     */
    public static ProblemDetail notMultipart(HttpServletRequest request, String expected) {
        String type = request.getContentType();
        if (type != null && type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-multipart", "multipart 请求体格式错误",
                    "请求声明为 multipart/form-data，但请求体不是格式正确的 multipart：" + (type.toLowerCase(java.util.Locale.ROOT)
                            .contains("boundary=") ? "各部分不完整或分隔符（boundary）不匹配" : "Content-Type 中缺少分隔符 boundary")
                            + "。请用 HTTP 客户端的表单上传功能（如 curl -F）生成请求体，不要手写 Content-Type");
            problem.setProperty("errors", List.of(new Problems.FieldError(null, problem.getDetail())));
            return problem;
        }
        return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "请求格式不支持", expected);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        ResponseEntity<ProblemDetail> response = problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", "请求格式不支持", "不支持的请求内容类型 " + e.getContentType()
                        + "；此操作接受 " + e.getSupportedMediaTypes().stream().map(MediaType::toString)
                        .collect(Collectors.joining("、"))));
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.ACCEPT, MediaType.toString(e.getSupportedMediaTypes())).body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "无法提供所需格式",
                "此接口只提供 JSON（application/json）或文件下载"));
    }

    // --- not found, refused, conflicts ----------------------------------------------------------------------------

    @ExceptionHandler(RecordNotFound.class)
    ResponseEntity<ProblemDetail> recordNotFound(RecordNotFound e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "未找到", e.getMessage()));
    }

    @ExceptionHandler(ResourceNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFound e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "未找到", e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noEndpoint(NoResourceFoundException e, HttpServletRequest request) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "未找到",
                "没有此接口：" + e.getHttpMethod() + " " + request.getRequestURI() + "（接口说明见 /v3/api-docs）"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, allowed)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "不支持的请求方法",
                        "此接口不支持 " + e.getMethod() + "，可用：" + allowed));
    }

    @ExceptionHandler({AccessRefused.class, NotAddressee.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class) // @PreAuthorize on the ADMIN endpoints
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", "当前账号无权执行此操作"));
    }

    // --- joint meetings (参会回执) -----------------------------------------------------------------------------

    @ExceptionHandler(org.wenshu.archive.meetings.NotInvited.class)
    ResponseEntity<ProblemDetail> notInvited(org.wenshu.archive.meetings.NotInvited e) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, "not-invited", "不是受邀单位", e.getMessage()));
    }

    @ExceptionHandler(org.wenshu.archive.meetings.ReplyExists.class)
    ResponseEntity<ProblemDetail> replyExists(org.wenshu.archive.meetings.ReplyExists e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "reply-exists", "已提交参会回执", e.getMessage()));
    }

    @ExceptionHandler(org.wenshu.archive.meetings.ReplyInvalid.class)
    ResponseEntity<ProblemDetail> replyInvalid(org.wenshu.archive.meetings.ReplyInvalid e) {
        return invalid("参会回执有 " + e.problems().size() + " 处需要修改", e.problems().stream()
                .map(p -> new Problems.FieldError(p.field(), p.message())).toList());
    }

    @ExceptionHandler(org.wenshu.archive.meetings.NotAMeetingNotice.class)
    ResponseEntity<ProblemDetail> notAMeeting(org.wenshu.archive.meetings.NotAMeetingNotice e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-a-meeting-notice", "不是会议通知", e.getMessage()));
    }

    @ExceptionHandler(TransitionRefused.class)
    ResponseEntity<ProblemDetail> transitionRefused(TransitionRefused e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "transition-refused", "当前状态不允许此操作", e.getMessage()));
    }

    @ExceptionHandler(IdempotencyKeyTaken.class)
    ResponseEntity<ProblemDetail> keyTaken(IdempotencyKeyTaken e) {
        return problem(withErrors(Problems.of(HttpStatus.CONFLICT, "idempotency-key-taken", "幂等键已被使用",
                e.getMessage()), List.of(new Problems.FieldError("Idempotency-Key", e.getMessage()))));
    }

    @ExceptionHandler(IssuingInProgress.class)
    ResponseEntity<ProblemDetail> inProgress(IssuingInProgress e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "2")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.CONFLICT, "issuing-in-progress", "发文进行中", e.getMessage()));
    }

    @ExceptionHandler(org.wenshu.archive.NumberTaken.class)
    ResponseEntity<ProblemDetail> numberTaken(org.wenshu.archive.NumberTaken e) {
        log.error("Issuing refused: the next number is already registered", e);
        return problem(Problems.of(HttpStatus.CONFLICT, "number-taken", "发文字号冲突", e.getMessage()));
    }

    @ExceptionHandler(ArchiveRefusal.class) // RequestInvalid and any other refusal of the archive's input checks
    ResponseEntity<ProblemDetail> archiveRefusal(ArchiveRefusal e) {
        return invalid(e.getMessage(), List.of(new Problems.FieldError(null, e.getMessage())));
    }

    // --- server failures (500) --------------------------------------------------------------------------------

    @ExceptionHandler(IssuingFailed.class)
    ResponseEntity<ProblemDetail> issuingFailed(IssuingFailed e) {
        if (e.getCause() instanceof UncoveredCharacters uncovered) {
            // Found while rendering, after the number was reserved: the number is void, the request is still bad input.
            return uncovered(uncovered);
        }
        log.error("Issuing failed, number {} is void", e.number().text(), e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "issuing-failed", "发文失败",
                "发文失败，编号 " + e.number().text() + " 已作废，未保存文书；请稍后重试，或联系管理员查看服务器日志"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure of an API call", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "服务器内部错误",
                "服务器处理请求时出错，未完成此操作；请稍后重试，或联系管理员查看服务器日志"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ResponseEntity<ProblemDetail> missing(String name) {
        String message = "缺少「" + name + "」";
        return invalid(message, List.of(new Problems.FieldError(name, message)));
    }

    private static ResponseEntity<ProblemDetail> invalid(String detail, List<Problems.FieldError> errors) {
        return problem(Problems.invalid(detail, errors));
    }

    private static ProblemDetail withErrors(ProblemDetail problem, List<Problems.FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
