package org.wenshu.search;

/**
 * What an indexed record is: an issued instrument (文书), an agency's response (回复), a reference text (参考资料) or
 * a lead an agency sent to a procuratorate (线索, visible to its two parties and the office only), a tracked item
 * (督办事项: a work point 工作要点 or a meeting's resolution 议定事项, visible to its responsible units and the office
 * only) or a responsible unit's progress report on one (进展报告, visible to that unit and the office only).
 */
public enum RecordKind {
    INSTRUMENT, RESPONSE, REFERENCE,
    LEAD,
    TRACKED_ITEM, PROGRESS_REPORT
}
