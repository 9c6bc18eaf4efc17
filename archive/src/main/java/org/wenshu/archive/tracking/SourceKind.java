package org.wenshu.archive.tracking;

/** Where a tracked item (督办事项) comes from: the year's work-point list or a joint meeting's minutes. */
public enum SourceKind {
    /** 工作要点: a point of the year's list; the source id is the list's id. */
    WORK_POINT("工作要点"),
    /** 议定事项: a resolution of a joint meeting (联席会议); the source id is the meeting's (minutes') record id. */
    RESOLUTION("议定事项");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    /** The Chinese name shown in pages. */
    public String label() {
        return label;
    }
}
