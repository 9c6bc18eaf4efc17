package org.wenshu.app.web;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Boot's error attributes plus {@code time}: when the error happened, in Chinese and in the configured zone
 * ({@code 2026年12月01日 12:44:01}), for the error pages; Boot's {@code timestamp} prints as an English date in the
 * JVM's zone.
 */
public final class ZonedErrorAttributes extends DefaultErrorAttributes {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");

    private final Clock clock;

    /** @param clock the configured zone's clock ({@code wenshu.archive.zone}) */
    public ZonedErrorAttributes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        attributes.put("time", TIME.format(ZonedDateTime.now(clock)));
        return attributes;
    }
}
