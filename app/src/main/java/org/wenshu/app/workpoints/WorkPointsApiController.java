package org.wenshu.app.workpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Downloads;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.Paged;
import org.wenshu.app.web.Problems;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemNotFound;
import org.wenshu.archive.tracking.ListRefused;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.SourceKind;
import org.wenshu.archive.tracking.TrackedItem;

/**
 * {@code /api/v1/workpoints}: the year's work-point lists (工作要点清单) and every tracked item (work points and
 * meeting resolutions) — the office creates, imports (XLSX), publishes and exports lists and accepts or returns
 * reports; a responsible unit's officer lists its items and reports progress with evidence files. The API twin of
 * {@link WorkPointsController}; both go through {@link WorkPoints}.
 */
@RestController
@RequestMapping("/api/v1/workpoints")
@Tag(name = "工作要点", description = "工作要点清单与督办事项（含联席会议议定事项）：报送进展、验收、退回、逾期")
public class WorkPointsApiController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final WorkPoints workPoints;

    public WorkPointsApiController(WorkPoints workPoints) {
        this.workPoints = workPoints;
    }

    /** A new list: year, title and its points. */
    @Schema(name = "WorkPointListRequest")
    public record ListRequest(@Schema(description = "年度", example = "2024") Integer year,
                              @Schema(description = "清单名称") String title,
                              @Schema(description = "工作要点，可为空（之后逐条增加）") List<DraftRequest> items) {
    }

    /** One point as the office writes it. */
    @Schema(name = "WorkPointDraft")
    public record DraftRequest(@Schema(description = "序号（正整数）") Integer number,
                               @Schema(description = "工作要点（标题）") String title,
                               @Schema(description = "具体内容") String description,
                               @Schema(description = "牵头单位：编号、全称或简称") String leadUnit,
                               @Schema(description = "配合单位；「各成员单位」表示全部成员单位") List<String> coUnits,
                               @Schema(description = "完成时限：日期（2024-06-30、6月底前）或频次（全年至少开展2次）") String deadline) {

        ItemDraft draft() {
            return new ItemDraft(number == null ? 0 : number, title, description, leadUnit, coUnits, deadline);
        }
    }

    /** The office's decision on a report. */
    @Schema(name = "ReportDecision")
    public record DecisionRequest(@Schema(description = "退回理由（退回时必填）或验收意见") String reason) {
    }

    @GetMapping("/lists")
    @Operation(summary = "清单列表", description = "办公室看到全部清单（含草稿）；成员单位只看到已发布的清单。")
    public Paged<Map<String, Object>> lists(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                            @RequestParam Optional<Integer> year,
                                            @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                            @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                            @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return Paged.of(workPoints.lists(user, year), page, size, WorkPointJson::list);
    }

    @PostMapping(value = "/lists", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "已建立草稿清单")
    @Operation(summary = "建立清单（办公室）", description = "建立草稿清单；任何一条有误则逐条说明原因（errors），不保存任何内容。")
    public ResponseEntity<Map<String, Object>> create(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                      @RequestBody ListRequest request) {
        if (request.year() == null) {
            throw new InputInvalid("year", "缺少年度");
        }
        List<ItemDraft> drafts = request.items() == null ? List.of()
                : request.items().stream().map(DraftRequest::draft).toList();
        return created(workPoints.createList(user, request.year(), request.title(), drafts), user);
    }

    /** The multipart form of an import, for the API description. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "WorkPointsImport", description = "导入 XLSX 清单")
    public record ImportForm(
            @io.swagger.v3.oas.annotations.media.Schema(description = "XLSX 清单文件", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) MultipartFile file,
            @io.swagger.v3.oas.annotations.media.Schema(description = "年度，如 2025", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) Integer year,
            @io.swagger.v3.oas.annotations.media.Schema(description = "清单标题", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String title) {
    }

    /** The multipart form of a progress report, for the API description. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ProgressReportUpload", description = "报送进展")
    public record ReportForm(
            @io.swagger.v3.oas.annotations.media.Schema(description = "进展情况", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String text,
            @io.swagger.v3.oas.annotations.media.Schema(description = "完成日期 yyyy-MM-dd（可选）") String completedOn,
            @io.swagger.v3.oas.annotations.media.Schema(description = "佐证材料（PDF、DOCX、OFD、JPEG、PNG），可选，可多个") List<MultipartFile> files) {
    }

    @PostMapping(value = "/lists/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ImportForm.class)))
    @ApiResponse(responseCode = "201", description = "已导入为草稿清单")
    @Operation(summary = "导入 XLSX 清单（办公室）", description = "表头：序号、工作要点、具体内容、牵头单位、配合单位、完成时限。"
            + "任何一行有误则逐行说明原因（errors），不保存任何内容。")
    public ResponseEntity<Map<String, Object>> importList(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
            @RequestPart("file") @Parameter(hidden = true) MultipartFile file,
            @RequestParam @Parameter(hidden = true) int year, @RequestParam @Parameter(hidden = true) String title) {
        return created(workPoints.importList(user, year, title, bytes(file)), user);
    }

    private ResponseEntity<Map<String, Object>> created(ItemList list, WenshuUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/workpoints/lists/" + list.id()))
                .body(WorkPointJson.list(list, workPoints.items(user, list.id())));
    }

    @GetMapping("/lists/{id}")
    @Operation(summary = "清单详情", description = "清单及其工作要点；成员单位只看到本单位负责的要点。")
    public Map<String, Object> list(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                    @PathVariable String id) {
        return WorkPointJson.list(workPoints.list(user, id), workPoints.items(user, id));
    }

    @GetMapping("/lists/{id}/xlsx")
    @Operation(summary = "导出 XLSX（办公室）", description = "与导入相同的表格格式；再次导入得到相同的工作要点。")
    public ResponseEntity<byte[]> export(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                         @PathVariable String id) {
        ItemList list = workPoints.list(user, id);
        return Downloads.attachment(list.title() + ".xlsx", XLSX, workPoints.export(user, id));
    }

    @PostMapping(value = "/lists/{id}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "已增加")
    @Operation(summary = "增加工作要点（办公室，草稿清单）")
    public ResponseEntity<Map<String, Object>> addItem(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                                       @PathVariable String id, @RequestBody DraftRequest request) {
        TrackedItem item = workPoints.addItem(user, id, request.draft());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/workpoints/items/" + item.id()))
                .body(WorkPointJson.item(item));
    }

    @PostMapping("/lists/{id}/publish")
    @Operation(summary = "发布清单（办公室）", description = "发布后责任单位可见并报送进展，逾期开始计算。")
    public Map<String, Object> publish(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String id) {
        return WorkPointJson.list(workPoints.publish(user, id));
    }

    @GetMapping("/items")
    @Operation(summary = "督办事项列表", description = "办公室看到全部；成员单位只看到本单位负责、已发布的事项。"
            + "可按年度、来源（WORK_POINT 工作要点 / RESOLUTION 议定事项）和逾期筛选。")
    public Paged<Map<String, Object>> items(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                            @RequestParam Optional<Integer> year,
                                            @RequestParam Optional<SourceKind> source,
                                            @RequestParam(defaultValue = "false") boolean overdue,
                                            @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                            @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                            @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        Optional<String> only = workPoints.access().reportsOf(user);
        return Paged.of(workPoints.items(user, year, overdue, source), page, size, i -> WorkPointJson.item(i, only));
    }

    @GetMapping("/items/{id}")
    @Operation(summary = "督办事项详情", description = "事项、各责任单位状态与进展报告；成员单位只看到本单位的状态与报告。")
    public Map<String, Object> item(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                    @PathVariable String id) {
        Map<String, Object> json = WorkPointJson.item(workPoints.item(user, id), workPoints.access().reportsOf(user));
        json.put("reports", workPoints.reports(user, id).stream().map(WorkPointJson::report).toList());
        return json;
    }

    @PostMapping(value = "/items/{id}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ReportForm.class)))
    @ApiResponse(responseCode = "422", description = "佐证材料被拒收（类型或大小不符），什么也没有保存")
    @ApiResponse(responseCode = "201", description = "已报送，待办公室验收")
    @Operation(summary = "报送进展（责任单位）", description = "text 进展情况（必填），completedOn 完成日期（yyyy-MM-dd，可选），"
            + "files 佐证材料（PDF、DOCX、OFD、JPEG、PNG，可选，按内容检查；任何一个被拒收则什么也不保存）。")
    public ResponseEntity<Map<String, Object>> report(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user, @PathVariable String id,
            @RequestParam(defaultValue = "") @Parameter(hidden = true) String text,
            @RequestParam @Parameter(hidden = true) Optional<String> completedOn,
            @RequestPart(name = "files", required = false) @Parameter(hidden = true) List<MultipartFile> files) {
        Optional<LocalDate> completed = completedOn.filter(s -> !s.isBlank()).map(s -> {
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                throw new InputInvalid("completedOn", org.wenshu.app.api.TypedValues.nonexistentDate(s)
                        ? "完成" + org.wenshu.app.api.TypedValues.dateDoesNotExist(s)
                        : "完成日期「" + s + "」格式不对，须为 yyyy-MM-dd");
            }
        });
        List<UploadedFile> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (!file.isEmpty() || file.getOriginalFilename() != null && !file.getOriginalFilename().isEmpty()) {
                uploads.add(new UploadedFile(file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), bytes(file)));
            }
        }
        ProgressReport report = workPoints.submit(user, id, text, completed, uploads);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/workpoints/items/" + id))
                .body(WorkPointJson.report(report));
    }

    @PostMapping("/reports/{id}/accept")
    @Operation(summary = "验收报告（办公室）", description = "可附验收意见 reason。")
    public Map<String, Object> accept(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                      @PathVariable String id, @RequestBody(required = false) DecisionRequest request) {
        return WorkPointJson.report(workPoints.accept(user, id,
                Optional.ofNullable(request).map(DecisionRequest::reason)));
    }

    @PostMapping("/reports/{id}/return")
    @Operation(summary = "退回报告（办公室）", description = "须说明退回理由 reason；责任单位重新报送。")
    public Map<String, Object> returnReport(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                            @PathVariable String id, @RequestBody(required = false) DecisionRequest request) {
        workPoints.access().requireOffice(user);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new InputInvalid("reason", "退回须说明理由");
        }
        return WorkPointJson.report(workPoints.returnReport(user, id, request.reason()));
    }

    @GetMapping("/reports/{id}/files/{index}")
    @Operation(summary = "下载佐证材料", description = "第 index 个文件（从 1 起）。")
    public ResponseEntity<byte[]> evidence(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @PathVariable String id, @PathVariable int index) {
        ProgressReport report = workPoints.report(user, id);
        var file = report.files().stream().filter(f -> f.index() == index).findFirst()
                .orElseThrow(() -> new ItemNotFound("佐证材料", id + "/" + index));
        return Downloads.attachment(file.name(), file.mediaType(), workPoints.evidence(user, id, index));
    }

    @GetMapping("/tally")
    @Operation(summary = "各单位完成情况（办公室）", description = "某年度各责任单位按期完成、逾期完成、未完成、逾期未完成的事项数。")
    public Map<String, Object> tally(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                     @RequestParam int year, @RequestParam Optional<SourceKind> source) {
        return Map.of("year", year, "source", source.map(Enum::name).orElse("ALL"),
                "units", workPoints.tally(user, year, source).stream().map(WorkPointJson::tally).toList());
    }

    // ---------------------------------------------------------------- failures particular to tracked items

    @ExceptionHandler(ItemNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ItemNotFound e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "not-found", "未找到", e.getMessage()));
    }

    @ExceptionHandler(ListRefused.class)
    ResponseEntity<ProblemDetail> listRefused(ListRefused e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "list-refused", "清单有误", e.getMessage());
        problem.setProperty("errors", e.problems().stream().map(p -> new Problems.FieldError(
                "rows[" + p.row() + "]" + (p.column().isEmpty() ? "" : "." + p.column()), p.describe())).toList());
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
