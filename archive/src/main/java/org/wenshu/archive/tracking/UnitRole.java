package org.wenshu.archive.tracking;

/** How a unit is responsible for a tracked item: 牵头单位 (LEAD) or 配合单位 (CO). */
public enum UnitRole {
    LEAD("牵头"),
    CO("配合");

    private final String label;

    UnitRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
