package org.wenshu.app.web;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every {@code /api/**} request that no API operation takes: 405 with {@code Allow} when the path exists for
 * other methods, else 404. Without it such requests would never reach a controller, so they would get Spring's
 * default (English) errors instead of {@link ApiExceptionHandler}'s problem documents. The most specific mapping
 * wins, so this catch-all only sees what nothing else matched.
 */
@RestController
@Hidden
public class ApiFallbackController {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    public ApiFallbackController(@Qualifier("requestMappingHandlerMapping")
                                 ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("/api/**")
    public void unmatched(HttpServletRequest request) throws Exception {
        Set<String> allowed = new LinkedHashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getObject().getHandlerMethods().entrySet()) {
            PathPatternsRequestCondition paths = entry.getKey().getPathPatternsCondition();
            if (entry.getValue().getBeanType() == ApiFallbackController.class || paths == null
                    || paths.getMatchingCondition(request) == null) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            (methods.isEmpty() ? Set.of(RequestMethod.values()) : methods).forEach(m -> allowed.add(m.name()));
        }
        if (!allowed.isEmpty()) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
        }
        throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
                request.getRequestURI());
    }
}
