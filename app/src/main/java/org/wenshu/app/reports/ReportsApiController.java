package org.wenshu.app.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/{year}}: the sealed yearly supervision report (PDF/A-2b), for the office (ADMIN). */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "年度报告", description = "领导小组办公室：府检联动工作情况报告")
public class ReportsApiController {

    private final SupervisionReports reports;

    public ReportsApiController(SupervisionReports reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/api/v1/reports/{year}", produces = "application/pdf")
    @Operation(summary = "年度报告 PDF", description = "year 为 2000 至今年的四位年份。统计数字与 GET /api/v1/dashboard?year= 相同，"
            + "加盖领导小组办公室印章；报告不作为档案记录保存，每次按当日数据生成。",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf")))
    public ResponseEntity<byte[]> report(@PathVariable String year) {
        return ReportDownload.of(reports.report(year));
    }
}
