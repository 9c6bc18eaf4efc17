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
 * @param kind         INSTRUMENT, RESPONSE or REFERENCE
 * @param kindLabel    文书, 回复 or 参考资料
 * @param title        title
 * @param href         its reading page: {@code /references/{id}} for references, else {@code /search/records/{id}}
 * @param typeLabel    instrument type name or reference category
 * @param number       发文字号, empty if none
 * @param unit         issuing unit (for a response: the answering unit), empty if none
 * @param date         the record's date as yyyy-MM-dd, empty if none
 * @param status       status code (CSS class), empty if none
 * @param statusLabel  status in Chinese
 * @param instrumentId for a response the instrument it answers, else empty
 * @param snippet      highlighted passage
 * @param sharedTerms  terms shared with the record or passage it is similar to; empty for a search hit
 */
public record HitView(String id, RecordKind kind, String kindLabel, String title, String href, String typeLabel,
        String number, String unit, String date, String status, String statusLabel, String instrumentId,
        List<Segment> snippet, List<String> sharedTerms) {

    static HitView of(Hit hit, Labels labels, List<String> sharedTerms) {
        return new HitView(hit.id(), hit.kind(), Labels.kind(hit.kind()), hit.title().isBlank() ? "（无标题）" : hit.title(),
                href(hit.kind(), hit.id()), labels.type(hit.type()), hit.number(), hit.issuingUnit(),
                hit.date().map(LocalDate::toString).orElse(""), hit.status(),
                hit.status().isEmpty() ? "" : Labels.status(hit.status()), hit.instrumentId(), Segment.of(hit.snippet()),
                sharedTerms);
    }

    /** The reading page of a record of {@code kind}. */
    static String href(RecordKind kind, String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        return switch (kind) {
            case REFERENCE -> "/references/" + encoded;
            case LEAD -> "/leads/" + encoded;
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
