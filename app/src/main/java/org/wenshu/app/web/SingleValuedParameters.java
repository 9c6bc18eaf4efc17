package org.wenshu.app.web;

import java.util.Collection;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.wenshu.app.api.InputInvalid;

/**
 * Refuses an API request that gives a single-valued parameter or part more than once ({@code type} twice, two
 * {@code list} files): Spring MVC would otherwise bind the first file and silently drop the second, or join two text
 * values with a comma ("meeting-notice,reply-reminder") — neither is what the client meant.
 */
public final class SingleValuedParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), RestController.class)) {
            return true;
        }
        for (MethodParameter parameter : method.getMethodParameters()) {
            String name = name(parameter);
            if (name == null || multiValued(parameter)) {
                continue;
            }
            int given = given(request, name);
            if (given > 1) {
                throw new InputInvalid(name, "「" + name + "」只能给一个，收到 " + given + " 个：请只发送一个「" + name + "」");
            }
        }
        return true;
    }

    /** The request name of a {@code @RequestParam} or {@code @RequestPart} argument; null for any other argument. */
    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
        String name = param != null ? param.name() : part != null ? part.name() : null;
        if (name == null) {
            return null;
        }
        return name.isEmpty() ? parameter.getParameterName() : name;
    }

    private static boolean multiValued(MethodParameter parameter) {
        Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
        return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }

    /** How often {@code name} is given: as query or form parameter, or as multipart part (text or file). */
    private static int given(HttpServletRequest request, String name) {
        try {
            String[] values = request.getParameterValues(name);
            int count = values == null ? 0 : values.length;
            String contentType = request.getContentType();
            if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
                Collection<Part> parts = request.getParts();
                count = Math.max(count, (int) parts.stream().filter(p -> name.equals(p.getName())).count());
            }
            return count;
        } catch (Exception unreadable) {
            return 0; // a body that cannot be read (too large, malformed) is refused by the handler, as before
        }
    }
}
