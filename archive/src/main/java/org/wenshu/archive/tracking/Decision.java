package org.wenshu.archive.tracking;

/** The office's decision on a progress report: PENDING until ACCEPTED (验收) or RETURNED (退回) with a reason. */
public enum Decision {
    PENDING("待验收"),
    ACCEPTED("已验收"),
    RETURNED("已退回");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
