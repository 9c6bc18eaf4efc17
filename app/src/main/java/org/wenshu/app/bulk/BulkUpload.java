package org.wenshu.app.bulk;

import java.util.Optional;

/**
 * What the office uploads for a bulk issue (批量发文): the instrument type, the recipient list (CSV in UTF-8 or XLSX)
 * and the base data (a JSON object of field values that every row's cells override).
 *
 * @param typeId    the instrument type id, e.g. {@code meeting-notice}
 * @param listName  the list's file name as uploaded; its extension ({@code .csv}, {@code .xlsx}) selects the parser
 * @param list      the list's bytes
 * @param data      the base data's bytes (UTF-8 JSON)
 * @param encoding  the CSV list's encoding when not UTF-8 (e.g. {@code GB18030}); decoded strictly
 * @param skipLimit the most bad rows skipped before the job gives up; empty: {@code wenshu.batch.skip-limit}
 * @param dataName  the base data's file name as uploaded (messages name it); empty when unknown
 */
public record BulkUpload(String typeId, String listName, byte[] list, byte[] data, Optional<String> encoding,
                         Optional<Integer> skipLimit, String dataName) {

    /** An upload whose base data file name is not known. */
    public BulkUpload(String typeId, String listName, byte[] list, byte[] data, Optional<String> encoding,
                      Optional<Integer> skipLimit) {
        this(typeId, listName, list, data, encoding, skipLimit, "");
    }
}
