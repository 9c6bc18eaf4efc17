package org.wenshu.app.workpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.Downloads;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.ArchiveRefusal;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.tracking.EvidenceFile;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemNotFound;
import org.wenshu.archive.tracking.ListRefused;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.RowProblem;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.uploads.FileRefused;

/**
 * 工作要点 pages. The office (领导小组办公室): create or import (XLSX) a year's list, add points, publish it, export
 * it, see every point with each responsible unit's status and overdue flags, accept or return reports. A member
 * unit's liaison: 我的工作要点 (the items its unit is responsible for, work points and meeting resolutions alike) and
 * the report form — text, completion date and evidence files, each problem shown beside its field.
 */
@Controller
@RequestMapping("/workpoints")
public class WorkPointsController implements PageController {

    private final WorkPoints workPoints;
    private final ZoneId zone;
    private final DataSize maxFileSize;

    public WorkPointsController(WorkPoints workPoints, @Value("${wenshu.archive.zone:Asia/Shanghai}") ZoneId zone,
                                @Value("${wenshu.archive.limits.max-file-size:20MB}") DataSize maxFileSize) {
        this.workPoints = workPoints;
        this.zone = zone;
        this.maxFileSize = maxFileSize;
    }

    // ---------------------------------------------------------------- lists

    @GetMapping
    public String lists(@AuthenticationPrincipal WenshuUser user, Model model) {
        return listsPage(user, Map.of(), Map.of(), List.of(), model);
    }

    private String listsPage(WenshuUser user, Map<String, String> errors, Map<String, String> input,
                             List<RowProblem> rows, Model model) {
        model.addAttribute("lists", workPoints.lists(user, Optional.empty()));
        model.addAttribute("office", workPoints.access().isOffice(user));
        model.addAttribute("year", workPoints.today().getYear());
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("rowProblems", rows);
        model.addAttribute("zone", zone);
        return "workpoints/lists";
    }

    @PostMapping("/lists")
    public String create(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String year,
                         @RequestParam(defaultValue = "") String title, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer y = year(year, "year", errors);
        if (title.isBlank()) {
            errors.put("title", "请填写清单名称");
        }
        if (errors.isEmpty()) {
            try {
                return "redirect:/workpoints/lists/" + workPoints.createList(user, y, title, List.of()).id();
            } catch (ArchiveRefusal refused) {
                errors.put("title", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listsPage(user, errors, Map.of("year", year, "title", title), List.of(), model);
    }

    @PostMapping("/lists/import")
    public String importList(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "") String year,
                             @RequestParam(defaultValue = "") String title,
                             @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                             HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer y = year(year, "importYear", errors);
        if (title.isBlank()) {
            errors.put("importTitle", "请填写清单名称");
        }
        if (file == null || file.isEmpty()) {
            errors.put("file", "请选择 .xlsx 清单文件");
        }
        List<RowProblem> rows = List.of();
        if (errors.isEmpty()) {
            try {
                return "redirect:/workpoints/lists/" + workPoints.importList(user, y, title, bytes(file)).id() + "?imported";
            } catch (ListRefused refused) {
                errors.put("file", "清单有 " + refused.problems().size() + " 处问题，未导入任何内容，请修改后重新上传：");
                rows = refused.problems();
            } catch (ArchiveRefusal refused) {
                errors.put("file", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listsPage(user, errors, Map.of("importYear", year, "importTitle", title), rows, model);
    }

    @GetMapping("/lists/{id}")
    public String list(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> imported, @RequestParam Optional<String> published, Model model) {
        imported.ifPresent(x -> model.addAttribute("notice", "清单已导入为草稿，核对无误后请发布。"));
        published.ifPresent(x -> model.addAttribute("notice", "清单已发布，各责任单位可见并报送进展。"));
        return listPage(user, id, Map.of(), Map.of(), model);
    }

    private String listPage(WenshuUser user, String id, Map<String, String> errors, Map<String, String> input,
                            Model model) {
        ItemList list = workPoints.list(user, id);
        List<TrackedItem> items = workPoints.items(user, id);
        model.addAttribute("list", list);
        model.addAttribute("items", items);
        model.addAttribute("office", workPoints.access().isOffice(user));
        model.addAttribute("unit", workPoints.access().reportingUnit(user).orElse(""));
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("units", workPoints.units());
        model.addAttribute("nextNumber", items.stream().mapToInt(TrackedItem::number).max().orElse(0) + 1);
        return "workpoints/list";
    }

    @PostMapping("/lists/{id}/items")
    public String addItem(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                          @RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String title,
                          @RequestParam(defaultValue = "") String description,
                          @RequestParam(defaultValue = "") String leadUnit,
                          @RequestParam(defaultValue = "") String coUnits,
                          @RequestParam(defaultValue = "") String deadline, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        int n = 0;
        try {
            n = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            errors.put("number", org.wenshu.app.api.TypedValues.wholeNumber(number) ? "序号超出范围，须为不超过 "
                    + Integer.MAX_VALUE + " 的正整数" : "序号须为正整数");
        }
        if (errors.isEmpty()) {
            try {
                workPoints.addItem(user, id, new ItemDraft(n, title, description, leadUnit, List.of(coUnits), deadline));
                return "redirect:/workpoints/lists/" + id;
            } catch (ListRefused refused) {
                for (RowProblem problem : refused.problems()) {
                    errors.merge(field(problem.column()), problem.reason(), (a, b) -> a + "；" + b);
                }
            } catch (ArchiveRefusal refused) {
                errors.put("point", refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return listPage(user, id, errors, Map.of("number", number, "title", title, "description", description,
                "leadUnit", leadUnit, "coUnits", coUnits, "deadline", deadline), model);
    }

    private static String field(String column) {
        return switch (column) {
            case "序号" -> "number";
            case "工作要点" -> "title";
            case "具体内容" -> "description";
            case "牵头单位" -> "leadUnit";
            case "配合单位" -> "coUnits";
            case "完成时限" -> "deadline";
            default -> "point";
        };
    }

    @PostMapping("/lists/{id}/publish")
    public String publish(@AuthenticationPrincipal WenshuUser user, @PathVariable String id, Model model,
                          HttpServletResponse response) {
        try {
            workPoints.publish(user, id);
            return "redirect:/workpoints/lists/" + id + "?published";
        } catch (ArchiveRefusal refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return listPage(user, id, Map.of("publish", refused.getMessage()), Map.of(), model);
        }
    }

    @GetMapping("/lists/{id}/export.xlsx")
    public ResponseEntity<byte[]> export(@AuthenticationPrincipal WenshuUser user, @PathVariable String id) {
        ItemList list = workPoints.list(user, id);
        return Downloads.attachment(list.title() + ".xlsx", WorkPointsApiController.XLSX, workPoints.export(user, id));
    }

    // ---------------------------------------------------------------- items

    @GetMapping("/mine")
    public String mine(@AuthenticationPrincipal WenshuUser user, @RequestParam(defaultValue = "false") boolean overdue,
                       Model model) {
        String unit = workPoints.access().reportingUnit(user)
                .orElseThrow(() -> new AccessRefused("只有成员单位的联络员有「我的工作要点」"));
        model.addAttribute("items", workPoints.items(user, Optional.empty(), overdue, Optional.empty()));
        model.addAttribute("unit", unit);
        model.addAttribute("unitName", workPoints.units().stream().filter(u -> u.id().equals(unit)).findFirst()
                .map(u -> u.name()).orElse(unit));
        model.addAttribute("overdue", overdue);
        return "workpoints/mine";
    }

    @GetMapping("/items/{id}")
    public String item(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                       @RequestParam Optional<String> sent, @RequestParam Optional<String> decided, Model model) {
        sent.ifPresent(x -> model.addAttribute("notice", "进展已报送，待办公室验收。"));
        decided.ifPresent(x -> model.addAttribute("notice", "returned".equals(x) ? "已退回，责任单位将重新报送。" : "已验收。"));
        return itemPage(user, id, Map.of(), Map.of(), model);
    }

    private String itemPage(WenshuUser user, String id, Map<String, String> errors, Map<String, String> input,
                            Model model) {
        TrackedItem item = workPoints.item(user, id);
        boolean office = workPoints.access().isOffice(user);
        Optional<String> unit = workPoints.access().reportingUnit(user);
        model.addAttribute("item", item);
        model.addAttribute("office", office);
        model.addAttribute("progress", office ? item.units()
                : item.units().stream().filter(u -> unit.filter(u.unit().id()::equals).isPresent()).toList());
        model.addAttribute("reports", workPoints.reports(user, id));
        model.addAttribute("list", item.listId().map(listId -> workPoints.list(user, listId)).orElse(null));
        model.addAttribute("canReport", workPoints.access().canReport(user, item) && unit.flatMap(item::progressOf)
                .map(p -> p.status().name()).filter(s -> s.equals("OPEN") || s.equals("RETURNED") || s.equals("OVERDUE"))
                .isPresent());
        model.addAttribute("errors", errors);
        model.addAttribute("input", input);
        model.addAttribute("zone", zone);
        model.addAttribute("today", workPoints.today());
        model.addAttribute("maxFileMb", maxFileSize.toMegabytes());
        return "workpoints/item";
    }

    @PostMapping("/items/{id}/reports")
    public String report(@AuthenticationPrincipal WenshuUser user, @PathVariable String id,
                         @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String completedOn,
                         @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
                         HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (text.isBlank()) {
            errors.put("text", "请填写进展情况");
        }
        Optional<LocalDate> completed = Optional.empty();
        if (!completedOn.isBlank()) {
            try {
                completed = Optional.of(LocalDate.parse(completedOn.strip()));
            } catch (DateTimeParseException e) {
                errors.put("completedOn", org.wenshu.app.api.TypedValues.nonexistentDate(completedOn)
                        ? "完成" + org.wenshu.app.api.TypedValues.dateDoesNotExist(completedOn)
                        : "完成日期格式不对，请按 年-月-日 填写");
            }
        }
        List<UploadedFile> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
                continue; // the empty part a browser sends when no file was chosen
            }
            uploads.add(new UploadedFile(Optional.ofNullable(file.getOriginalFilename()).orElse("未命名文件"), bytes(file)));
        }
        if (errors.isEmpty()) {
            try {
                workPoints.submit(user, id, text, completed, uploads);
                return redirect(request, response, "/workpoints/items/" + id + "?sent");
            } catch (FileRefused refused) {
                errors.put("files", "文件「" + refused.fileName() + "」被拒收：" + refused.reason() + "（未保存任何内容）");
            } catch (ArchiveRefusal refused) {
                String message = refused.getMessage();
                errors.put(message.contains("完成日期") ? "completedOn" : message.contains("佐证材料") ? "files"
                        : message.contains("进展情况") ? "text" : "report", message);
            }
        }
        response.setStatus("true".equals(request.getHeader("HX-Request")) ? HttpStatus.OK.value()
                : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return itemPage(user, id, errors, Map.of("text", text, "completedOn", completedOn), model);
    }

    private static String redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + path);
            return "workpoints/sent";
        }
        return "redirect:" + path;
    }

    @PostMapping("/reports/{reportId}/accept")
    public String accept(@AuthenticationPrincipal WenshuUser user, @PathVariable String reportId,
                         @RequestParam(defaultValue = "") String reason) {
        ProgressReport report = workPoints.accept(user, reportId, Optional.of(reason));
        return "redirect:/workpoints/items/" + report.itemId() + "?decided=accepted";
    }

    @PostMapping("/reports/{reportId}/return")
    public String returnReport(@AuthenticationPrincipal WenshuUser user, @PathVariable String reportId,
                               @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        ProgressReport report = workPoints.report(user, reportId);
        if (reason.isBlank()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return itemPage(user, report.itemId(), Map.of("reason-" + reportId, "退回须说明理由"), Map.of(), model);
        }
        workPoints.returnReport(user, reportId, reason);
        return "redirect:/workpoints/items/" + report.itemId() + "?decided=returned";
    }

    @GetMapping("/reports/{reportId}/files/{index}")
    public ResponseEntity<byte[]> evidence(@AuthenticationPrincipal WenshuUser user, @PathVariable String reportId,
                                           @PathVariable int index) {
        ProgressReport report = workPoints.report(user, reportId);
        EvidenceFile file = report.files().stream().filter(f -> f.index() == index).findFirst()
                .orElseThrow(() -> new ItemNotFound("佐证材料", reportId + "/" + index));
        return Downloads.attachment(file.name(), file.mediaType(), workPoints.evidence(user, reportId, index));
    }

    // ---------------------------------------------------------------- failures

    /**
     * A report past the server's multipart limits never reaches {@link #report}: the form comes back with the reason
     * beside the files, and nothing is stored.
     */
    @ExceptionHandler(MultipartException.class)
    ModelAndView uploadRefused(MultipartException failure, java.security.Principal principal, HttpServletRequest request,
                               HttpServletResponse response) {
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        WenshuUser user = (WenshuUser) ((org.springframework.security.core.Authentication) principal).getPrincipal();
        String reason = failure instanceof MaxUploadSizeExceededException
                ? "文件过大：单个文件不得超过 " + maxFileSize.toMegabytes() + " MB，本次未保存任何内容"
                : "上传未完成或格式有误，本次未保存任何内容，请重新选择文件";
        if (path == null || path.get("id") == null) {
            return failure(HttpStatus.BAD_REQUEST, "error/4xx", reason, request);
        }
        ExtendedModelMap model = new ExtendedModelMap();
        String view = itemPage(user, path.get("id"), Map.of("files", reason), Map.of(), model);
        response.setStatus("true".equals(request.getHeader("HX-Request")) ? HttpStatus.OK.value()
                : HttpStatus.UNPROCESSABLE_CONTENT.value());
        return new ModelAndView(view, model);
    }

    @ExceptionHandler(ItemNotFound.class)
    ModelAndView notFound(ItemNotFound failure, HttpServletRequest request) {
        return failure(HttpStatus.NOT_FOUND, "error/404", "没有找到这个工作要点或报告，或者您无权查看。", request);
    }

    @ExceptionHandler(AccessRefused.class)
    ModelAndView refused(AccessRefused failure, HttpServletRequest request) {
        return failure(HttpStatus.FORBIDDEN, "error/403", failure.getMessage(), request);
    }

    @ExceptionHandler(org.wenshu.archive.TransitionRefused.class)
    ModelAndView conflict(RuntimeException failure, HttpServletRequest request) {
        return failure(HttpStatus.CONFLICT, "error/4xx", failure.getMessage(), request);
    }

    private static ModelAndView failure(HttpStatus status, String view, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        page.addObject("path", request.getRequestURI());
        return page;
    }

    private static Integer year(String text, String field, Map<String, String> errors) {
        try {
            int y = Integer.parseInt(text.strip());
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "年度须为 2000–2100 之间的整数");
        return null;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
