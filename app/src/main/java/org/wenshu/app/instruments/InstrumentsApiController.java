package org.wenshu.app.instruments;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Downloads;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.api.Paged;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.Unit;

/**
 * {@code /api/v1/instruments}: list, read, validate and issue instruments, record delivery, close, withdraw, download
 * the sealed PDF and read the timeline — a thin JSON twin of the prosecutor's pages over {@link Instruments}, with
 * the CLI's {@code --json} field names ({@link RecordJson}).
 */
@RestController
@RequestMapping("/api/v1/instruments")
@Tag(name = "文书", description = "检察建议等文书的查询、发文与办理")
public class InstrumentsApiController {

    private final Instruments instruments;

    public InstrumentsApiController(Instruments instruments) {
        this.instruments = instruments;
    }

    /** The body of an issuing or validation request: the type and its field values (as {@code wenshu issue --data}). */
    public record IssueBody(@NotBlank(message = "缺少文书类型 typeId") String typeId,
                            @NotNull(message = "缺少字段值 fields") Map<String, Object> fields) {
    }

    /** Delivery (送达): method as Chinese label or constant, date (default today), optional note. */
    public record DeliveryBody(@NotBlank(message = "缺少送达方式 method（直接送达 / 邮寄送达 / 电子送达 / 宣告送达）") String method,
                               LocalDate date, @Size(max = 2000, message = "备注不超过 2000 字") String note) {
    }

    /** Closing (办结): the evaluation of the response, a note, and the reason when closing without any response. */
    public record ClosingBody(@NotBlank(message = "缺少评价 evaluation（采纳 / 部分采纳 / 未采纳）") String evaluation,
                              @Size(max = 2000, message = "办结意见不超过 2000 字") String note,
                              @Size(max = 2000, message = "理由不超过 2000 字") String reasonWithoutResponse) {
    }

    /** Withdrawal (撤回) with its reason. */
    public record WithdrawalBody(@NotBlank(message = "缺少撤回理由 reason") @Size(max = 2000, message = "撤回理由不超过 2000 字")
                                 String reason) {
    }

    @GetMapping
    @Operation(summary = "文书列表", description = "当前账号可见的文书，新的在前；可按类型、状态、年份、主送单位、是否逾期筛选，分页。")
    public Paged<Map<String, Object>> list(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                           @RequestParam(required = false) @Parameter(description = "文书类型 id") String type,
                                           @RequestParam(required = false) @Parameter(description = "存储状态") RecordStatus status,
                                           @RequestParam(required = false) @Min(value = 2000, message = "年份须在 2000–2100 之间")
                                           @Max(value = 2100, message = "年份须在 2000–2100 之间") Integer year,
                                           @RequestParam(required = false) @Parameter(description = "主送单位（编号、全称或简称）") String unit,
                                           @RequestParam(defaultValue = "false") @Parameter(description = "只列逾期未回复的") boolean overdue,
                                           @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                           @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                           @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        RecordQuery query = RecordQuery.all();
        if (type != null && !type.isBlank()) {
            query = query.type(type.strip());
        }
        if (status != null) {
            query = query.status(status);
        }
        if (year != null) {
            query = query.year(year);
        }
        if (unit != null && !unit.isBlank()) {
            query = query.addressedTo(instruments.unit(unit).map(Unit::id).orElseThrow(() -> new InputInvalid("unit",
                    "没有找到单位「" + unit + "」（可用单位编号、全称或简称）")));
        }
        if (overdue) {
            query = query.overdueOn(instruments.today());
        }
        LocalDate today = instruments.today();
        RecordQuery.Page found = instruments.list(user, query, Paged.offset(page, size), size);
        return new Paged<>(found.items().stream().map(r -> RecordJson.record(r, today)).toList(), page, size,
                found.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "文书详情", description = "按记录号或发文字号取一份文书；看不到的文书与不存在的一样回答 404。")
    public Map<String, Object> get(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                   @PathVariable String id) {
        return RecordJson.detail(instruments.get(user, id), instruments.today());
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "已发文（同一幂等键重试时为第一次发出的文书）")
    @Operation(summary = "发文", description = "编号、生成、签章、存档并索引一份文书。带同一 Idempotency-Key 重试时返回第一次发出的文书，不会重复发文。")
    public ResponseEntity<Map<String, Object>> issue(
            @AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
            @RequestHeader(name = "Idempotency-Key", required = false)
            @Parameter(description = "幂等键：字母、数字和 . _ : -，最长 100 个字符") String idempotencyKey,
            @Valid @RequestBody IssueBody body) {
        InstrumentRecord record = instruments.issue(user, body.typeId(), body.fields(),
                Optional.ofNullable(idempotencyKey).filter(k -> !k.isBlank()));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/instruments/" + record.id()))
                .body(RecordJson.detail(record, instruments.today()));
    }

    @PostMapping("/validation")
    @Operation(summary = "校验字段（不发文）", description = "与发文相同的校验，供表单逐字段提示；有误时回答 400 及 errors 列表。")
    public Map<String, Object> validate(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                        @Valid @RequestBody IssueBody body) {
        IssueRequest request = instruments.validate(user, body.typeId(), body.fields());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valid", true);
        json.put("typeId", request.typeId());
        json.put("typeName", request.typeName());
        json.put("title", request.title());
        json.put("issuingUnit", request.issuingUnit());
        json.put("recipients", request.recipients());
        json.put("copiedUnits", request.copiedUnits());
        return json;
    }

    @PostMapping("/{id}/delivery")
    @Operation(summary = "登记送达", description = "发文单位登记送达方式与日期（默认今天）。")
    public Map<String, Object> deliver(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                       @PathVariable String id, @Valid @RequestBody DeliveryBody body) {
        DeliveryMethod method = DeliveryMethod.parse(body.method()).orElseThrow(() -> new InputInvalid("method",
                "送达方式「" + body.method() + "」无效：可选 直接送达、邮寄送达、电子送达、宣告送达"));
        LocalDate date = body.date() == null ? instruments.today() : body.date();
        return RecordJson.record(instruments.deliver(user, id, method, date,
                Optional.ofNullable(body.note()).filter(n -> !n.isBlank())), instruments.today());
    }

    @PostMapping("/{id}/closing")
    @Operation(summary = "办结", description = "发文单位评价回复（采纳 / 部分采纳 / 未采纳）并办结；未收到回复时须说明理由。")
    public Map<String, Object> close(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                     @PathVariable String id, @Valid @RequestBody ClosingBody body) {
        Adoption evaluation = adoption("evaluation", body.evaluation());
        return RecordJson.record(instruments.close(user, id, evaluation, body.note() == null ? "" : body.note(),
                Optional.ofNullable(body.reasonWithoutResponse()).filter(r -> !r.isBlank())), instruments.today());
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "撤回", description = "发文单位撤回文书，须说明理由。")
    public Map<String, Object> withdraw(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                        @PathVariable String id, @Valid @RequestBody WithdrawalBody body) {
        return RecordJson.record(instruments.withdraw(user, id, body.reason()), instruments.today());
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "办理过程", description = "文书的审计事件（发文、送达、回复、催办、办结），早的在前，分页。")
    public Paged<Map<String, Object>> timeline(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                               @PathVariable String id,
                                               @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                               @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                               @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        return Paged.of(instruments.timeline(user, id), page, size, RecordJson::event);
    }

    @GetMapping("/{id}/pdf")
    @Operation(summary = "下载签章文书 PDF", description = "带电子签章的 PDF/A 文书；文件名为发文字号。")
    public ResponseEntity<byte[]> pdf(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                      @PathVariable String id) {
        Instruments.Download download = instruments.instrumentPdf(user, id);
        return Downloads.attachment(download.name(), download.file().mediaType(), download.content());
    }

    static Adoption adoption(String field, String value) {
        return Adoption.parse(value).orElseThrow(() -> new InputInvalid(field,
                "「" + value + "」无效：可选 采纳、部分采纳、未采纳"));
    }
}
