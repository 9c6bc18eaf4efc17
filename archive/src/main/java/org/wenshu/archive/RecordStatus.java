package org.wenshu.archive;

/** 文书状态 as stored; 逾期 (overdue) is computed from the due date, never stored. */
public enum RecordStatus {
    ISSUED("已发出"), DELIVERED("已送达"), RESPONDED("已回复"), CLOSED("已办结"), WITHDRAWN("已撤回");

    private final String label;

    RecordStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the recipient still owes a response in this state. */
    public boolean awaitsResponse() {
        return this == ISSUED || this == DELIVERED;
    }
}
