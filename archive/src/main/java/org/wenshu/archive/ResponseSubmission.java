package org.wenshu.archive;

import java.util.List;

/**
 * 回复: an agency's written answer to an instrument, filed by {@code actingUnit}.
 *
 * @param measures 整改措施
 * @param results  整改结果
 * @param adoption 采纳情况 as the agency reports it
 */
public record ResponseSubmission(String recordId, String actingUnit, String measures, String results,
                                 Adoption adoption, List<UploadedFile> files) {

    public ResponseSubmission {
        files = List.copyOf(files);
    }
}
