package org.wenshu.templates;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A type of legal instrument (文书类型), e.g. 检察建议书: its fields, document-number code and reply period.
 *
 * @param id          stable identifier used on the command line and in storage, e.g. {@code procuratorial-suggestion}
 * @param name        the Chinese name printed on the instrument, e.g. {@code 检察建议书}
 * @param numberCodes each issuing unit's code (机关代字) for this type's document numbers, by the unit's full name,
 *                    the type's usual issuer first, e.g. {@code 荆门市人民检察院 → 荆检行督}; GB/T 9704 makes the code
 *                    the issuing organ's own, so no code is listed for two units (the catalog checks it)
 * @param replyPeriod how long the addressee has to answer
 * @param fields      the fields in the order they are entered and listed
 * @param dateOrders  rules between the type's date fields
 */
public record InstrumentType(String id, String name, Map<String, String> numberCodes, ReplyPeriod replyPeriod,
                             List<FieldSpec> fields, List<DateOrder> dateOrders) {

    public InstrumentType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replyPeriod, "replyPeriod");
        if (numberCodes.isEmpty()) {
            throw new IllegalArgumentException("no number code for " + id);
        }
        if (numberCodes.values().stream().distinct().count() != numberCodes.size()) {
            throw new IllegalArgumentException("two units share a number code of " + id);
        }
        numberCodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numberCodes));
        fields = List.copyOf(fields);
        dateOrders = List.copyOf(dateOrders);
        if (fields.stream().map(FieldSpec::name).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("duplicate field in " + id);
        }
    }

    /** The field with this JSON name. */
    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /**
     * Checks raw values as parsed from JSON (strings, booleans, lists of strings) and returns them typed.
     *
     * @throws FieldsInvalid listing every missing, unknown or invalid field at once
     */
    public FieldValues validate(Map<String, ?> values) {
        return FieldValidator.validate(this, values, Optional.empty());
    }

    /**
     * As {@link #validate(Map)}, for an instrument issued on {@code today}: its 成文日期 must not come after that day
     * (an instrument is dated the day it is signed, never ahead; its number's year is taken from that date).
     *
     * @throws FieldsInvalid listing every missing, unknown or invalid field at once
     */
    public FieldValues validate(Map<String, ?> values, LocalDate today) {
        return FieldValidator.validate(this, values, Optional.of(today));
    }

    /** The code (机关代字) of the type's usual issuer, e.g. {@code 荆检行建}: for previews and listings. */
    public String numberCode() {
        return numberCodes.values().iterator().next();
    }

    /** The code (机关代字) {@code issuingUnit} (the unit's full name) numbers this type with, if the catalog gives it one. */
    public Optional<String> numberCode(String issuingUnit) {
        return Optional.ofNullable(numberCodes.get(issuingUnit));
    }

    /** The document number with the usual issuer's code for the given year and sequence, e.g. 荆检行建〔2024〕3号. */
    public DocumentNumber number(int year, int sequence) {
        return new DocumentNumber(numberCode(), year, sequence);
    }
}
