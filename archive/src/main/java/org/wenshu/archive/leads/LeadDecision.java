package org.wenshu.archive.leads;

import java.util.Arrays;
import java.util.Optional;

/** 处理决定 on an acknowledged lead: 立案, 不立案 (with the reason) or 移送其他机关 (naming the receiving body). */
public enum LeadDecision {
    OPEN_CASE("立案"),
    NO_CASE("不立案"),
    TRANSFER("移送其他机关");

    private final String label;

    LeadDecision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The decision named by its constant or its Chinese label; empty for anything else. */
    public static Optional<LeadDecision> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(d -> d.name().equals(v) || d.label.equals(v)).findFirst();
    }
}
