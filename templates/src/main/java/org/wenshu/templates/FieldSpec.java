package org.wenshu.templates;

import java.util.List;
import java.util.Objects;

/**
 * One field of an instrument type (字段): its JSON name, Chinese label, type and limits.
 *
 * @param name      the key in the JSON data, e.g. {@code recipient}
 * @param label     the Chinese label shown to users and in error messages, e.g. {@code 主送机关}
 * @param type      what kind of value it holds
 * @param required  whether a value must be given
 * @param maxLength the most characters (Unicode code points) of the value, or of each item of a list
 * @param maxItems  the most items of a list; 1 for single values
 * @param choices   the allowed values of a {@link FieldType#CHOICE} field, empty otherwise
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, int maxLength, int maxItems,
                        List<String> choices) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        if (type == FieldType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice field " + name + " without choices");
        }
    }

    static FieldSpec required(String name, String label, FieldType type, int maxLength) {
        return new FieldSpec(name, label, type, true, maxLength, isList(type) ? 30 : 1, List.of());
    }

    static FieldSpec optional(String name, String label, FieldType type, int maxLength) {
        return new FieldSpec(name, label, type, false, maxLength, isList(type) ? 30 : 1, List.of());
    }

    static FieldSpec choice(String name, String label, List<String> choices) {
        return new FieldSpec(name, label, FieldType.CHOICE, true, 20, 1, choices);
    }

    static FieldSpec flag(String name, String label) {
        return new FieldSpec(name, label, FieldType.FLAG, false, 0, 1, List.of());
    }

    /**
     * Whether the value names units of the register (发文机关, 主送, 抄送, 参会单位 …), single or a list: each must be a
     * registered unit, or the instrument would be addressed to, or print, a unit no one answers for. Not 印发机关:
     * GB/T 9704 prints there the issuer's own office that prints the document (e.g. 荆门市人民检察院办公室), a
     * department of the issuer rather than a member unit.
     */
    public boolean namesRegisteredUnits() {
        return (type == FieldType.UNIT || type == FieldType.UNIT_LIST) && !name.equals(InstrumentCatalog.PRINTED_BY_FIELD);
    }

    /** Whether the value is a JSON array. */
    public boolean isList() {
        return isList(type);
    }

    private static boolean isList(FieldType type) {
        return type == FieldType.UNIT_LIST || type == FieldType.ITEM_LIST || type == FieldType.RESOLUTION_LIST;
    }
}
