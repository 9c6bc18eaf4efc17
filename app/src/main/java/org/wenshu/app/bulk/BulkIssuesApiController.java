package org.wenshu.app.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.web.Problems;
import org.wenshu.batch.bulk.RowProblem;

/**
 * {@code /api/v1/bulk-issues}: the API twin of the bulk-issue page — check an upload row by row without issuing,
 * start the job (202 and the execution's location; the same upload again finds the same execution), and read an
 * execution's progress, skip report and issued records. Uploads are {@code multipart/form-data} with the parts
 * {@code type}, {@code list} (CSV in UTF-8 or XLSX) and {@code data} (JSON base data).
 */
@RestController
@RequestMapping("/api/v1/bulk-issues")
@Tag(name = "批量发文", description = "上传名单和基础数据，逐行校验后批量发文，查询进度与跳过报告")
public class BulkIssuesApiController {

    static final String ENCODING_DESCRIPTION = "CSV 名单不是 UTF-8 时的编码：GB18030（GBK、GB2312、CP936 均按 GB18030 解码）；"
            + "写不出简体中文表头和单位名称的编码（Big5 等）不接受；"
            + "XLSX 和有效的 UTF-8 CSV 总按 UTF-8 读取，不看此项";

    /** The multipart form of an upload, for the API description (the operations bind the parts one by one). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "BulkIssueUpload", description = "批量发文的上传：文书类型、名单与基础数据")
    public record UploadForm(
            @io.swagger.v3.oas.annotations.media.Schema(description = "文书类型 id，如 meeting-notice（会议纪要不能批量发文）",
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String type,
            @io.swagger.v3.oas.annotations.media.Schema(description = "名单文件：.csv（UTF-8）或 .xlsx；文件部分，带文件名",
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) MultipartFile list,
            @io.swagger.v3.oas.annotations.media.Schema(description = "基础数据文件：JSON 对象（字段名: 值）；文件部分，带文件名",
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) MultipartFile data,
            @io.swagger.v3.oas.annotations.media.Schema(description = ENCODING_DESCRIPTION) String encoding,
            @io.swagger.v3.oas.annotations.media.Schema(description = "最多跳过的错误行数（默认按服务器设置）") Integer skipLimit) {
    }

    private final BulkIssues bulk;

    public BulkIssuesApiController(BulkIssues bulk) {
        this.bulk = bulk;
    }

    @PostMapping("/validate")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = UploadForm.class)))
    @ApiResponse(responseCode = "422", description = "文件不可用（编码、格式、表头、基础数据），或名单不能发文")
    @Operation(summary = "校验名单（不发文）", description = "与批量发文作业相同的逐行校验：每个有误的行给出行号、列和原因；"
            + "另检查当前账号能否以各行的发文机关名义发文。"
            + "与已发出的文书完全相同的行，以及同一份名单和基础数据之前的批量发文已发出的行，列在 alreadyIssued（行号、字号、发出它的本名单执行；"
            + "当前账号无权查看的文书不给字号），计数为 alreadyIssuedRows，不计入 valid，不会重复发文；"
            + "同一上传之前已确认过时 execution 指向其最后一次执行（正在进行或已完成时 startable 为 false，再次提交只会找到该执行）。"
            + "文件本身不可用时（编码、格式、大小、表头）回答 422。")
    public Map<String, Object> validate(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                        // The parts first: a request that is not multipart is told so (415) before anything else.
                                        @RequestPart("list") @Parameter(hidden = true) MultipartFile list,
                                        @RequestPart("data") @Parameter(hidden = true) MultipartFile data,
                                        @RequestParam("type") @Parameter(hidden = true) String type,
                                        @RequestParam(required = false) @Parameter(hidden = true) String encoding,
                                        @RequestParam(required = false) @Parameter(hidden = true) Integer skipLimit) {
        BulkPreview preview = bulk.validate(user, bulk.store(user, upload(type, list, data, encoding, skipLimit)));
        return previewJson(preview);
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = UploadForm.class)))
    @ApiResponse(responseCode = "422", description = "文件不可用（编码、格式、表头、基础数据），或名单不能发文")
    @ApiResponse(responseCode = "202", description = "已开始批量发文；Location 为执行的地址")
    @ApiResponse(responseCode = "200", description = "同一份名单和基础数据的执行正在进行或已完成：不重复发文，Location 为该执行")
    @Operation(summary = "批量发文", description = "校验后在后台开始批量发文。作业实例由类型、两个文件的 SHA-256 和名单的实际编码确定（encoding 的任何写法，或对 UTF-8 名单、XLSX 多余的 encoding，都是同一实例）：同一上传再次提交不会重复发文。"
            + "有发文机关不是本单位的行时回答 403（rows-forbidden），发文机关没有电子印章时回答 422（rows-unsealed），"
            + "错误行超过跳过上限或没有可发的行时回答 422，均不发文；rows 列出这些行，blocking 表示该行本身阻止发文。")
    public ResponseEntity<Map<String, Object>> start(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                     @RequestPart("list") @Parameter(hidden = true) MultipartFile list,
                                                     @RequestPart("data") @Parameter(hidden = true) MultipartFile data,
                                                     @RequestParam("type") @Parameter(hidden = true) String type,
                                                     @RequestParam(required = false) @Parameter(hidden = true) String encoding,
                                                     @RequestParam(required = false) @Parameter(hidden = true) Integer skipLimit) {
        BulkIssues.Started started = bulk.start(user, bulk.store(user, upload(type, list, data, encoding, skipLimit)));
        Map<String, Object> json = progressJson(bulk.progress(user, started.executionId()), List.of(), 0, 0);
        // The job validates the list again in the background: until it has, the counts are those of the check above.
        json.putIfAbsent("total", started.rows());
        json.putIfAbsent("valid", started.valid());
        json.put("started", started.started());
        return ResponseEntity.status(started.started() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/bulk-issues/" + started.executionId())).body(json);
    }

    @GetMapping
    @Operation(summary = "批量发文列表", description = "当前账号可以查看的批量发文执行（本单位发起的；管理员可看全部），最新的在前，page/size 分页。"
            + "每项与「批量发文进度」的计数相同，不含已发出文书的明细。")
    public Map<String, Object> list(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                    @RequestParam(defaultValue = "0") @Parameter(description = "页码，从 0 开始")
                                    @Min(value = 0, message = "page 须 ≥ 0") int page,
                                    @RequestParam(defaultValue = "20") @Parameter(description = "每页条数，1–100")
                                    @Min(value = 1, message = "size 须在 1–100 之间")
                                    @Max(value = 100, message = "size 须在 1–100 之间") int size) {
        BulkIssues.Page found = bulk.page(user, page, size);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", found.total());
        json.put("page", found.page());
        json.put("size", found.size());
        json.put("items", found.executions().stream().map(p -> {
            Map<String, Object> item = progressJson(p, List.of(), 0, 0);
            item.put("href", "/api/v1/bulk-issues/" + p.executionId());
            return item;
        }).toList());
        return json;
    }

    @PostMapping("/{id}/restart")
    @ApiResponse(responseCode = "202", description = "已从中断处继续发文；Location 为新执行的地址")
    @ApiResponse(responseCode = "409", description = "该执行正在进行、已经完成或已被继续（problem 文档的 execution 指向应查看的执行）")
    @ApiResponse(responseCode = "404", description = "没有该执行，或当前账号无权查看")
    @Operation(summary = "继续发文", description = "失败或中断的批量发文从最后一次提交处继续，作为同一作业实例的新执行（与 wenshu batch restart 相同）："
            + "已发出的行不会重复发文。与开始发文相同的检查适用于当前账号。")
    public ResponseEntity<Map<String, Object>> restart(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                       @PathVariable long id) {
        BulkIssues.Started started = bulk.restart(user, id);
        Map<String, Object> json = progressJson(bulk.progress(user, started.executionId()), List.of(), 0, 0);
        json.putIfAbsent("total", started.rows());
        json.putIfAbsent("valid", started.valid());
        json.put("started", true);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/bulk-issues/" + started.executionId())).body(json);
    }

    @GetMapping("/{id}")
    @Operation(summary = "批量发文进度", description = "状态、名单进度（已处理/总行数）、跳过的行（行号、列、原因）、本次执行的速度与预计剩余时间，"
            + "以及本次执行发出的文书（按名单顺序，offset/limit 分页；issued 为其份数，listIssued 为这份名单至此共发出的份数）。"
            + "中断后继续的执行以 continues / continuedBy 互相指向。只能查看本单位发起的执行（管理员可看全部），其他的回答 404。")
    public Map<String, Object> progress(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                        @PathVariable long id,
                                        @RequestParam(defaultValue = "0") @Min(value = 0, message = "offset 须 ≥ 0") int offset,
                                        @RequestParam(defaultValue = "100") @Min(value = 1, message = "limit 须在 1–1000 之间")
                                        @Max(value = 1000, message = "limit 须在 1–1000 之间") int limit) {
        // The records first: the counts, read after them, include every record listed.
        List<BulkIssues.IssuedRecord> records = bulk.issued(user, id, offset, limit);
        BulkProgress progress = bulk.progress(user, id);
        return progressJson(progress, records, offset, limit);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static BulkUpload upload(String type, MultipartFile list, MultipartFile data, String encoding,
                                     Integer skipLimit) {
        if (type.isBlank()) {
            // An empty type part names no type, as no part does: the same problem as a missing one (ApiExceptionHandler).
            throw new org.wenshu.app.api.InputInvalid("type", "缺少「type」");
        }
        try {
            return new BulkUpload(type, Optional.ofNullable(list.getOriginalFilename()).orElse(""), list.getBytes(),
                    data.getBytes(), Optional.ofNullable(encoding).filter(e -> !e.isBlank()), Optional.ofNullable(skipLimit),
                    Optional.ofNullable(data.getOriginalFilename()).orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> previewJson(BulkPreview preview) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", preview.type().id());
        json.put("rows", preview.validation().rows());
        json.put("valid", preview.validation().valid());
        json.put("badRows", preview.validation().badRows());
        json.put("stoppedEarly", preview.validation().stoppedEarly());
        json.put("skipLimit", preview.skipLimit());
        json.put("startable", preview.startable());
        json.put("obstacle", preview.obstacle());
        json.put("problems", problems(preview.validation().problems(), preview.blocking()));
        json.put("alreadyIssuedRows", preview.validation().alreadyIssued().size());
        json.put("alreadyIssued", preview.validation().alreadyIssued().stream().map(issued -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", issued.row());
            row.put("number", issued.number().orElse(null));
            row.put("reason", issued.reason());
            row.put("execution", issued.execution().map(BulkIssuesApiController::executionLink).orElse(null));
            return row;
        }).toList());
        // The same upload confirmed before: where confirming again leads (only when the caller may see it).
        json.put("execution", preview.earlier().filter(BulkPreview.EarlierRun::visible).map(run -> {
            Map<String, Object> link = executionLink(run.id());
            link.put("statusLabel", run.statusLabel());
            link.put("resumable", run.resumable());
            return link;
        }).orElse(null));
        return json;
    }

    private static List<Map<String, Object>> problems(List<RowProblem> problems, List<RowProblem> blocking) {
        return problems.stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", p.row());
            row.put("column", p.column());
            row.put("reason", p.reason());
            row.put("blocking", blocking.contains(p));
            return row;
        }).toList();
    }

    private static Map<String, Object> progressJson(BulkProgress progress, List<BulkIssues.IssuedRecord> records,
                                                    int offset, int limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", progress.executionId());
        json.put("status", progress.status().name());
        json.put("statusLabel", progress.statusLabel());
        json.put("type", progress.typeId());
        json.put("requestedBy", progress.requestedBy());
        // Instants in UTC (…Z), as every other endpoint gives times.
        json.put("start", progress.start().map(t -> t.toInstant().toString()).orElse(null));
        json.put("end", progress.end().map(t -> t.toInstant().toString()).orElse(null));
        json.put("done", progress.done());
        // Counts not known yet (before the validation step, before the issue step begins) are null, never -1.
        json.put("total", progress.total() < 0 ? null : progress.total());
        json.put("valid", progress.valid() < 0 ? null : progress.valid());
        json.put("skipped", progress.skipped());
        json.put("issued", progress.issued() < 0 ? null : progress.issued());
        json.put("listIssued", progress.listIssued() < 0 ? null : progress.listIssued());
        json.put("startDone", progress.startDone());
        json.put("interrupted", progress.interrupted());
        json.put("resumable", progress.resumable());
        json.put("continues", progress.continues().map(BulkIssuesApiController::executionLink).orElse(null));
        json.put("continuedBy", progress.continuedBy().map(BulkIssuesApiController::executionLink).orElse(null));
        json.put("rowsPerSecond", Math.round(progress.rate() * 100) / 100.0);
        json.put("etaSeconds", progress.eta().map(java.time.Duration::toSeconds).orElse(null));
        json.put("problems", problems(progress.problems(), List.of()));
        json.put("failures", progress.failures());
        if (limit > 0) {
            json.put("records", records.stream().map(r -> {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("row", r.row());
                record.put("id", r.recordId());
                record.put("number", r.number());
                record.put("title", r.title());
                record.put("recipients", r.recipients());
                record.put("href", "/api/v1/instruments/" + r.recordId());
                return record;
            }).toList());
            json.put("recordsOffset", offset);
            json.put("recordsLimit", limit);
        }
        return json;
    }

    private static Map<String, Object> executionLink(long id) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", id);
        link.put("href", "/api/v1/bulk-issues/" + id);
        return link;
    }

    // --- failures as problem documents (before the shared handler, which knows no bulk issues) -------------------

    @ExceptionHandler(RestartRefused.class)
    ResponseEntity<ProblemDetail> restartRefused(RestartRefused e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "bulk-issue-not-resumable", "不能继续发文", e.getMessage());
        problem.setProperty("reason", e.kind());
        e.where().ifPresent(id -> problem.setProperty("execution", executionLink(id)));
        return problem(problem);
    }

    /** How to name the encoding of a GBK list through the API. */
    static final String ENCODING_HINT = "，或在请求中加上 encoding 部分（encoding=GB18030）按 GB18030 精确解码";

    @ExceptionHandler(UploadRefused.class)
    ResponseEntity<ProblemDetail> uploadRefused(UploadRefused e) {
        boolean file = e.field().equals("list") || e.field().equals("data");
        String message = e.message(ENCODING_HINT);
        boolean tooLarge = e.kind().filter("upload-too-large"::equals).isPresent();
        boolean unprocessable = file || e.kind().isPresent();
        ProblemDetail problem = Problems.of(tooLarge ? HttpStatus.CONTENT_TOO_LARGE
                        : unprocessable ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST,
                e.kind().orElseGet(() -> switch (e.field()) {
                    case "list" -> "list-refused";
                    case "data" -> "data-refused";
                    case "type" -> "unknown-type";
                    case "encoding" -> "unknown-encoding";
                    default -> "invalid-request";
                }), tooLarge ? (file ? "上传过大" : "字段过长") : file ? "文件不可用" : "请求有误", message);
        problem.setProperty("errors", e.dataProblems().isEmpty()
                ? List.of(new Problems.FieldError(e.field(), message))
                : e.dataProblems().stream().map(p -> new Problems.FieldError("data." + p.field(),
                        (p.label().equals(p.field()) ? p.field() : p.label()) + "：" + p.reason())).toList());
        return problem(problem);
    }

    @ExceptionHandler(RowsRefused.class)
    ResponseEntity<ProblemDetail> rowsRefused(RowsRefused e) {
        HttpStatus status = e.kind().equals("rows-forbidden") ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = Problems.of(status, e.kind(), status == HttpStatus.FORBIDDEN ? "无权以该单位名义发文"
                : "名单不能发文", e.getMessage());
        problem.setProperty("errors", e.problems().stream()
                .map(p -> new Problems.FieldError("list", p.describe())).toList());
        problem.setProperty("rows", problems(e.problems(), e.blocking() ? e.problems() : List.of()));
        return problem(problem);
    }

    @ExceptionHandler(ExecutionConflict.class)
    ResponseEntity<ProblemDetail> conflict(ExecutionConflict e) {
        return problem(Problems.of(HttpStatus.CONFLICT, "bulk-issue-conflict", "批量发文冲突", e.getMessage()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e, jakarta.servlet.http.HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            TooLarge tooLarge = tooLarge(e, bulk);
            boolean textPart = !List.of("list", "data", "upload").contains(tooLarge.field());
            ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                    textPart ? "字段过长" : "上传过大", tooLarge.message());
            problem.setProperty("errors", List.of(new Problems.FieldError(tooLarge.field(), tooLarge.message())));
            return problem(problem);
        }
        return problem(org.wenshu.app.web.ApiExceptionHandler.notMultipart(request,
                "此操作须以 multipart/form-data 上传：type（文书类型）、list（名单 .csv/.xlsx）、data（基础数据 JSON）"));
    }

    /** The part of an upload past a size limit ({@code upload} when the whole request is) and what to tell the user. */
    record TooLarge(String field, String message) {
    }

    /**
     * What was too large in an upload the servlet container refused: the list or the base data (each told with the
     * one statement of its limit, as when the application finds it too large), a text part (told as that field being
     * too long), or the request as a whole.
     */
    static TooLarge tooLarge(MultipartException failure, BulkIssues bulk) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Tomcat (the embedded container) names the part in the exception it wraps; Spring keeps only the limit.
            if (t instanceof org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException size) {
                String field = size.getFieldName() == null ? "" : size.getFieldName();
                String fileName = StoredUpload.shownName(size.getFileName());
                return switch (field) {
                    case "list" -> new TooLarge(field, BulkUploads.listTooLarge(fileName, bulk.limits()));
                    case "data" -> new TooLarge(field, BulkUploads.dataTooLarge(fileName));
                    case "type", "encoding", "skipLimit" -> new TooLarge(field, BulkIssues.textTooLong(field));
                    default -> new TooLarge("upload", requestTooLarge(bulk));
                };
            }
            // Tomcat's limit on the text parts together (server.tomcat.max-http-form-post-size, 2 MB): it names no part.
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("maxPostSize")) {
                return new TooLarge("upload", "表单中的文本字段过长：type、encoding、skipLimit 各不超过 "
                        + BulkIssues.MAX_TEXT_PART + " 个字符（文本字段合计不超过 2 MB），名单和基础数据须作为文件上传");
            }
        }
        return new TooLarge("upload", requestTooLarge(bulk));
    }

    private static String requestTooLarge(BulkIssues bulk) {
        return "上传合计过大：每次上传合计不超过 " + BulkUploads.megabytes(bulk.maxRequestBytes()) + "（"
                + BulkUploads.listLimit(bulk.limits()) + "，基础数据文件不超过 " + BulkUploads.megabytes(BulkUploads.MAX_DATA_BYTES)
                + "）";
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
