package org.wenshu.generator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some field values contain characters that no configured font can print (字体缺字); rendering them would
 * silently print {@code #} instead, so the instrument is refused.
 */
public final class UncoveredCharacters extends RuntimeException {

    private final List<UncoveredField> fields;

    public UncoveredCharacters(List<UncoveredField> fields) {
        super(message(fields));
        this.fields = List.copyOf(fields);
    }

    /** Every field with characters no font covers. */
    public List<UncoveredField> fields() {
        return fields;
    }

    private static String message(List<UncoveredField> fields) {
        return "以下字段含有字体无法显示的字符，请改用常用字或配置包含这些字符的字体：\n"
                + fields.stream().map(field -> "  - " + field.describe()).collect(Collectors.joining("\n"));
    }

    /**
     * One field and the characters of it that no font covers.
     *
     * @param field      the field's JSON name
     * @param label      the field's Chinese label
     * @param codePoints the uncovered characters, each once, ascending
     */
    public record UncoveredField(String field, String label, List<Integer> codePoints) {

        public UncoveredField {
            codePoints = List.copyOf(codePoints);
        }

        /** E.g. {@code 被不起诉人 (person)：“䶵” U+4DB5}. */
        public String describe() {
            return label + " (" + field + ")：" + codePoints.stream()
                    .map(c -> "“" + Character.toString(c) + "” " + String.format("U+%04X", c))
                    .collect(Collectors.joining("，"));
        }
    }
}
