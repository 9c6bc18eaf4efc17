package org.wenshu.app.audit;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;
import org.wenshu.archive.AuditQuery;

/**
 * 审计日志 page ({@code /admin/audit}, ADMIN): the hash-chained events, newest first, filtered by record, actor, action
 * and dates, a page at a time; the button runs {@code audit verify} over the whole chain and shows its verdict.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class AuditController implements PageController {

    static final int PAGE_SIZE = 50;

    private final Archive archive;

    public AuditController(Archive archive) {
        this.archive = archive;
    }

    @GetMapping("/admin/audit")
    public String audit(@ModelAttribute("filter") AuditFilter filter, @RequestParam(defaultValue = "1") int page,
                        Model model) {
        AuditQuery query;
        try {
            query = filter.query(archive.zone());
        } catch (InputInvalid e) {
            model.addAttribute("fieldError", Map.of(e.field(), e.getMessage()));
            query = AuditQuery.all();
        }
        int current = Math.max(1, page);
        AuditQuery.Page found = archive.auditEvents(query, (int) Math.min(Integer.MAX_VALUE - PAGE_SIZE,
                (long) (current - 1) * PAGE_SIZE), PAGE_SIZE);
        model.addAttribute("events", found.items().stream().map(AuditJson::event).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("actions", archive.auditActions());
        model.addAttribute("zone", archive.zone().getId());
        return "audit/audit";
    }

    @PostMapping("/admin/audit/verify")
    public String verify(@ModelAttribute("filter") AuditFilter filter, Model model) {
        model.addAttribute("verdict", AuditJson.verdict(archive.verifyAudit()));
        return audit(filter, 1, model);
    }
}
