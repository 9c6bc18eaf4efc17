package org.wenshu.archive.leads;

import java.util.Arrays;
import java.util.Optional;

/** 线索类别: what an agency sends the procuratorate. */
public enum LeadType {
    /** 公益诉讼线索: harm to the state's or the public interest within the public-interest litigation domains. */
    PUBLIC_INTEREST("公益诉讼线索"),
    /** 涉嫌犯罪案件移送: a case found in administrative enforcement that looks criminal (行刑衔接). */
    CRIMINAL_TRANSFER("涉嫌犯罪案件移送"),
    /** 行政违法线索: unlawful exercise or non-exercise of administrative powers (行政违法行为监督). */
    ADMINISTRATIVE_VIOLATION("行政违法线索");

    private final String label;

    LeadType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type named by its constant or its Chinese label; empty for anything else. */
    public static Optional<LeadType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(t -> t.name().equals(v) || t.label.equals(v)).findFirst();
    }
}
