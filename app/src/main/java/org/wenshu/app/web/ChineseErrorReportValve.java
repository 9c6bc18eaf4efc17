package org.wenshu.app.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's answer to what it rejects before the application sees it (a URL with {@code %00}, an encoded slash or
 * backslash, a malformed {@code %xx}): a Chinese problem document ({@code application/problem+json}) under
 * {@code /api/}, a plain Chinese page elsewhere — in place of Tomcat's English "HTTP Status 400 – Bad Request". Never
 * the server's version, a stack trace or the rejected URL.
 */
public final class ChineseErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ChineseErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String uri = request.getRequestURI() == null || request.getRequestURI().isEmpty() ? rejectedTarget(throwable)
                : request.getRequestURI();
        boolean api = uri.startsWith("/api/") || uri.equals("/api") || uri.startsWith("/v3/api-docs");
        ErrorTexts.Text text = ErrorTexts.of(status);
        try {
            response.setContentType(api ? "application/problem+json" : "text/html");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Content-Language", "zh-CN");
            Writer writer = response.getReporter();
            if (writer == null) {
                return; // the application has answered already
            }
            if (api) {
                Map<String, Object> problem = new LinkedHashMap<>(); // in the order of every other problem document
                problem.put("type", Problems.TYPE_BASE + text.kind());
                problem.put("title", text.title());
                problem.put("status", status);
                problem.put("detail", text.detail());
                writer.write(JSON.writeValueAsString(problem));
            } else {
                String heading = HtmlUtils.htmlEscape(status + " · " + text.title());
                writer.write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + heading
                        + " · 文书</title></head><body><h1>" + heading + "</h1><p>" + HtmlUtils.htmlEscape(text.detail())
                        + "</p><p><a href=\"/\">返回首页</a></p></body></html>");
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException ignored) {
            // the client has gone, or the response was committed meanwhile: nothing more to tell
        }
    }

    private static final java.util.regex.Pattern REQUEST_TARGET = java.util.regex.Pattern.compile("request target \\[([^\\]]*)\\]");

    /**
     * The path of a request line Tomcat could not parse (unencoded Chinese characters in it): the request has no URI
     * then, but Tomcat's reason quotes the target read so far ("Invalid character found in the request target
     * [/api/v1/types/0xe40x bc…]"), enough to tell an API call from a page. Empty when there is none.
     */
    static String rejectedTarget(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            java.util.regex.Matcher target = REQUEST_TARGET.matcher(String.valueOf(t.getMessage()));
            if (target.find()) {
                return target.group(1);
            }
        }
        return "";
    }
}
