package org.wenshu.app.accounts;

import java.util.Arrays;
import java.util.Optional;

/** 角色: what an account may do; PROSECUTOR and AGENCY accounts are bound to one unit. */
public enum Role {
    /** 检察官: drafts, issues and follows the instruments of their procuratorate. */
    PROSECUTOR("检察官"),
    /** 行政机关联络员: reads the instruments addressed to their unit and answers them. */
    AGENCY("行政机关联络员"),
    /** 研究人员: searches what is archived. */
    RESEARCHER("研究人员"),
    /** 管理员 (领导小组办公室): accounts, every record, the audit trail. */
    ADMIN("管理员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The Chinese name shown in pages. */
    public String label() {
        return label;
    }

    /** Whether accounts of this role must be bound to a unit. */
    public boolean needsUnit() {
        return this == PROSECUTOR || this == AGENCY;
    }

    /** The Spring Security authority, {@code ROLE_} + name. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Parses a role by its English name (any case) or its Chinese label. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(t) || r.label.equals(t)).findFirst();
    }
}
