package org.wenshu.app.leads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Downloads;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.Paged;
import org.wenshu.app.instruments.Timeline;
import org.wenshu.app.web.Problems;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadInvalid;
import org.wenshu.archive.leads.LeadNotFound;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadStatus;
import org.wenshu.archive.leads.LeadType;

/**
 * {@code /api/v1/leads}: 线索移送 — an agency files a lead (multipart, attachments through the archive's upload
 * checks), the receiving procuratorate acknowledges it (收案编号), decides and reports the result; both sides read
 * it, its timeline and its files. Leads another unit filed or received are not found.
 */
@RestController
@RequestMapping("/api/v1/leads")
@Validated
@Tag(name = "线索移送", description = "行政机关向检察院移送线索：受理、处理决定、结果反馈")
public class LeadsApiController {

    private final LeadCases cases;
    private final ZoneId zone;

    public LeadsApiController(LeadCases cases, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone) {
        this.cases = cases;
        this.zone = zone;
    }

    /** The multipart form of a filing, for the API description. */
    @Schema(name = "LeadFiling", description = "移送线索")
    public record LeadUpload(
            @Schema(description = "线索类别：公益诉讼线索 / 涉嫌犯罪案件移送 / 行政违法线索", requiredMode = Schema.RequiredMode.REQUIRED) String type,
            @Schema(description = "线索标题（不超过 100 字）", requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(description = "线索事实", requiredMode = Schema.RequiredMode.REQUIRED) String facts,
            @Schema(description = "所属领域，如 生态环境和资源保护", requiredMode = Schema.RequiredMode.REQUIRED) String domain,
            @Schema(description = "法律依据", requiredMode = Schema.RequiredMode.REQUIRED) String legalBasis,
            @Schema(description = "接收线索的检察院（名称或 id）", requiredMode = Schema.RequiredMode.REQUIRED) String receivingUnit,
            @Schema(description = "附件（PDF、DOCX、OFD、JPEG、PNG），可选，可多个") List<MultipartFile> files) {
    }

    /** 处理决定 as JSON. */
    @Schema(name = "LeadDecision", description = "处理决定")
    public record DecisionBody(
            @Schema(description = "立案 / 不立案 / 移送其他机关", requiredMode = Schema.RequiredMode.REQUIRED) String decision,
            @Schema(description = "理由（不立案时必填）") String reason,
            @Schema(description = "接收机关（移送其他机关时必填）") String transferTo) {
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "线索已移送")
    @ApiResponse(responseCode = "422", description = "附件被拒收（类型或大小不符），什么也没有保存")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = LeadUpload.class)))
    @Operation(summary = "移送线索", description = "行政机关联络员为本单位移送线索；附件按内容检查类型与大小，"
            + "任何一个被拒收则什么也不保存。")
    public ResponseEntity<Map<String, Object>> file(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user, HttpServletRequest request,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String type,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String title,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String facts,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String domain,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String legalBasis,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String receivingUnit,
            @RequestParam(name = "files", required = false) @Parameter(hidden = true) List<MultipartFile> files)
            throws HttpMediaTypeNotSupportedException {
        // Checked here rather than by "consumes": a JSON body then gets 415 and the accepted type, not 405.
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
            MediaType sent = null;
            try {
                sent = contentType == null ? null : MediaType.parseMediaType(contentType);
            } catch (org.springframework.http.InvalidMediaTypeException malformed) {
                // reported as unsupported all the same
            }
            throw new HttpMediaTypeNotSupportedException(sent, List.of(MediaType.MULTIPART_FORM_DATA));
        }
        LeadType leadType = LeadType.parse(type).orElseThrow(() -> new InputInvalid("type",
                "线索类别须为 公益诉讼线索、涉嫌犯罪案件移送 或 行政违法线索"));
        LeadDomain leadDomain = LeadDomain.parse(domain).orElseThrow(() -> new InputInvalid("domain",
                "所属领域须为以下之一：" + String.join("、", java.util.Arrays.stream(LeadDomain.values()).map(LeadDomain::label).toList())));
        if (receivingUnit.isBlank()) {
            throw new InputInvalid("receivingUnit", "请写明接收线索的检察院");
        }
        Lead lead = cases.file(user, receivingUnit, leadType, title, facts, leadDomain, legalBasis, uploads(files));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/leads/" + lead.id()))
                .body(LeadJson.lead(lead));
    }

    @GetMapping
    @Operation(summary = "线索列表", description = "当前账号可见的线索，最新的在前；行政机关只看到本单位移送的，"
            + "检察院只看到移送给本院的。status 可选：FILED、ACKNOWLEDGED、DECIDED、CONCLUDED。分页。")
    public Paged<Map<String, Object>> list(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @RequestParam(required = false) String status,
                                           @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                           @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                           @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        LeadQuery query = LeadQuery.all();
        if (status != null && !status.isBlank()) {
            try {
                query = query.inStatus(LeadStatus.valueOf(status.strip()));
            } catch (IllegalArgumentException e) {
                throw new InputInvalid("status", "status 须为 FILED、ACKNOWLEDGED、DECIDED 或 CONCLUDED");
            }
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InputInvalid("page", "page 过大");
        }
        LeadQuery.Page result = cases.list(user, query, Paged.offset(page, size), size);
        return new Paged<>(result.items().stream().map(LeadJson::lead).toList(), page, size, result.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "线索详情", description = "按 id 或收案编号。")
    public Map<String, Object> get(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                   @PathVariable String id) {
        return LeadJson.lead(cases.get(user, id));
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "线索办理过程", description = "移送、受理、决定、反馈各步骤，时间为档案时区。")
    public List<Timeline.Entry> timeline(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                         @PathVariable String id) {
        return LeadTimeline.of(cases.timeline(user, id), zone);
    }

    @PostMapping("/{id}/acknowledgement")
    @Operation(summary = "受理线索", description = "接收线索的检察院受理，取得收案登记簿的下一个编号（如 荆检线索〔2024〕3号）。"
            + "已受理的线索再次受理为 409。")
    public Map<String, Object> acknowledge(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @PathVariable String id) {
        return LeadJson.lead(cases.acknowledge(user, id));
    }

    @PostMapping(path = "/{id}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "作出处理决定", description = "立案；不立案须写明理由 reason；移送其他机关须写明接收机关 transferTo。"
            + "未受理或已决定的线索为 409。")
    public Map<String, Object> decide(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                      @PathVariable String id, @RequestBody DecisionBody body) {
        LeadDecision decision = LeadDecision.parse(body.decision()).orElseThrow(() -> new InputInvalid("decision",
                "处理决定须为 立案、不立案 或 移送其他机关"));
        return LeadJson.lead(cases.decide(user, id, decision, body.reason(), body.transferTo()));
    }

    /** The multipart form of a result, for the API description. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "LeadResult", description = "结果反馈")
    public record ResultForm(
            @io.swagger.v3.oas.annotations.media.Schema(description = "结果反馈文字", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String result,
            @io.swagger.v3.oas.annotations.media.Schema(description = "可选的一个文件（PDF、DOCX、OFD、JPEG、PNG）") List<MultipartFile> files) {
    }

    @PostMapping(path = "/{id}/result", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ResultForm.class)))
    @ApiResponse(responseCode = "422", description = "附件被拒收（类型或大小不符），什么也没有保存")
    @Operation(summary = "反馈结果", description = "结果反馈文字 result（必填）和可选的一个文件（部件名 files）；"
            + "须在作出处理决定之后，只能反馈一次。")
    public Map<String, Object> result(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                      @PathVariable String id,
                                      @RequestParam(defaultValue = "") @Parameter(hidden = true) String result,
                                      @RequestParam(name = "files", required = false) @Parameter(hidden = true) List<MultipartFile> files) {
        List<UploadedFile> upload = uploads(files);
        if (upload.size() > 1) {
            throw new InputInvalid("files", "结果反馈最多附一个文件");
        }
        return LeadJson.lead(cases.conclude(user, id, result, upload.stream().findFirst()));
    }

    @GetMapping("/{id}/files/{index}")
    @Operation(summary = "下载线索文件", description = "第 index 个文件（从 0 起：移送附件在前，结果文件在后），以上传时的文件名下载。")
    public ResponseEntity<byte[]> download(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @PathVariable String id, @PathVariable int index) {
        LeadCases.Download download = cases.file(user, id, index);
        return Downloads.attachment(download.file().name(), download.file().mediaType(), download.content());
    }

    // --- the problems particular to leads ----------------------------------------------------------------------

    @ExceptionHandler(LeadInvalid.class)
    ResponseEntity<ProblemDetail> invalid(LeadInvalid e) {
        return problem(Problems.invalid(e.getMessage(), List.of(new Problems.FieldError(e.field(), e.getMessage()))));
    }

    @ExceptionHandler(LeadNotFound.class)
    ResponseEntity<ProblemDetail> notFound(LeadNotFound e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "未找到", e.getMessage()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "上传过大",
                    "上传的文件过大，未保存任何内容");
            problem.setProperty("errors", List.of(new Problems.FieldError("files", "文件过大")));
            return problem(problem);
        }
        return problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "请求格式不支持",
                "移送线索须以 multipart/form-data 上传（字段 type、title、facts、domain、legalBasis、receivingUnit 与可选的 files）"));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static List<UploadedFile> uploads(List<MultipartFile> files) {
        List<UploadedFile> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
                continue; // the empty part a browser sends when no file was chosen
            }
            try {
                uploads.add(new UploadedFile(Optional.ofNullable(file.getOriginalFilename()).orElse("未命名文件"),
                        file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }
}
