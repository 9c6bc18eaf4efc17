package org.wenshu.app.instruments;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordStatus;
import org.wenshu.generator.verification.PdfVerifier;

/**
 * 文书详情 for the issuing procuratorate: the sealed PDF and its signature verdict, the timeline from the audit trail,
 * the responses with their files, and the actions — record delivery (送达), close with the evaluation (办结), withdraw
 * (撤回) — each form showing its problems beside its fields.
 */
@Controller
@RequestMapping("/instruments/{id}")
public class RecordController implements PageController {

    private final Instruments instruments;
    private final ObjectProvider<PdfVerifier> verifier;
    private final ZoneId zone;

    public RecordController(Instruments instruments, ObjectProvider<PdfVerifier> verifier,
                            @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone) {
        this.instruments = instruments;
        this.verifier = verifier;
        this.zone = zone;
    }

    @GetMapping
    public String show(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> issued, @RequestParam Optional<String> done, Model model) {
        issued.ifPresent(x -> model.addAttribute("notice", "已发文：编号、盖章、归档均已完成。"));
        done.ifPresent(action -> model.addAttribute("notice", switch (action) {
            case "deliver" -> "已登记送达。";
            case "close" -> "已办结。";
            case "withdraw" -> "已撤回。";
            default -> "已保存。";
        }));
        return page(user, id, Map.of(), Map.of(), model);
    }

    @GetMapping("/pdf")
    public ResponseEntity<byte[]> pdf(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                      @RequestParam Optional<String> download) {
        return Downloads.of(instruments.instrumentPdf(user, id), download.isEmpty());
    }

    @GetMapping("/page.png")
    public ResponseEntity<byte[]> firstPage(@AuthenticationPrincipal WenshuUser user, @PathVariable String id) {
        return FirstPageImage.of(instruments.instrumentPdf(user, id).content()).response();
    }

    @GetMapping("/responses/{responseId}/files/{index}")
    public ResponseEntity<byte[]> responseFile(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                               @PathVariable String responseId, @PathVariable int index) {
        return Downloads.of(instruments.responseFile(user, id, responseId, index), false);
    }

    @PostMapping("/deliver")
    public String deliver(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                          @RequestParam(defaultValue = "") String method, @RequestParam(defaultValue = "") String date,
                          @RequestParam(defaultValue = "") String note, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<DeliveryMethod> how = DeliveryMethod.parse(method);
        if (how.isEmpty()) {
            errors.put("deliver.method", "请选择送达方式");
        }
        Optional<LocalDate> day = date(date, "deliver.date", errors);
        day.filter(d -> d.isAfter(instruments.today()))
                .ifPresent(d -> errors.put("deliver.date", "送达日期不能晚于今天"));
        Map<String, String> input = Map.of("deliver.method", method, "deliver.date", date, "deliver.note", note);
        if (errors.isEmpty()) {
            try {
                instruments.deliver(user, id, how.get(), day.get(), Optional.of(note.strip()).filter(n -> !n.isEmpty()));
                return "redirect:/instruments/" + id + "?done=deliver";
            } catch (ArchiveRefusal | AccessRefused refused) {
                errors.put("deliver", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(user, id, errors, input, model);
    }

    @PostMapping("/close")
    public String close(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                        @RequestParam(defaultValue = "") String evaluation, @RequestParam(defaultValue = "") String note,
                        @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Adoption> verdict = Adoption.parse(evaluation);
        if (verdict.isEmpty()) {
            errors.put("close.evaluation", "请选择评价：采纳、部分采纳或未采纳");
        }
        if (note.isBlank()) {
            errors.put("close.note", "请填写办结说明");
        }
        InstrumentRecord record = instruments.get(user, id);
        if (record.status() != RecordStatus.RESPONDED && reason.isBlank()) {
            errors.put("close.reason", "尚未收到回复，办结须说明理由");
        }
        Map<String, String> input = Map.of("close.evaluation", evaluation, "close.note", note, "close.reason", reason);
        if (errors.isEmpty()) {
            try {
                instruments.close(user, id, verdict.get(), note.strip(),
                        Optional.of(reason.strip()).filter(r -> !r.isEmpty()));
                return "redirect:/instruments/" + id + "?done=close";
            } catch (ArchiveRefusal | AccessRefused refused) {
                errors.put("close", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(user, id, errors, input, model);
    }

    @PostMapping("/withdraw")
    public String withdraw(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                           @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (reason.isBlank()) {
            errors.put("withdraw.reason", "请填写撤回理由");
        } else {
            try {
                instruments.withdraw(user, id, reason.strip());
                return "redirect:/instruments/" + id + "?done=withdraw";
            } catch (ArchiveRefusal | AccessRefused refused) {
                errors.put("withdraw", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(user, id, errors, Map.of("withdraw.reason", reason), model);
    }

    private static Optional<LocalDate> date(String text, String key, Map<String, String> errors) {
        if (text.isBlank()) {
            errors.put(key, "请填写日期");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            errors.put(key, org.wenshu.app.api.TypedValues.nonexistentDate(text)
                    ? org.wenshu.app.api.TypedValues.dateDoesNotExist(text) : "日期格式应为 2024-03-05");
            return Optional.empty();
        }
    }

    private String page(WenshuUser user, String id, Map<String, String> errors, Map<String, String> input,
                        Model model) {
        InstrumentRecord record = instruments.get(user, id);
        LocalDate today = instruments.today();
        Instruments.Download pdf = instruments.instrumentPdf(user, record.id());
        model.addAttribute("record", record);
        model.addAttribute("row", RecordRow.of(record, today, zone));
        model.addAttribute("verdict", SignatureVerdict.of(verifier.getObject(), pdf.content(), zone));
        model.addAttribute("pdfSize", ResponseView.size(pdf.file().size()));
        model.addAttribute("timeline", Timeline.of(instruments.timeline(user, record.id()), zone));
        model.addAttribute("responses", instruments.responses(user, record.id()).stream()
                .map(r -> ResponseView.of(r, "/instruments/" + record.id() + "/responses", zone)).toList());
        boolean manage = instruments.access().canManage(user, record);
        model.addAttribute("canDeliver", manage && record.status() == RecordStatus.ISSUED);
        model.addAttribute("canClose", manage && (record.status() == RecordStatus.RESPONDED
                || record.status().awaitsResponse()));
        model.addAttribute("needsReason", record.status() != RecordStatus.RESPONDED);
        model.addAttribute("canWithdraw", manage && record.status().awaitsResponse());
        model.addAttribute("deliveryMethods", DeliveryMethod.values());
        model.addAttribute("adoptions", Adoption.values());
        model.addAttribute("errors", errors);
        Map<String, String> values = new LinkedHashMap<>(Map.of("deliver.date", today.toString()));
        values.putAll(input);
        model.addAttribute("input", values);
        return "instruments/record";
    }
}
