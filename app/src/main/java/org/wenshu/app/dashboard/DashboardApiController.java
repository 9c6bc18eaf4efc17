package org.wenshu.app.dashboard;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.Archive;

/** {@code GET /api/v1/dashboard}: the dashboard's figures (统计分析) for the office and prosecutors. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'PROSECUTOR')")
@Tag(name = "统计分析", description = "领导小组办公室和检察官：办理状态、按期回复率、采纳情况、逾期趋势")
public class DashboardApiController {

    private final SupervisionFigures figures;
    private final Archive archive;

    public DashboardApiController(SupervisionFigures figures, Archive archive) {
        this.figures = figures;
        this.archive = archive;
    }

    @GetMapping("/api/v1/dashboard")
    @Operation(summary = "统计数字", description = "year：发文年度（2000 至今年，空为全部）；unit：单位 id、全称或简称（发文或主送，空为全部）。"
            + "办公室看到全部文书，检察官看到本院（及院内办公室）所发文书。按期回复：首次回复的提交日期（Asia/Shanghai）不晚于回复期限。"
            + "sections 是页面和年度报告共用的统计表，含年度检查（inspection、work-points、resolutions、leads、inspection-evidence，"
            + "按所选年度，未选则为本年度）：检察官只看到本院的工作要点、议定事项和进展报告（其他单位显示“—”）及移送本院的线索。")
    public Map<String, Object> dashboard(@AuthenticationPrincipal @Parameter(hidden = true) WenshuUser user,
                                         @RequestParam(required = false) String year,
                                         @RequestParam(required = false) String unit) {
        return DashboardJson.of(figures.figures(FigureFilter.parse(year, unit, archive), user));
    }
}
