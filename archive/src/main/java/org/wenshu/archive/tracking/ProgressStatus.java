package org.wenshu.archive.tracking;

/**
 * A responsible unit's status on a tracked item. OPEN, REPORTED, ACCEPTED and RETURNED are stored; OVERDUE is derived:
 * an OPEN or RETURNED item past its due date (in the archive's time zone, Asia/Shanghai) is overdue.
 */
public enum ProgressStatus {
    /** Nothing reported yet (or reports accepted but fewer than a frequency's target). */
    OPEN("未报送"),
    /** A report awaits the office's decision. */
    REPORTED("待验收"),
    /** The office accepted the report(s): done. */
    ACCEPTED("已办结"),
    /** The office returned the last report with a reason; the unit reports again. */
    RETURNED("已退回"),
    /** OPEN or RETURNED past the due date. */
    OVERDUE("逾期");

    private final String label;

    ProgressStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
