package org.wenshu.search;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One search result (检索结果).
 *
 * @param id           record id
 * @param kind         instrument, response or reference
 * @param type         instrument type or reference category
 * @param title        title
 * @param number       document number, empty if none
 * @param source       path relative to the imported folder, for imported texts; else empty
 * @param issuingUnit  issuing unit, empty if none
 * @param domain       domain (领域), empty if none
 * @param status       status, empty if none
 * @param date         the record's date
 * @param instrumentId for a response, the instrument it answers; else empty
 * @param score        relevance score (higher is better; comparable within one result list only)
 * @param snippet      best matching passage with the matches marked
 */
public record Hit(String id, RecordKind kind, String type, String title, String number, String source,
        String issuingUnit, String domain, String status, Optional<LocalDate> date, String instrumentId, float score,
        Snippet snippet) {
}
