package org.wenshu.app.reports;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The HTTP answer carrying a printed report: application/pdf, attachment with its Chinese file name, not cached. */
final class ReportDownload {

    private ReportDownload() {
    }

    static ResponseEntity<byte[]> of(SupervisionReports.Report report) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(report.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(report.pdf());
    }
}
