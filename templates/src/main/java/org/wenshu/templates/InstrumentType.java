package org.wenshu.templates;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A type of legal instrument (文书类型), e.g. 检察建议书: its fields, document-number code and reply period.
 *
 * @param id          stable identifier used on the command line and in storage, e.g. {@code procuratorial-suggestion}
 * @param name        the Chinese name printed on the instrument, e.g. {@code 检察建议书}
 * @param numberCode  the issuer's code (机关代字) of this type's document numbers, e.g. {@code 荆检行建}
 * @param replyPeriod how long the addressee has to answer
 * @param fields      the fields in the order they are entered and listed
 * @param dateOrders  rules between the type's date fields
 */
public record InstrumentType(String id, String name, String numberCode, ReplyPeriod replyPeriod,
                             List<FieldSpec> fields, List<DateOrder> dateOrders) {

    public InstrumentType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replyPeriod, "replyPeriod");
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
        return FieldValidator.validate(this, values);
    }

    /** The document number with this type's code for the given year and sequence, e.g. 荆检行建〔2024〕3号. */
    public DocumentNumber number(int year, int sequence) {
        return new DocumentNumber(numberCode, year, sequence);
    }
}
