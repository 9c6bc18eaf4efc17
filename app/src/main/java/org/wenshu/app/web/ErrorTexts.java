package org.wenshu.app.web;

/**
 * The Chinese title and explanation of an HTTP error status, for the answers the framework gives before any
 * controller runs (Spring Security's firewall, Tomcat's own URL checks, unmapped methods and media types): the same
 * words on the API's problem documents, the pages' htmx fragments and the plain page Tomcat renders.
 */
public final class ErrorTexts {

    private ErrorTexts() {
    }

    /** A problem kind ({@code urn:wenshu:problem:<kind>}), a title and an explanation. */
    public record Text(String kind, String title, String detail) {
    }

    /** The text of {@code status} (e.g. 400); a generic one for statuses not listed. */
    public static Text of(int status) {
        return switch (status) {
            case 400 -> new Text("bad-request", "请求无效",
                    "请求的地址或格式无效（例如地址中含有不允许的字符、编码错误的 %xx 或多余的分号、斜杠），请检查地址后重试");
            case 401 -> new Text("unauthorized", "需要登录", "需要登录后才能访问");
            case 403 -> new Text("forbidden", "无权访问", "当前账号无权访问此页面或执行此操作");
            case 404 -> new Text("not-found", "未找到", "没有此页面或资源，或者您无权查看");
            case 405 -> new Text("method-not-allowed", "不支持的请求方法", "此地址不支持这种请求方法");
            case 406 -> new Text("not-acceptable", "无法提供所需格式", "此地址无法以请求的格式（Accept）回答");
            case 408 -> new Text("request-timeout", "请求超时", "请求发送得太慢，服务器已停止等待，请重试");
            case 413 -> new Text("upload-too-large", "上传过大", "请求内容超过上限，未保存任何内容");
            case 414 -> new Text("uri-too-long", "地址过长", "请求的地址过长");
            case 415 -> new Text("unsupported-media-type", "请求格式不支持", "此地址不接受这种请求内容类型（Content-Type）");
            case 429 -> new Text("too-many-requests", "请求过于频繁", "请求过于频繁，请稍后再试");
            default -> status >= 500
                    ? new Text("internal-error", "服务器内部错误", "服务器处理请求时出错，请稍后重试，或联系管理员查看服务器日志")
                    : new Text("request-refused", "请求被拒绝", "请求未被处理（HTTP " + status + "）");
        };
    }
}
