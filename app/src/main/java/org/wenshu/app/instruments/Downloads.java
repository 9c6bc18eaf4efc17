package org.wenshu.app.instruments;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * File responses for the pages: the archive's media type, the original name in {@code Content-Disposition} (RFC 6266
 * with the RFC 5987 UTF-8 form, so Chinese names survive) and {@code nosniff}, so a browser never runs an upload.
 */
public final class Downloads {

    private Downloads() {
    }

    /** The download as a response; {@code inline} lets PDFs open in the page's frame, others always download. */
    public static ResponseEntity<byte[]> of(Instruments.Download download, boolean inline) {
        MediaType type = MediaType.parseMediaType(download.file().mediaType());
        boolean showInline = inline && MediaType.APPLICATION_PDF.isCompatibleWith(type);
        ContentDisposition disposition = (showInline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(download.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(download.content());
    }
}
