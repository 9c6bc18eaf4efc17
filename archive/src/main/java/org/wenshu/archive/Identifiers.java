package org.wenshu.archive;

/**
 * Refuses identifiers (unit names, references) holding characters that print as nothing: Unicode format characters
 * (Cf: zero-width space and joiners, BOM, bidirectional controls), line/paragraph separators, control characters and
 * blank filler letters. Two unit names that look the same must be the same unit; the templates' field validation
 * applies the same rule to every field of an instrument.
 */
final class Identifiers {

    private static final String BLANK_LETTERS = "\u115F\u1160\u3164\uFFA0\u2800";

    private Identifiers() {
    }

    /** Throws {@link RequestInvalid} naming {@code field} and the first such character's code point (U+200B). */
    static void requireVisible(String value, String field) {
        if (value == null) {
            return;
        }
        value.codePoints().filter(Identifiers::isInvisible).findFirst().ifPresent(c -> {
            throw new RequestInvalid(field + "「" + value.codePoints().filter(x -> !isInvisible(x))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    + "」含有不可见字符 " + String.format("U+%04X", c) + "，请删除后重试");
        });
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || BLANK_LETTERS.indexOf(c) >= 0;
    }
}
