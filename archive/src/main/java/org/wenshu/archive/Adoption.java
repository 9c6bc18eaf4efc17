package org.wenshu.archive;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** 采纳情况: whether the agency adopted the suggestion, as it reports and as the procuratorate evaluates. */
public enum Adoption {
    ADOPTED("采纳"), PARTLY_ADOPTED("部分采纳"), NOT_ADOPTED("未采纳");

    private final String label;

    Adoption(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses the Chinese label or the constant name (case-insensitive). */
    public static Optional<Adoption> parse(String text) {
        String value = text == null ? "" : text.strip();
        return Arrays.stream(values())
                .filter(a -> a.label.equals(value) || a.name().equals(value.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst();
    }
}
