package org.wenshu.app.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** File downloads of the API: the bytes with their media type and a {@code Content-Disposition} per RFC 6266. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * An attachment named {@code name}: {@code filename*=UTF-8''…} (RFC 8187 encoding, for the Chinese name) and a
     * plain ASCII {@code filename="…"} fallback for old clients, as RFC 6266 section 4.3 recommends.
     */
    public static ResponseEntity<byte[]> attachment(String name, String mediaType, byte[] content) {
        String encoded = ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
        String disposition = "attachment; filename=\"" + asciiFallback(name) + "\"; "
                + encoded.substring(encoded.indexOf("filename*="));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                .contentType(MediaType.parseMediaType(mediaType))
                .contentLength(content.length)
                .body(content);
    }

    /** The name with everything but printable ASCII (and the quote and backslash) replaced by {@code _}. */
    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return out.toString();
    }
}
