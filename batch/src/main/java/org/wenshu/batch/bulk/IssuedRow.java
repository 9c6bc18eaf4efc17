package org.wenshu.batch.bulk;

/**
 * A row issued as an instrument.
 *
 * @param row      the row number in the list
 * @param recordId the archive record id
 * @param number   the document number, e.g. 荆府检联办〔2024〕7号
 */
public record IssuedRow(int row, String recordId, String number) {
}
