package org.wenshu.app.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.Downloads;
import org.wenshu.app.instruments.FirstPageImage;
import org.wenshu.app.instruments.Instruments;
import org.wenshu.app.instruments.RecordRow;
import org.wenshu.app.instruments.ResponseView;
import org.wenshu.app.instruments.Timeline;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.uploads.FileRefused;

/**
 * 收文 for an agency's liaison officer (联络员): the instruments addressed to their unit with the days left to
 * answer, each with its sealed PDF, and the response form — 整改措施, 整改结果, 采纳情况 and files, checked by the
 * archive before anything is stored, each refusal shown beside the files — and the replies sent, with receipts.
 */
@Controller
@RequestMapping("/inbox")
public class InboxController implements PageController {

    static final int PAGE_SIZE = 20;

    private final Instruments instruments;
    private final ZoneId zone;
    private final DataSize maxFileSize;
    private final DataSize maxResponseSize;
    private final int maxFiles;

    public InboxController(Instruments instruments, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone,
                           @Value("${wenshu.archive.limits.max-file-size:20MB}") DataSize maxFileSize,
                           @Value("${wenshu.archive.limits.max-response-size:50MB}") DataSize maxResponseSize,
                           @Value("${wenshu.archive.limits.max-files-per-response:10}") int maxFiles) {
        this.instruments = instruments;
        this.zone = zone;
        this.maxFileSize = maxFileSize;
        this.maxResponseSize = maxResponseSize;
        this.maxFiles = maxFiles;
    }

    @GetMapping
    public String inbox(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "main") String scope,
                        @RequestParam(defaultValue = "1") int page, Model model) {
        RecordQuery query = scope.equals("all") ? RecordQuery.all()
                : RecordQuery.all().addressedTo(user.unitId().orElseThrow());
        int current = Math.max(1, page);
        RecordQuery.Page result = instruments.list(user, query, (current - 1) * PAGE_SIZE, PAGE_SIZE);
        var today = instruments.today();
        model.addAttribute("rows", result.items().stream().map(r -> RecordRow.of(r, today, zone)).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("scope", scope.equals("all") ? "all" : "main");
        model.addAttribute("unit", instruments.access().unitOf(user).map(u -> u.name()).orElse(""));
        return "inbox/inbox";
    }

    @GetMapping("/{id}")
    public String show(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> sent, Model model) {
        sent.ifPresent(x -> model.addAttribute("notice", "回复已提交并归档，回执见下方。"));
        return page(user, id, Map.of(), Map.of(), model);
    }

    @GetMapping("/{id}/pdf")
    public ResponseEntity<byte[]> pdf(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                      @RequestParam Optional<String> download) {
        return Downloads.of(instruments.instrumentPdf(user, id), download.isEmpty());
    }

    @GetMapping("/{id}/page.png")
    public ResponseEntity<byte[]> firstPage(@AuthenticationPrincipal WenshuUser user, @PathVariable String id) {
        return FirstPageImage.of(instruments.instrumentPdf(user, id).content()).response();
    }

    @GetMapping("/{id}/responses/{responseId}/files/{index}")
    public ResponseEntity<byte[]> responseFile(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                                               @PathVariable String responseId, @PathVariable int index) {
        return Downloads.of(instruments.responseFile(user, id, responseId, index), false);
    }

    /** Files the response; htmx requests get a redirect header, or the form with its errors (to swap in). */
    @PostMapping("/{id}/responses")
    public String respond(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                          @RequestParam(defaultValue = "") String measures,
                          @RequestParam(defaultValue = "") String results,
                          @RequestParam(defaultValue = "") String adoption,
                          @RequestParam(name = "files", required = false) List<MultipartFile> files,
                          Model model, HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (measures.isBlank()) {
            errors.put("measures", "请填写整改措施");
        }
        if (results.isBlank()) {
            errors.put("results", "请填写整改结果");
        }
        Optional<Adoption> adopted = Adoption.parse(adoption);
        if (adopted.isEmpty()) {
            errors.put("adoption", "请选择采纳情况");
        }
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
        Map<String, String> input = Map.of("measures", measures, "results", results, "adoption", adoption);
        if (errors.isEmpty()) {
            try {
                instruments.respond(user, id, measures.strip(), results.strip(), adopted.get(), uploads);
                return redirect(request, response, "/inbox/" + id + "?sent");
            } catch (FileRefused refused) {
                errors.put("files", "文件「" + refused.fileName() + "」被拒收：" + refused.reason());
            } catch (ArchiveRefusal | AccessRefused refused) {
                errors.put("reply", refused.getMessage());
            }
        }
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(user, id, errors, input, model);
    }

    /**
     * A request past the server's multipart limits never reaches {@link #respond}: the form comes back with the
     * reason beside the files, and nothing is stored.
     */
    @ExceptionHandler(MultipartException.class)
    public ModelAndView uploadTooLarge(MultipartException failure, Principal principal, HttpServletRequest request,
                                       HttpServletResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        WenshuUser user = (WenshuUser) ((Authentication) principal).getPrincipal();
        String reason = failure instanceof MaxUploadSizeExceededException
                ? "文件过大：单个文件不得超过 " + maxFileSize.toMegabytes() + " MB，一次回复合计不得超过 "
                        + maxResponseSize.toMegabytes() + " MB，本次未保存任何内容"
                : "上传未完成或格式有误，本次未保存任何内容，请重新选择文件";
        ExtendedModelMap model = new ExtendedModelMap();
        String view = page(user, path.get("id"), Map.of("files", reason), Map.of(), model);
        response.setStatus(isHtmx(request) ? HttpStatus.OK.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return new ModelAndView(view, model);
    }

    private static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static String redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        if (isHtmx(request)) {
            response.setHeader("HX-Redirect", request.getContextPath() + path);
            return "inbox/sent";
        }
        return "redirect:" + path;
    }

    private String page(WenshuUser user, String id, Map<String, String> errors, Map<String, String> input,
                        Model model) {
        InstrumentRecord record = instruments.get(user, id);
        var today = instruments.today();
        String unit = instruments.access().unitOf(user).map(u -> u.name()).orElse("");
        List<StoredResponse> responses = instruments.responses(user, record.id());
        model.addAttribute("record", record);
        model.addAttribute("row", RecordRow.of(record, today, zone));
        model.addAttribute("pdfSize", "");
        // An agency sees its own unit's answers only; other addressees' answers stay out of its timeline too.
        model.addAttribute("timeline", Timeline.of(instruments.timeline(user, record.id()).stream()
                .filter(e -> !e.action().equals("RESPONDED") || e.actor().equals(unit)).toList(), zone));
        model.addAttribute("responses", responses.stream()
                .map(r -> ResponseView.of(r, "/inbox/" + record.id() + "/responses", zone)).toList());
        boolean answered = responses.stream().anyMatch(r -> r.unit().name().equals(unit));
        boolean addressee = instruments.access().canRespond(user, record) && !answered;
        // The archive takes a response only once delivery (送达) is recorded: the reply period runs from it.
        model.addAttribute("canRespond", addressee && record.status() == RecordStatus.DELIVERED);
        model.addAttribute("awaitingDelivery", addressee && record.status() == RecordStatus.ISSUED);
        model.addAttribute("adoptions", Adoption.values());
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("maxFileBytes", maxFileSize.toBytes());
        model.addAttribute("maxFileMb", maxFileSize.toMegabytes());
        model.addAttribute("maxFiles", maxFiles);
        return "inbox/record";
    }
}
