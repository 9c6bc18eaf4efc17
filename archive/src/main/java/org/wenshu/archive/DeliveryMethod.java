package org.wenshu.archive;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** 送达方式. */
public enum DeliveryMethod {
    DIRECT("直接送达"), MAIL("邮寄送达"), ELECTRONIC("电子送达"), PUBLIC_NOTICE("宣告送达");

    private final String label;

    DeliveryMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses the Chinese label or the constant name (case-insensitive). */
    public static Optional<DeliveryMethod> parse(String text) {
        String value = text == null ? "" : text.strip();
        return Arrays.stream(values())
                .filter(m -> m.label.equals(value) || m.name().equals(value.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst();
    }
}
