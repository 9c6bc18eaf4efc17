package org.wenshu.app.audit;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.api.Paged;
import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditQuery;

/** {@code /api/v1/audit}: the hash-chained audit trail (审计日志) and its verification, for ADMIN only. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
@Validated
@Tag(name = "审计日志", description = "仅管理员：哈希链审计事件及其校验")
public class AuditApiController {

    private final Archive archive;

    public AuditApiController(Archive archive) {
        this.archive = archive;
    }

    @GetMapping
    @Operation(summary = "审计事件", description = "新的在前，分页。recordId 精确匹配；actor 包含匹配；action 如 ISSUED、DELIVERED、"
            + "RESPONDED、CLOSED；from、to 为日期 yyyy-MM-dd（含两端，按 Asia/Shanghai）。")
    public Paged<Map<String, Object>> events(@RequestParam(required = false) String recordId,
                                             @RequestParam(required = false) String actor,
                                             @RequestParam(required = false) String action,
                                             @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to,
                                             @RequestParam(defaultValue = "0") @Min(value = 0, message = "page 须 ≥ 0") int page,
                                             @RequestParam(defaultValue = Paged.DEFAULT_SIZE) @Min(value = 1, message = "size 须在 1–200 之间")
                                             @Max(value = Paged.MAX_SIZE, message = "size 须在 1–200 之间") int size) {
        AuditQuery query = new AuditFilter(recordId, actor, action, from, to).query(archive.zone());
        AuditQuery.Page found = archive.auditEvents(query, Paged.offset(page, size), size);
        return new Paged<>(found.items().stream().map(AuditJson::event).toList(), page, size, found.total());
    }

    @PostMapping("/verify")
    @Operation(summary = "校验审计链", description = "重新计算每个事件的哈希并核对链条：intact 为 true 表示没有事件被改动、插入或删除；"
            + "problems 逐条说明断裂之处。")
    public Map<String, Object> verify() {
        return AuditJson.verdict(archive.verifyAudit());
    }
}
