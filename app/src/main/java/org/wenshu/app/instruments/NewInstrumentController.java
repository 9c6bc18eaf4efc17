package org.wenshu.app.instruments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssuingFailed;
import org.wenshu.archive.IssuingInProgress;
import org.wenshu.archive.NumberTaken;
import org.wenshu.archive.Unit;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.generator.UncoveredCharacters;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldsInvalid;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;
import org.wenshu.templates.TemplateRenderer;

/**
 * 拟制文书: choose a type, fill in the form generated from its fields (checked by the CLI's validator, each problem
 * beside its field), preview the first page, then issue once per form (the form's idempotency key).
 */
@Controller
@RequestMapping("/instruments")
public class NewInstrumentController implements PageController {

    private final Instruments instruments;
    private final InstrumentCatalog catalog;
    private final Archive archive;
    private final FirstPagePreview preview;

    public NewInstrumentController(Instruments instruments, InstrumentCatalog catalog, Archive archive,
                                   TemplateRenderer templates, PdfRenderer pdf) {
        this.instruments = instruments;
        this.catalog = catalog;
        this.archive = archive;
        this.preview = new FirstPagePreview(templates, pdf);
    }

    /** The type chooser, or with {@code type} the empty form of that type. */
    @GetMapping("/new")
    public String form(@AuthenticationPrincipal WenshuUser user, @RequestParam Optional<String> type, Model model) {
        if (type.isEmpty()) {
            model.addAttribute("types", catalog.standaloneTypes()); // 会议纪要 are recorded from their meeting
            return "instruments/types";
        }
        InstrumentType chosen = catalog.require(type.get());
        if (chosen.id().equals(InstrumentCatalog.MEETING_MINUTES)) {
            return "redirect:/meetings"; // minutes are recorded from their meeting's notice, prefilled from it
        }
        Map<String, Object> values = new LinkedHashMap<>();
        issuingUnits(user).stream().findFirst().ifPresent(unit -> values.put(InstrumentCatalog.ISSUING_UNIT_FIELD,
                unit.name()));
        values.put(InstrumentCatalog.DATE_FIELD, instruments.today().toString());
        return form(user, chosen, values, List.of(), List.of(), UUID.randomUUID().toString(), model);
    }

    /** The preview fragment (htmx): the first page as an image, or the problems that prevent it. */
    @PostMapping("/new/preview")
    public String preview(@AuthenticationPrincipal WenshuUser user, @RequestParam String type,
                          @RequestParam MultiValueMap<String, String> form, Model model) {
        InstrumentType chosen = catalog.require(type);
        Map<String, Object> values = InstrumentForm.values(chosen, form);
        model.addAttribute("preview", preview.render(chosen, values, instruments.today().getYear()));
        return "instruments/new :: preview";
    }

    /** Issues the instrument, or shows the form again with every problem beside its field (HTTP 422). */
    @PostMapping
    public String issue(@AuthenticationPrincipal WenshuUser user, @RequestParam String type,
                        @RequestParam("idempotencyKey") String key, @RequestParam MultiValueMap<String, String> form,
                        Model model, HttpServletResponse response) {
        InstrumentType chosen = catalog.require(type);
        Map<String, Object> values = InstrumentForm.values(chosen, form);
        List<FieldInvalid> problems = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        try {
            InstrumentRecord record = issueOnce(user, chosen, values, key);
            return "redirect:/instruments/" + record.id() + "?issued";
        } catch (FieldsInvalid invalid) {
            problems.addAll(invalid.problems());
        } catch (UncoveredCharacters uncovered) {
            uncovered.fields().forEach(field -> problems.add(new FieldInvalid(field.field(), field.label(),
                    "含有字体无法显示的字符：" + field.describe().substring(field.describe().indexOf('：') + 1))));
        } catch (AccessRefused refused) {
            problems.add(new FieldInvalid(InstrumentCatalog.ISSUING_UNIT_FIELD, "发文机关", refused.getMessage()));
        } catch (org.wenshu.app.signing.UnitSealMissing unsealed) {
            problems.add(new FieldInvalid(InstrumentCatalog.ISSUING_UNIT_FIELD, "发文机关", unsealed.getMessage()));
        } catch (org.wenshu.templates.NumberCodeNotOwn notOwn) {
            problems.add(new FieldInvalid(InstrumentCatalog.ISSUING_UNIT_FIELD, "发文机关", notOwn.getMessage()));
        } catch (ArchiveRefusal | IssuingFailed | IssuingInProgress | NumberTaken refused) {
            messages.add(refused.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("messages", messages);
        return form(user, chosen, values, problems, messages, key, model);
    }

    /**
     * Issues with the form's key; a second submission of the same form (a double click) waits for the first and
     * gets its record instead of a second number.
     */
    private InstrumentRecord issueOnce(WenshuUser user, InstrumentType type, Map<String, Object> values, String key) {
        String idempotencyKey = "form-" + user.account().id() + "-" + key;
        for (int attempt = 0; ; attempt++) {
            try {
                return instruments.issue(user, type.id(), values, Optional.of(idempotencyKey));
            } catch (IssuingInProgress inProgress) {
                if (attempt >= 40) {
                    throw inProgress;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inProgress;
                }
            }
        }
    }

    private String form(WenshuUser user, InstrumentType type, Map<String, Object> values, List<FieldInvalid> problems,
                        List<String> messages, String key, Model model) {
        model.addAttribute("type", type);
        model.addAttribute("inputs", InstrumentForm.inputs(type, values, problems, issuingUnits(user), archive.units()));
        model.addAttribute("unplaced", InstrumentForm.unplaced(type, problems));
        model.addAttribute("messages", messages);
        model.addAttribute("problemCount", problems.size());
        model.addAttribute("idempotencyKey", key);
        return "instruments/new";
    }

    private List<Unit> issuingUnits(WenshuUser user) {
        if (user.role() == Role.ADMIN) {
            return archive.units().stream()
                    .filter(unit -> unit.kind().equals("PROCURATORATE") || unit.kind().equals("OFFICE")).toList();
        }
        var scope = instruments.access().issuingScope(user);
        return archive.units().stream().filter(unit -> scope.contains(unit.id())).toList();
    }
}
