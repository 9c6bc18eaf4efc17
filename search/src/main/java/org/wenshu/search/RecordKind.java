package org.wenshu.search;

/** What an indexed record is: an issued instrument (文书), an agency's response (回复) or a reference text (参考资料). */
public enum RecordKind {
    INSTRUMENT, RESPONSE, REFERENCE
}
