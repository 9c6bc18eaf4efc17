package org.wenshu.search;

/**
 * What an indexed record is: an issued instrument (文书), an agency's response (回复), a reference text (参考资料) or
 * a lead an agency sent to a procuratorate (线索, visible to its two parties and the office only).
 */
public enum RecordKind {
    INSTRUMENT, RESPONSE, REFERENCE,
    LEAD
}
