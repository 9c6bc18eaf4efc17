package org.wenshu.app.leads;

import java.security.Principal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.UnitNotFound;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadInvalid;
import org.wenshu.archive.leads.LeadNotFound;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadStatus;
import org.wenshu.archive.leads.LeadType;
import org.wenshu.archive.uploads.FileRefused;

/**
 * 线索移送 pages: an agency's 移送线索 form (each refusal beside its field) and its leads; the procuratorate's
 * received leads, register (收案登记簿) and the 受理 / 处理决定 / 结果反馈 forms; a lead's page with its timeline
 * for both sides and the office.
 */
@Controller
@RequestMapping("/leads")
public class LeadsController implements PageController {

    static final int PAGE_SIZE = 20;

    private final LeadCases cases;
    private final ZoneId zone;
    private final DataSize maxFileSize;
    private final int maxFiles;

    public LeadsController(LeadCases cases, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone,
                           @Value("${wenshu.archive.limits.max-file-size:20MB}") DataSize maxFileSize,
                           @Value("${wenshu.archive.limits.max-files-per-response:10}") int maxFiles) {
        this.cases = cases;
        this.zone = zone;
        this.maxFileSize = maxFileSize;
        this.maxFiles = maxFiles;
    }

    @GetMapping
    public String list(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String status,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        LeadQuery query = LeadQuery.all();
        Optional<LeadStatus> filter = java.util.Arrays.stream(LeadStatus.values()).filter(s -> s.name().equals(status)).findFirst();
        if (filter.isPresent()) {
            query = query.inStatus(filter.get());
        }
        int current = Math.max(1, page);
        LeadQuery.Page result = cases.list(user, query, (current - 1) * PAGE_SIZE, PAGE_SIZE);
        model.addAttribute("rows", result.items().stream().map(l -> LeadRow.of(l, zone)).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("status", filter.map(Enum::name).orElse(""));
        model.addAttribute("statuses", LeadStatus.values());
        model.addAttribute("heading", switch (user.role()) {
            case AGENCY -> "本单位移送的线索";
            case PROSECUTOR -> "收到的线索";
            default -> "全部线索";
        });
        model.addAttribute("canFile", cases.access().canFile(user));
        model.addAttribute("keepsRegister", cases.access().keepsRegister(user));
        return "leads/list";
    }

    @GetMapping("/new")
    public String form(@AuthenticationPrincipal WenshuUser user, Model model) {
        requireFiler(user);
        return form(Map.of(), Map.of(), model);
    }

    /** Files the lead; htmx requests get a redirect header, or the form with its errors (to swap in). */
    @PostMapping
    public String file(@AuthenticationPrincipal WenshuUser user,
                       @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String title,
                       @RequestParam(defaultValue = "") String facts, @RequestParam(defaultValue = "") String domain,
                       @RequestParam(defaultValue = "") String legalBasis,
                       @RequestParam(defaultValue = "") String receivingUnit,
                       @RequestParam(name = "files", required = false) List<MultipartFile> files,
                       Model model, HttpServletRequest request, HttpServletResponse response) {
        requireFiler(user);
        Map<String, String> input = Map.of("type", type, "title", title, "facts", facts, "domain", domain,
                "legalBasis", legalBasis, "receivingUnit", receivingUnit);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<LeadType> leadType = LeadType.parse(type);
        Optional<LeadDomain> leadDomain = LeadDomain.parse(domain);
        if (leadType.isEmpty()) {
            errors.put("type", "请选择线索类别");
        }
        if (title.isBlank()) {
            errors.put("title", "请填写线索标题");
        }
        if (facts.isBlank()) {
            errors.put("facts", "请填写线索事实");
        }
        if (leadDomain.isEmpty()) {
            errors.put("domain", "请选择所属领域");
        }
        if (legalBasis.isBlank()) {
            errors.put("legalBasis", "请填写您认为适用的法律依据");
        }
        if (receivingUnit.isBlank()) {
            errors.put("receivingUnit", "请选择接收线索的检察院");
        }
        if (errors.isEmpty()) {
            try {
                Lead lead = cases.file(user, receivingUnit, leadType.get(), title, facts, leadDomain.get(), legalBasis,
                        LeadsApiController.uploads(files));
                return redirect(request, response, "/leads/" + lead.id() + "?filed");
            } catch (FileRefused refused) {
                errors.put("files", "文件「" + refused.fileName() + "」被拒收：" + refused.reason() + "。本次未保存任何内容。");
            } catch (LeadInvalid invalid) {
                errors.put(invalid.field(), invalid.getMessage());
            } catch (UnitNotFound unknown) {
                errors.put("receivingUnit", unknown.getMessage());
            } catch (ArchiveRefusal refused) {
                errors.put("form", refused.getMessage());
            }
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(errors, input, model);
    }

    @GetMapping("/register")
    public String register(@AuthenticationPrincipal WenshuUser user, @RequestParam Optional<Integer> year, Model model) {
        List<Lead> entries = cases.register(user, year);
        model.addAttribute("rows", entries.stream().map(l -> LeadRow.of(l, zone)).toList());
        model.addAttribute("year", year.map(String::valueOf).orElse(""));
        return "leads/register";
    }

    @GetMapping("/{id}")
    public String show(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> filed, @RequestParam Optional<String> done, Model model) {
        filed.ifPresent(x -> model.addAttribute("notice", "线索已移送，检察院受理后将在此显示收案编号和办理过程。"));
        done.ifPresent(x -> model.addAttribute("notice", "已保存。"));
        return detail(user, id, Map.of(), Map.of(), model);
    }

    @PostMapping("/{id}/acknowledgement")
    public String acknowledge(@AuthenticationPrincipal WenshuUser user, @PathVariable String id, Model model,
                              HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            cases.acknowledge(user, id);
            return redirect(request, response, "/leads/" + id + "?done");
        } catch (ArchiveRefusal refused) {
            errors.put("acknowledge", refused.getMessage());
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.CONFLICT.value());
        return detail(user, id, errors, Map.of(), model);
    }

    @PostMapping("/{id}/decision")
    public String decide(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                         @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String reason,
                         @RequestParam(defaultValue = "") String transferTo, Model model,
                         HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> input = Map.of("decision", decision, "reason", reason, "transferTo", transferTo);
        Optional<LeadDecision> parsed = LeadDecision.parse(decision);
        if (parsed.isEmpty()) {
            errors.put("decision", "请选择处理决定");
        } else {
            try {
                cases.decide(user, id, parsed.get(), reason, transferTo);
                return redirect(request, response, "/leads/" + id + "?done");
            } catch (LeadInvalid invalid) {
                errors.put(invalid.field(), invalid.getMessage());
            } catch (ArchiveRefusal refused) {
                errors.put("decide", refused.getMessage());
            }
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return detail(user, id, errors, input, model);
    }

    @PostMapping("/{id}/result")
    public String conclude(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                           @RequestParam(defaultValue = "") String result,
                           @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                           HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> input = Map.of("result", result);
        if (result.isBlank()) {
            errors.put("result", "请填写结果反馈");
        } else {
            try {
                Optional<UploadedFile> upload = LeadsApiController.uploads(file == null ? List.of() : List.of(file))
                        .stream().findFirst();
                cases.conclude(user, id, result, upload);
                return redirect(request, response, "/leads/" + id + "?done");
            } catch (FileRefused refused) {
                errors.put("file", "文件「" + refused.fileName() + "」被拒收：" + refused.reason() + "。本次未保存任何内容。");
            } catch (LeadInvalid invalid) {
                errors.put(invalid.field(), invalid.getMessage());
            } catch (ArchiveRefusal refused) {
                errors.put("conclude", refused.getMessage());
            }
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return detail(user, id, errors, input, model);
    }

    @GetMapping("/{id}/files/{index}")
    public ResponseEntity<byte[]> download(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                           @PathVariable int index) {
        LeadCases.Download download = cases.file(user, id, index);
        return org.wenshu.app.api.Downloads.attachment(download.file().name(), download.file().mediaType(),
                download.content());
    }

    /** A post past the multipart limits: the form comes back with the reason beside the files; nothing is stored. */
    @ExceptionHandler(MultipartException.class)
    public ModelAndView uploadTooLarge(MultipartException failure, Principal principal, HttpServletRequest request,
                                       HttpServletResponse response) {
        String reason = failure instanceof MaxUploadSizeExceededException
                ? "文件过大：单个文件不得超过 " + maxFileSize.toMegabytes() + " MB，本次未保存任何内容"
                : "上传未完成或格式有误，本次未保存任何内容，请重新选择文件";
        ExtendedModelMap model = new ExtendedModelMap();
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String view;
        if (path != null && path.get("id") != null) {
            WenshuUser user = (WenshuUser) ((Authentication) principal).getPrincipal();
            view = detail(user, path.get("id"), Map.of("file", reason), Map.of(), model);
        } else {
            view = form(Map.of("files", reason), Map.of(), model);
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return new ModelAndView(view, model);
    }

    @ExceptionHandler(LeadNotFound.class)
    public ModelAndView notFound(LeadNotFound failure, HttpServletRequest request) {
        return errorPage(HttpStatus.NOT_FOUND, "error/404", "没有找到这条线索或文件，或者您无权查看。", request);
    }

    @ExceptionHandler(AccessRefused.class)
    public ModelAndView refused(AccessRefused failure, HttpServletRequest request) {
        return errorPage(HttpStatus.FORBIDDEN, "error/403", failure.getMessage(), request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    public ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return errorPage(HttpStatus.BAD_REQUEST, "error/4xx", "链接或表单不完整，请返回上一页重新操作。", request);
    }

    private static ModelAndView errorPage(HttpStatus status, String view, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        page.addObject("path", request.getRequestURI());
        return page;
    }

    private void requireFiler(WenshuUser user) {
        if (!cases.access().canFile(user)) {
            throw new AccessRefused("只有行政机关联络员可以移送线索");
        }
    }

    private String form(Map<String, String> errors, Map<String, String> input, Model model) {
        model.addAttribute("types", LeadType.values());
        model.addAttribute("domains", LeadDomain.values());
        model.addAttribute("procuratorates", cases.procuratorates());
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("maxFileBytes", maxFileSize.toBytes());
        model.addAttribute("maxFileMb", maxFileSize.toMegabytes());
        model.addAttribute("maxFiles", maxFiles);
        return "leads/new";
    }

    private String detail(WenshuUser user, String id, Map<String, String> errors, Map<String, String> input,
                          Model model) {
        Lead lead = cases.get(user, id);
        boolean handles = cases.access().canHandle(user, lead);
        model.addAttribute("lead", lead);
        model.addAttribute("row", LeadRow.of(lead, zone));
        model.addAttribute("timeline", LeadTimeline.of(cases.timeline(user, lead.id()), zone));
        model.addAttribute("canAcknowledge", handles && lead.status() == LeadStatus.FILED);
        model.addAttribute("canDecide", handles && lead.status() == LeadStatus.ACKNOWLEDGED);
        model.addAttribute("canConclude", handles && lead.status() == LeadStatus.DECIDED);
        model.addAttribute("decisions", LeadDecision.values());
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("maxFileBytes", maxFileSize.toBytes());
        model.addAttribute("maxFileMb", maxFileSize.toMegabytes());
        return "leads/lead";
    }

    private static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static String redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        if (isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + path);
            return "leads/sent";
        }
        return "redirect:" + path;
    }
}
