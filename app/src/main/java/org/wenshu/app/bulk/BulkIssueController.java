package org.wenshu.app.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.ResourceNotFound;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.pages.PageController;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

/**
 * 批量发文 (office and prosecutors): choose the type, upload the recipient list and the base data, see every bad row
 * (row, column, reason) before anything is issued, confirm, then watch the job's progress (htmx polling) up to its
 * skip report and the issued records. Confirming the same upload twice shows the one execution it started.
 */
@Controller
@RequestMapping("/bulk-issues")
public class BulkIssueController implements PageController, org.wenshu.app.web.UploadForm {

    /** How to name the encoding of a GBK list on this page: its 「CSV 编码」 choice. */
    static final String ENCODING_HINT = "，或在本页「CSV 编码」中选择“GB18030 / GBK”后重新上传";

    private final BulkIssues bulk;

    public BulkIssueController(BulkIssues bulk) {
        this.bulk = bulk;
    }

    /** The upload form and the recent bulk issues the user may see. */
    @GetMapping
    public String form(@AuthenticationPrincipal WenshuUser user, Model model) {
        return form(user, model, Optional.empty(), Optional.empty(), "");
    }

    /**
     * A recipient-list template for {@code type}: a UTF-8 CSV (with BOM, so that Excel opens it as UTF-8) whose header
     * names every field of the type by its Chinese label except the document number; a blank cell keeps the base
     * data's value.
     */
    @GetMapping("/template.csv")
    public ResponseEntity<byte[]> template(@RequestParam String type) {
        InstrumentType chosen;
        try {
            chosen = bulk.templateType(type);
        } catch (org.wenshu.templates.UnknownInstrumentType unknown) {
            throw new ResourceNotFound("没有文书类型 " + type);
        } // TypeIssuedElsewhere (会议纪要): PageFailures answers 422 with where they are recorded

        String header = CSVFormat.RFC4180.format(chosen.fields().stream()
                .filter(field -> !field.name().equals(InstrumentCatalog.DOCUMENT_NUMBER_FIELD))
                .map(FieldSpec::label).toArray());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(chosen.name() + "名单模板.csv", StandardCharsets.UTF_8).build().toString())
                .body(("\uFEFF" + header + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps the upload and shows the row-by-row check with the confirmation, or the form with the reason (422). */
    @PostMapping("/validation")
    public String validate(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String type,
                           @RequestParam(required = false) MultipartFile list,
                           @RequestParam(required = false) MultipartFile data,
                           @RequestParam(defaultValue = "") String encoding, Model model, HttpServletResponse response) {
        try {
            StoredUpload stored = bulk.store(user, new BulkUpload(type, list == null ? "" : list.getOriginalFilename(),
                    bytes(list), bytes(data), Optional.of(encoding).filter(e -> !e.isBlank()), Optional.empty(),
                    data == null ? "" : data.getOriginalFilename()));
            return preview(bulk.validate(user, stored), "", model);
        } catch (UploadRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("type", type);
            return form(user, model, Optional.of(refused.field()), Optional.of(refused.message(ENCODING_HINT)), "");
        }
    }

    /** Starts the confirmed upload (or finds its execution) and goes to its progress page. */
    @PostMapping
    public String start(@AuthenticationPrincipal WenshuUser user, @RequestParam String type,
                        @RequestParam String listFile, @RequestParam String dataFile,
                        @RequestParam(defaultValue = "") String listName, @RequestParam(defaultValue = "") String dataName,
                        @RequestParam(defaultValue = "") String encoding, Model model, HttpServletResponse response) {
        StoredUpload upload;
        try {
            upload = new StoredUpload(type, listFile, dataFile, Optional.of(encoding), Optional.empty(), listName,
                    dataName);
            BulkIssues.Started started = bulk.start(user, upload);
            return "redirect:/bulk-issues/" + started.executionId() + (started.started() ? "" : "?again");
        } catch (UploadRefused refused) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(user, model, Optional.of(refused.field()), Optional.of(refused.message(ENCODING_HINT)), "");
        } catch (RowsRefused refused) {
            response.setStatus(refused.kind().equals("rows-forbidden") ? HttpStatus.FORBIDDEN.value()
                    : HttpStatus.UNPROCESSABLE_CONTENT.value());
            return preview(bulk.validate(user, new StoredUpload(type, listFile, dataFile, Optional.of(encoding),
                    Optional.empty(), listName, dataName)), refused.getMessage(), model);
        } catch (ExecutionConflict conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(user, model, Optional.empty(), Optional.empty(), conflict.getMessage());
        }
    }

    /** The progress page of one execution. */
    @GetMapping("/{id}")
    public String execution(@AuthenticationPrincipal WenshuUser user, @PathVariable long id,
                            @RequestParam Optional<String> again, Model model) {
        progressModel(user, id, model);
        model.addAttribute("again", again.isPresent());
        model.addAttribute("message", "");
        return "bulk/execution";
    }

    /**
     * 继续发文: resumes a failed or interrupted execution's list from its last commit and goes to the new execution's
     * page; a second click (or a resumed, running or completed execution) goes to the execution that does the work.
     */
    @PostMapping("/{id}/restart")
    public String restart(@AuthenticationPrincipal WenshuUser user, @PathVariable long id, Model model,
                          HttpServletResponse response) {
        try {
            return "redirect:/bulk-issues/" + bulk.restart(user, id).executionId();
        } catch (RestartRefused refused) {
            if (refused.where().isPresent()) {
                return "redirect:/bulk-issues/" + refused.where().get() + "?again";
            }
            response.setStatus(HttpStatus.CONFLICT.value());
            progressModel(user, id, model);
            model.addAttribute("again", false);
            model.addAttribute("message", refused.getMessage());
            return "bulk/execution";
        } catch (UploadRefused | RowsRefused refused) {
            response.setStatus(refused instanceof RowsRefused rows && rows.kind().equals("rows-forbidden")
                    ? HttpStatus.FORBIDDEN.value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            progressModel(user, id, model);
            model.addAttribute("again", false);
            model.addAttribute("message", refused instanceof UploadRefused upload ? upload.message(ENCODING_HINT)
                    : refused.getMessage());
            return "bulk/execution";
        }
    }

    /** The progress fragment the page polls (htmx) while the job runs; the final one carries the report. */
    @GetMapping("/{id}/progress")
    public String progress(@AuthenticationPrincipal WenshuUser user, @PathVariable long id, Model model) {
        progressModel(user, id, model);
        return "bulk/execution :: progress";
    }

    private void progressModel(WenshuUser user, long id, Model model) {
        BulkProgress progress = bulk.progress(user, id);
        model.addAttribute("progress", progress);
        model.addAttribute("records", progress.running() ? List.of() : bulk.issued(user, id, 0, RECORDS_SHOWN));
        model.addAttribute("recordsShown", RECORDS_SHOWN);
    }

    private static final int RECORDS_SHOWN = 200;

    private String preview(BulkPreview preview, String message, Model model) {
        model.addAttribute("preview", preview);
        model.addAttribute("message", message);
        return "bulk/preview";
    }

    private String form(WenshuUser user, Model model, Optional<String> field, Optional<String> error, String message) {
        model.addAttribute("types", bulk.types());
        model.addAttribute("errorField", field.orElse(""));
        model.addAttribute("error", error.orElse(""));
        model.addAttribute("message", message);
        model.addAttribute("maxListBytes", bulk.limits().maxListBytes());
        model.addAttribute("maxRows", bulk.limits().maxRows());
        model.addAttribute("listLimit", BulkUploads.listLimit(bulk.limits()));
        model.addAttribute("listTooLarge", BulkUploads.listTooLarge("{name}", bulk.limits()));
        model.addAttribute("recent", bulk.recent(user, 20));
        if (!model.containsAttribute("type")) {
            model.addAttribute("type", "meeting-notice");
        }
        return "bulk/new";
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? new byte[0] : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- failures as pages ----------------------------------------------------------------------------------------

    @ExceptionHandler(ResourceNotFound.class)
    ModelAndView notFound(ResourceNotFound failure) {
        return error(HttpStatus.NOT_FOUND, "error/404", failure.getMessage());
    }

    @ExceptionHandler(AccessRefused.class)
    ModelAndView refused(AccessRefused failure) {
        return error(HttpStatus.FORBIDDEN, "error/403", failure.getMessage());
    }

    /** An upload past a size limit that reached this controller: the form again, the reason beside the part. */
    @ExceptionHandler(MultipartException.class)
    ModelAndView tooLarge(MultipartException failure, HttpServletResponse response) {
        if (!(failure instanceof org.springframework.web.multipart.MaxUploadSizeExceededException)) {
            return error(HttpStatus.BAD_REQUEST, "error/4xx", "上传的表单不完整或格式错误，请返回上一页重新上传。");
        }
        ModelAndView page = tooLarge(failure);
        return page != null ? page : error(HttpStatus.CONTENT_TOO_LARGE, "error/413",
                BulkIssuesApiController.tooLarge(failure, bulk).message());
    }

    @Override
    public String uploadPath() {
        return "/bulk-issues/validation";
    }

    /**
     * The upload form with the reason beside the part at fault (413), as the API states it; null without a signed-in
     * user who may bulk issue.
     */
    @Override
    public ModelAndView tooLarge(Throwable failure) {
        org.springframework.security.core.Authentication who = org.springframework.security.core.context
                .SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !(who.getPrincipal() instanceof WenshuUser user)) {
            return null;
        }
        MultipartException multipart = failure instanceof MultipartException m ? m
                : new org.springframework.web.multipart.MaxUploadSizeExceededException(-1, failure);
        BulkIssuesApiController.TooLarge tooLarge = BulkIssuesApiController.tooLarge(multipart, bulk);
        org.springframework.ui.ExtendedModelMap model = new org.springframework.ui.ExtendedModelMap();
        try {
            String view = form(user, model, Optional.of(tooLarge.field()), Optional.of(tooLarge.message()), "");
            ModelAndView page = new ModelAndView(view, model, HttpStatus.CONTENT_TOO_LARGE);
            return page;
        } catch (AccessRefused notAnIssuer) {
            return null;
        }
    }

    private static ModelAndView error(HttpStatus status, String view, String message) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }
}
