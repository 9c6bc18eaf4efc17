package org.wenshu.archive;

import java.util.List;

/** 完整性校验 result: how many objects were re-read and every mismatch found. */
public record FixityReport(int recordsChecked, int objectsChecked, List<Problem> problems) {

    public boolean intact() {
        return problems.isEmpty();
    }

    /** One object that is missing, changed, or disagrees with the database or record.json. */
    public record Problem(String recordId, String key, String description) {
    }
}
