package org.wenshu.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Keeps a literal path segment from being taken for a path variable under another method: {@code GET
 * /api/v1/bulk-issues/validate} is answered 405 (Allow: POST), as the path {@code /validate} exists for POST only,
 * instead of being handled by {@code GET /{id}} with the id "validate" (a 400 on a value the client never meant as an
 * id). Spring MVC picks the handler whose method matches before it compares how specific the patterns are.
 */
public final class LiteralPathsFirst implements HandlerInterceptor {

    private final Supplier<RequestMappingHandlerMapping> mappings;
    /** Every mapped path pattern with the methods it takes, read once: the mappings do not change after start-up. */
    private volatile List<Mapped> patterns;

    private record Mapped(PathPattern pattern, Set<RequestMethod> methods) {
    }

    /** {@code mappings} is looked up on the first request: the mapping is built with this interceptor in it. */
    public LiteralPathsFirst(Supplier<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The mapped patterns that name their methods, from the handler mapping (which copies its registry per call). */
    private List<Mapped> patterns() {
        List<Mapped> known = patterns;
        if (known == null) {
            List<Mapped> read = new ArrayList<>();
            for (RequestMappingInfo info : mappings.get().getHandlerMethods().keySet()) {
                PathPatternsRequestCondition condition = info.getPathPatternsCondition();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (condition != null && !methods.isEmpty()) {
                    condition.getPatterns().forEach(pattern -> read.add(new Mapped(pattern, methods)));
                }
            }
            known = List.copyOf(read);
            patterns = known;
        }
        return known;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpRequestMethodNotSupportedException, java.io.IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null || variables.isEmpty() || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return true;
        }
        PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
        Set<String> allowed = new TreeSet<>();
        for (Mapped mapped : patterns()) {
            PathPattern.PathMatchInfo match = mapped.pattern().matchAndExtract(path);
            // A pattern matching with fewer variables names this path more literally than the one chosen.
            if (match != null && match.getUriVariables().size() < variables.size()) {
                mapped.methods().forEach(m -> allowed.add(m.name()));
            }
        }
        String asked = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        if (allowed.isEmpty() || allowed.contains(asked)) {
            return true;
        }
        if (allowed.contains(RequestMethod.GET.name())) {
            allowed.add(RequestMethod.HEAD.name());
        }
        if (AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class)) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed); // ApiExceptionHandler
        }
        // A page: the Chinese error page (or problem document, by what the client accepts) of /error.
        response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        return false;
    }
}
