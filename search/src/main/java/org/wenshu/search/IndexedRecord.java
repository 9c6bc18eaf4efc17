package org.wenshu.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A record as the search index knows it (索引记录): an instrument, a response or a reference text, with the text
 * to search and the metadata to filter and facet on. Text fields are empty strings when absent.
 *
 * @param id             unique id (the archive's record id; for reference texts derived from the content hash)
 * @param kind           instrument, response or reference
 * @param type           instrument type id (e.g. {@code procuratorial-suggestion}) or the category of a reference
 * @param number         document number (发文字号), e.g. 沪检建〔2024〕3号
 * @param title          title (标题)
 * @param body           full text (正文)
 * @param issuingUnit    issuing unit (发文单位)
 * @param recipientUnits recipient units (主送单位)
 * @param domain         domain (领域), e.g. 生态环境和资源保护
 * @param status         lifecycle status, e.g. ISSUED, ANSWERED, OVERDUE
 * @param date           the record's own date: issued, answered or published
 * @param dueDate        reply due date of an instrument
 * @param instrumentId   for a response: the instrument it answers; for a progress report: the tracked item it is on
 * @param source         for an imported text: its path relative to the imported folder
 * @param access         who may find it
 */
public record IndexedRecord(String id, RecordKind kind, String type, String number, String title, String body,
        String issuingUnit, List<String> recipientUnits, String domain, String status, Optional<LocalDate> date,
        Optional<LocalDate> dueDate, String instrumentId, String source, Access access) {

    public IndexedRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a record needs an id");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(access, "access");
        type = orEmpty(type);
        number = orEmpty(number);
        title = orEmpty(title);
        body = orEmpty(body);
        issuingUnit = orEmpty(issuingUnit);
        recipientUnits = recipientUnits == null ? List.of() : List.copyOf(recipientUnits);
        domain = orEmpty(domain);
        status = orEmpty(status);
        date = date == null ? Optional.empty() : date;
        dueDate = dueDate == null ? Optional.empty() : dueDate;
        instrumentId = orEmpty(instrumentId);
        source = orEmpty(source);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** Starts a record of {@code kind} with {@code id}; everything else is optional. */
    public static Builder builder(String id, RecordKind kind) {
        return new Builder(id, kind);
    }

    /** Builds an {@link IndexedRecord}; unset text fields stay empty, access defaults to researchers and parties. */
    public static final class Builder {
        private final String id;
        private final RecordKind kind;
        private String type;
        private String number;
        private String title;
        private String body;
        private String issuingUnit;
        private List<String> recipientUnits = List.of();
        private String domain;
        private String status;
        private LocalDate date;
        private LocalDate dueDate;
        private String instrumentId;
        private String source;
        private Access access;

        private Builder(String id, RecordKind kind) {
            this.id = id;
            this.kind = kind;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder number(String value) {
            number = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder body(String value) {
            body = value;
            return this;
        }

        public Builder issuingUnit(String value) {
            issuingUnit = value;
            return this;
        }

        public Builder recipientUnits(List<String> value) {
            recipientUnits = value;
            return this;
        }

        public Builder domain(String value) {
            domain = value;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        public Builder date(LocalDate value) {
            date = value;
            return this;
        }

        public Builder dueDate(LocalDate value) {
            dueDate = value;
            return this;
        }

        public Builder instrumentId(String value) {
            instrumentId = value;
            return this;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder access(Access value) {
            access = value;
            return this;
        }

        public IndexedRecord build() {
            Access effective = access;
            if (effective == null) {
                java.util.Set<String> parties = new java.util.LinkedHashSet<>(recipientUnits);
                if (issuingUnit != null && !issuingUnit.isBlank()) {
                    parties.add(issuingUnit.strip());
                }
                effective = kind == RecordKind.REFERENCE ? Access.open() : Access.parties(parties);
            }
            return new IndexedRecord(id, kind, type, number, title, body, issuingUnit, recipientUnits, domain,
                    status, Optional.ofNullable(date), Optional.ofNullable(dueDate), instrumentId, source, effective);
        }
    }
}
