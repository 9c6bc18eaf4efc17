package org.wenshu.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /error}, where the servlet container sends what failed outside any controller (a URL Spring Security's
 * firewall rejects, a page refused by the security filters, a method or media type nothing maps): a browser asking
 * for HTML gets the Chinese error page ({@code templates/error/…}) as before, or the page's own form when
 * {@link UploadForm} keeps it (an upload past the size limit); htmx ({@code HX-Request}) a Chinese fragment to show
 * in place; every other client a Chinese RFC 9457 problem document — never Boot's English
 * {@code {"error":"Forbidden"}}.
 */
public class WenshuErrorController extends BasicErrorController {

    private final List<UploadForm> uploadForms;

    public WenshuErrorController(ErrorAttributes attributes, ErrorProperties properties,
                                 List<ErrorViewResolver> resolvers, List<UploadForm> uploadForms) {
        super(attributes, properties, resolvers);
        this.uploadForms = uploadForms;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (getStatus(request) == HttpStatus.CONTENT_TOO_LARGE) {
            String path = originalPath(request);
            for (UploadForm form : uploadForms) {
                if (form.uploadPath().equals(path)) {
                    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
                    ModelAndView page = form.tooLarge(failure);
                    if (page != null) {
                        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                        return page;
                    }
                }
            }
        }
        return super.errorHtml(request, response);
    }

    /** An htmx request: a fragment in Chinese to swap in (or show), whatever it accepts. */
    @RequestMapping(headers = "HX-Request=true")
    public ResponseEntity<String> fragment(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        ErrorTexts.Text text = ErrorTexts.of(status.value());
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body("<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(status.value() + " · " + text.title()
                        + "：" + text.detail()) + "</p>");
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, "zh-CN").body(problem(status.value(), originalPath(request)));
    }

    @Override
    public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                        problem(HttpStatus.NOT_ACCEPTABLE.value(), originalPath(request))));
    }

    /** The problem document of {@code status} for a request to {@code path}. */
    static Map<String, Object> problem(int status, String path) {
        ErrorTexts.Text text = ErrorTexts.of(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_BASE + text.kind());
        body.put("title", text.title());
        body.put("status", status);
        body.put("detail", text.detail());
        if (path != null) {
            body.put("instance", path);
        }
        return body;
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri == null ? null : uri.toString();
    }
}
