package org.wenshu.app.dashboard;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.web.Problems;
import org.wenshu.archive.Archive;

/**
 * 统计分析 page: the figures as captioned tables (readable without script, copyable) and, drawn over them by
 * {@code js/dashboard.js} with ECharts, as charts. The script reads {@code /dashboard/figures}: the same JSON as
 * {@code GET /api/v1/dashboard}, on the page's session, because the API chain by design never reads a browser session.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'PROSECUTOR')")
public class DashboardController {

    private final SupervisionFigures figures;
    private final Archive archive;

    public DashboardController(SupervisionFigures figures, Archive archive) {
        this.figures = figures;
        this.archive = archive;
    }

    @GetMapping("/dashboard")
    public String dashboard(@AuthenticationPrincipal WenshuUser user, @RequestParam(required = false) String year,
                            @RequestParam(required = false) String unit, Model model) {
        model.addAttribute("units", archive.units());
        model.addAttribute("year", year == null ? "" : year.strip());
        model.addAttribute("unit", unit == null ? "" : unit.strip());
        model.addAttribute("currentYear", archive.today().getYear());
        FigureFilter filter;
        try {
            filter = FigureFilter.parse(year, unit, archive);
        } catch (InputInvalid e) {
            model.addAttribute("fieldError", Map.of(e.field(), e.getMessage()));
            filter = FigureFilter.all();
            model.addAttribute("year", "");
            model.addAttribute("unit", "");
        }
        model.addAttribute("figures", figures.figures(filter, user));
        return "dashboard/dashboard";
    }

    /** A bad filter in the page's data request: a problem document naming the parameter, status 400. */
    @ExceptionHandler(InputInvalid.class)
    public ResponseEntity<ProblemDetail> badFilter(InputInvalid failure) {
        ProblemDetail problem = Problems.invalid(failure.getMessage(),
                java.util.List.of(new Problems.FieldError(failure.field(), failure.getMessage())));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @GetMapping(value = "/dashboard/figures", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public Map<String, Object> data(@AuthenticationPrincipal WenshuUser user, @RequestParam(required = false) String year,
                                    @RequestParam(required = false) String unit) {
        return DashboardJson.of(figures.figures(FigureFilter.parse(year, unit, archive), user));
    }
}
