package org.wenshu.app.instruments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.MultiValueMap;
import org.wenshu.archive.Unit;
import org.wenshu.templates.DocumentNumber;
import org.wenshu.templates.FieldInvalid;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.InstrumentType;

/**
 * The new-instrument form (拟制文书) generated from a type's field specifications: which input each field gets, how
 * the posted form becomes the JSON-shaped values the CLI's validator checks, and each field's error beside it.
 * The document number (发文字号) is never asked for: the archive assigns it when issuing.
 */
final class InstrumentForm {

    /** Form parameter names start with this, so fields never collide with {@code _csrf} or the form's own inputs. */
    static final String PREFIX = "f.";

    private InstrumentForm() {
    }

    /**
     * One input of the form.
     *
     * @param spec    the field specification
     * @param input   the HTML input to use: text, textarea, items, date, unit, units, choice, flag, number
     * @param text    the value for single inputs and the item list (one item per line)
     * @param chosen  the chosen units or choices
     * @param options the selectable values (units or choices)
     * @param error   the validator's reason, if this field has a problem
     */
    record Input(FieldSpec spec, String input, String text, List<String> chosen, List<String> options,
                 Optional<String> error) {

        /** The form parameter name. */
        public String param() {
            return PREFIX + spec.name();
        }

        /** The element id (ASCII, from the field's JSON name). */
        public String id() {
            return "field-" + spec.name();
        }

        /** A short hint under the label. */
        public String hint() {
            return switch (input) {
                case "items" -> "每行一项" + (spec.maxLength() > 0 ? "，每项不超过 " + spec.maxLength() + " 字" : "");
                case "number" -> DocumentNumber.formatHint();
                case "units" -> "可多选";
                default -> spec.maxLength() > 1 ? "不超过 " + spec.maxLength() + " 字" : "";
            };
        }
    }

    /** The fields the user fills in, in the type's order, without the document number. */
    static List<FieldSpec> fillable(InstrumentType type) {
        return type.fields().stream()
                .filter(field -> !field.name().equals(InstrumentCatalog.DOCUMENT_NUMBER_FIELD)).toList();
    }

    /**
     * The inputs for {@code type} showing {@code values} and {@code problems}.
     *
     * @param issuingUnits the units the user may issue for (the 发文机关 select)
     * @param units        every unit (主送, 抄送 and other unit selects)
     */
    static List<Input> inputs(InstrumentType type, Map<String, Object> values, List<FieldInvalid> problems,
                              List<Unit> issuingUnits, List<Unit> units) {
        List<String> unitNames = units.stream().map(Unit::name).toList();
        List<Input> inputs = new ArrayList<>();
        for (FieldSpec spec : fillable(type)) {
            Object value = values.get(spec.name());
            Optional<String> error = problems.stream().filter(p -> p.field().equals(spec.name()))
                    .map(FieldInvalid::reason).reduce((a, b) -> a + "；" + b);
            List<String> listed = value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
            String text = value == null || value instanceof List<?> ? String.join("\n", listed) : String.valueOf(value);
            inputs.add(switch (spec.type()) {
                case TEXT -> new Input(spec, "text", text, List.of(), List.of(), error);
                case MULTILINE -> new Input(spec, "textarea", text, List.of(), List.of(), error);
                case ITEM_LIST -> new Input(spec, "items", text, List.of(), List.of(), error);
                case DATE -> new Input(spec, "date", text, List.of(), List.of(), error);
                case DOCUMENT_NUMBER -> new Input(spec, "number", text, List.of(), List.of(), error);
                case UNIT -> new Input(spec, "unit", text, List.of(text), spec.name()
                        .equals(InstrumentCatalog.ISSUING_UNIT_FIELD)
                        ? issuingUnits.stream().map(Unit::name).toList() : unitNames, error);
                case UNIT_LIST -> new Input(spec, "units", text, listed, unitNames, error);
                case CHOICE -> new Input(spec, "choice", text, List.of(text), spec.choices(), error);
                case FLAG -> new Input(spec, "flag", Boolean.TRUE.equals(value) ? "true" : "", List.of(),
                        List.of(), error);
                // Resolutions are entered row by row on the minutes form of a meeting (/meetings/{id}/minutes).
                case RESOLUTION_LIST -> new Input(spec, "resolutions", "", List.of(), List.of(), error);
            });
        }
        return inputs;
    }

    /**
     * The JSON-shaped values of a posted form: strings, booleans and lists of strings, as {@code wenshu issue}
     * reads them from a file. Empty inputs are left out so that the validator reports a required field as missing.
     */
    static Map<String, Object> values(InstrumentType type, MultiValueMap<String, String> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldSpec spec : fillable(type)) {
            List<String> posted = form.getOrDefault(PREFIX + spec.name(), List.of());
            switch (spec.type()) {
                case FLAG -> values.put(spec.name(), posted.stream().anyMatch(v -> v.equals("true") || v.equals("on")));
                case UNIT_LIST -> {
                    List<String> chosen = posted.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
                    if (!chosen.isEmpty()) {
                        values.put(spec.name(), chosen);
                    }
                }
                case ITEM_LIST -> {
                    List<String> items = posted.stream().flatMap(v -> Arrays.stream(v.split("\\R")))
                            .map(String::strip).filter(v -> !v.isEmpty()).toList();
                    if (!items.isEmpty()) {
                        values.put(spec.name(), items);
                    }
                }
                default -> {
                    // Browsers send CRLF for textarea line breaks; the templates expect \n between paragraphs.
                    String text = posted.isEmpty() ? "" : posted.get(0).replace("\r\n", "\n").strip();
                    if (!text.isEmpty()) {
                        values.put(spec.name(), text);
                    }
                }
            }
        }
        return values;
    }

    /** Problems that belong to no input of the form (shown above it). */
    static List<FieldInvalid> unplaced(InstrumentType type, List<FieldInvalid> problems) {
        List<String> names = fillable(type).stream().map(FieldSpec::name).toList();
        return problems.stream().filter(p -> !names.contains(p.field())).toList();
    }
}
