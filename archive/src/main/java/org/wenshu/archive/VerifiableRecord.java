package org.wenshu.archive;

import java.time.Instant;

/**
 * 公开核验信息: what anyone holding an instrument may learn about it from its verification code — never its content, its
 * recipients or their replies.
 *
 * @param number           发文字号, e.g. 荆检行建〔2024〕3号
 * @param issuingUnit      the issuing unit's full name
 * @param issuedAt         when it was issued
 * @param instrumentSha256 SHA-256 (lower-case hex) of the sealed {@code instrument.pdf} as archived
 * @param status           the record's current status
 */
public record VerifiableRecord(String number, String issuingUnit, Instant issuedAt, String instrumentSha256,
                               RecordStatus status) {
}
