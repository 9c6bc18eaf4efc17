package org.wenshu.archive.leads;

/** Where a lead stands: 已移送 → 已受理 → 已决定 → 已反馈; each step only from the one before. */
public enum LeadStatus {
    FILED("已移送，待受理"),
    ACKNOWLEDGED("已受理"),
    DECIDED("已作出决定"),
    CONCLUDED("已反馈结果");

    private final String label;

    LeadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
