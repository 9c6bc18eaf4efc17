package org.wenshu.app.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses URL-encoded form bodies that declare more than {@link #MAX_BYTES} (413, in Chinese) before anything reads
 * their parameters. Tomcat's own limit on form data ({@code server.tomcat.max-http-form-post-size}, the same 2 MB)
 * still bounds bodies without a declared length (chunked).
 */
public final class FormSizeFilter extends OncePerRequestFilter {

    /** The largest URL-encoded form body accepted, in bytes: far more than any form of the application posts. */
    public static final long MAX_BYTES = 2L * 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && request.getContentLengthLong() > MAX_BYTES) {
            if (request.getRequestURI().startsWith("/api/")) {
                Problems.write(request, response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                        "上传过大", "表单内容过大：URL 编码的表单不超过 2 MB"));
            } else {
                response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
