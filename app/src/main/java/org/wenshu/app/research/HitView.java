package org.wenshu.app.research;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.wenshu.search.Hit;
import org.wenshu.search.RecordKind;

/**
 * A search hit or similar record as the page shows it: badges, the highlighted snippet in {@link Segment}s, where
 * it opens, and the terms it shares with what it was found for (for similar records).
 *
 * @param id           record id
 * @param kind         INSTRUMENT, RESPONSE, REFERENCE, LEAD, TRACKED_ITEM or PROGRESS_REPORT
 * @param kindLabel    文书, 回复, 参考资料, 线索, 工作要点 or 议定事项 (a tracked item's source), 进展报告
 * @param title        title
 * @param href         its page: {@code /references/{id}} for references, {@code /leads/{id}} for leads,
 *                     {@code /workpoints/items/{id}} for a tracked item and for a progress report its item's page,
 *                     else {@code /search/records/{id}}
 * @param typeLabel    instrument type name or reference category
 * @param number       发文字号, empty if none
 * @param unit         issuing unit (for a response: the answering unit), empty if none
 * @param date         the record's date as yyyy-MM-dd, empty if none
 * @param status       status code (CSS class), empty if none
 * @param statusLabel  status in Chinese
 * @param instrumentId for a response the instrument it answers, for a progress report its tracked item, else empty
 * @param snippet      highlighted passage
 * @param sharedTerms  terms shared with the record or passage it is similar to; empty for a search hit
 */
public record HitView(String id, RecordKind kind, String kindLabel, String title, String href, String typeLabel,
        String number, String unit, String date, String status, String statusLabel, String instrumentId,
        List<Segment> snippet, List<String> sharedTerms) {

    static HitView of(Hit hit, Labels labels, List<String> sharedTerms) {
        return new HitView(hit.id(), hit.kind(), Labels.kind(hit.kind(), hit.type()),
                hit.title().isBlank() ? "（无标题）" : hit.title(),
                href(hit.kind(), hit.kind() == RecordKind.PROGRESS_REPORT ? hit.instrumentId() : hit.id()), labels.type(hit.type()), hit.number(), hit.issuingUnit(),
                hit.date().map(LocalDate::toString).orElse(""), hit.status(),
                hit.status().isEmpty() ? "" : Labels.status(hit.status()), hit.instrumentId(), Segment.of(hit.snippet()),
                sharedTerms);
    }

    /** The reading page of a record of {@code kind} with {@code id} (for a progress report: its item's id). */
    static String href(RecordKind kind, String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return switch (kind) {
            case REFERENCE -> "/references/" + encoded;
            case LEAD -> "/leads/" + encoded;
            // A progress report is read on its item's page (the caller passes the item's id).
            case TRACKED_ITEM, PROGRESS_REPORT -> "/workpoints/items/" + encoded;
            default -> "/search/records/" + encoded;
        };
    }

    /** Whether this is an instrument, which may have responses. */
    public boolean instrument() {
        return kind == RecordKind.INSTRUMENT;
    }

    /** Whether this is a response, which answers an instrument. */
    public boolean response() {
        return kind == RecordKind.RESPONSE && !instrumentId.isEmpty();
    }
}
