package org.wenshu.archive.tracking;

/** State of a work-point list: the office edits a DRAFT; units see and report on a PUBLISHED list. */
public enum ListState {
    DRAFT("草稿"),
    PUBLISHED("已发布");

    private final String label;

    ListState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
