package org.wenshu.templates;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field values that passed validation against their instrument type (已校验的字段值), typed: text as
 * {@link String}, dates as {@link LocalDate}, lists as {@code List<String>}, flags as {@link Boolean}.
 */
public final class FieldValues {

    private final InstrumentType type;
    private final Map<String, Object> values;

    FieldValues(InstrumentType type, Map<String, Object> values) {
        this.type = type;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The type these values belong to. */
    public InstrumentType type() {
        return type;
    }

    /** A text, unit, choice or document-number field; empty when not given. */
    public Optional<String> text(String field) {
        return Optional.ofNullable(values.get(field)).filter(String.class::isInstance).map(String.class::cast);
    }

    /** A date field; empty when not given. */
    public Optional<LocalDate> date(String field) {
        return Optional.ofNullable(values.get(field)).filter(LocalDate.class::isInstance).map(LocalDate.class::cast);
    }

    /** A list field; empty when not given. */
    @SuppressWarnings("unchecked")
    public List<String> list(String field) {
        Object value = values.get(field);
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** A resolution-list field (议定事项); empty when not given. */
    public List<Resolution> resolutions(String field) {
        Object value = values.get(field);
        return value instanceof List<?> list ? list.stream().filter(Resolution.class::isInstance)
                .map(Resolution.class::cast).toList() : List.of();
    }

    /**
     * The units named by each given field that names registered units ({@link FieldSpec#namesRegisteredUnits}), as
     * entered (id, full or short name), by field in the type's order: a single unit as a list of one.
     */
    public Map<FieldSpec, List<String>> registeredUnits() {
        Map<FieldSpec, List<String>> named = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            if (field.namesRegisteredUnits() && values.containsKey(field.name())) {
                named.put(field, field.isList() ? list(field.name()) : text(field.name()).map(List::of).orElse(List.of()));
            }
        }
        return named;
    }

    /** A flag field; false when not given. */
    public boolean flag(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }

    /** The typed values by field name, in the type's field order; absent optional fields are left out. */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The text each given field contributes to the printed document, by field name: dates as printed
     * ({@code 2024年3月5日}), list items one per line, flags and choices as their words.
     */
    public Map<String, String> printed() {
        Map<String, String> printed = new LinkedHashMap<>();
        values.forEach((field, value) -> printed.put(field, printed(value)));
        return printed;
    }

    /** The values as JSON-ready objects (dates ISO-8601), e.g. for a record snapshot. */
    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((field, value) -> json.put(field, value instanceof LocalDate date ? date.toString()
                : value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Resolution
                ? list.stream().map(r -> ((Resolution) r).asJson()).toList() : value));
        return json;
    }

    private static String printed(Object value) {
        if (value instanceof LocalDate date) {
            return ChineseNumbers.date(date);
        }
        if (value instanceof List<?> list) {
            return String.join("\n", list.stream()
                    .map(item -> item instanceof Resolution resolution ? resolution.printed() : String.valueOf(item)).toList());
        }
        if (value instanceof Boolean flag) {
            return flag ? "是" : "否";
        }
        return String.valueOf(value);
    }
}
