package org.wenshu.app.verification;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wenshu.app.web.Problems;

/**
 * Rate limits the public endpoints per client address ({@link HttpServletRequest#getRemoteAddr()}, which is the
 * client's own behind a proxy once {@code server.forward-headers-strategy} is set): the summary pages {@code /v/…}
 * share one budget, the verifications {@code POST /verify} and {@code POST /api/v1/verify} another. Past it: 429 with
 * {@code Retry-After}, a problem document for the API, the error page for the pages.
 */
public final class PublicRateLimitFilter extends OncePerRequestFilter {

    private final PublicRateLimit summaries;
    private final PublicRateLimit verifications;

    public PublicRateLimitFilter(PublicRateLimit summaries, PublicRateLimit verifications) {
        this.summaries = summaries;
        this.verifications = verifications;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.equals("/api/v1/verify");
        PublicRateLimit limit = path.startsWith("/v/") ? summaries
                : (api || path.equals("/verify")) && "POST".equals(request.getMethod()) ? verifications : null;
        if (limit == null) {
            chain.doFilter(request, response);
            return;
        }
        long wait = limit.acquire(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
        String detail = "请求过于频繁：每个地址每分钟最多 " + limit.perMinute() + " 次，请 " + wait + " 秒后再试";
        if (api) {
            Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "请求过于频繁", detail));
        } else {
            request.setAttribute("wenshu.rateLimit", detail);
            response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
        }
    }
}
