package org.wenshu.app.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.wenshu.app.api.InputInvalid;
import org.wenshu.app.dashboard.FigureFilter;
import org.wenshu.app.pages.PageController;
import org.wenshu.archive.Archive;

/** 年度报告 page ({@code /reports}, ADMIN): one click per year downloads the sealed report. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
public class ReportsController implements PageController {

    private final SupervisionReports reports;
    private final Archive archive;

    public ReportsController(SupervisionReports reports, Archive archive) {
        this.reports = reports;
        this.archive = archive;
    }

    @GetMapping("/reports")
    public String reports(Model model) {
        model.addAllAttributes(years());
        return "reports/reports";
    }

    /** The last ten years, newest first, and this year. */
    private Map<String, Object> years() {
        int current = archive.today().getYear();
        List<Integer> years = new ArrayList<>();
        for (int year = current; year >= Math.max(FigureFilter.FIRST_YEAR, current - 9); year--) {
            years.add(year);
        }
        return Map.of("years", years, "current", current);
    }

    /** A bad year in a typed-in download link: the page again with the message, status 400. */
    @ExceptionHandler(InputInvalid.class)
    public ModelAndView badYear(InputInvalid failure) {
        ModelAndView page = new ModelAndView("reports/reports", HttpStatus.BAD_REQUEST);
        page.addObject("error", failure.getMessage());
        page.addAllObjects(years());
        return page;
    }

    @GetMapping("/reports/{year}.pdf")
    public ResponseEntity<byte[]> download(@PathVariable String year) {
        return ReportDownload.of(reports.report(year));
    }
}
