package org.wenshu.archive.leads;

import java.util.Arrays;
import java.util.Optional;

/**
 * 领域 of a lead: the statutory public-interest litigation domains (《人民检察院公益诉讼办案规则》) and the two
 * domains of the procuratorial suggestions (社会治理, 纠正违法), so leads and instruments share one domain facet.
 */
public enum LeadDomain {
    ECOLOGY("生态环境和资源保护"),
    FOOD_AND_DRUGS("食品药品安全"),
    STATE_PROPERTY("国有财产保护"),
    STATE_LAND("国有土地使用权出让"),
    HEROES("英雄烈士保护"),
    MINORS("未成年人保护"),
    WORK_SAFETY("安全生产"),
    SOCIAL_GOVERNANCE("社会治理"),
    CORRECTING_VIOLATIONS("纠正违法"),
    OTHER("其他");

    private final String label;

    LeadDomain(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The domain named by its constant or its Chinese label; empty for anything else. */
    public static Optional<LeadDomain> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return Arrays.stream(values()).filter(d -> d.name().equals(v) || d.label.equals(v)).findFirst();
    }
}
