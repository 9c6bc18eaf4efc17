package org.wenshu.templates;

import java.util.Map;

/**
 * Characters that print as nothing: Unicode format characters (general category Cf: zero-width space and joiners,
 * the byte order mark, bidirectional controls, soft hyphen), line and paragraph separators, and the filler letters
 * that render blank (Hangul fillers, braille blank). In field values they make two identical-looking names differ.
 */
final class InvisibleCharacters {

    private static final String BLANK_LETTERS = "\u115F\u1160\u3164\uFFA0\u2800";
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00AD, "软连字符"),
            Map.entry(0x200B, "零宽空格"),
            Map.entry(0x200C, "零宽非连接符"),
            Map.entry(0x200D, "零宽连接符"),
            Map.entry(0x200E, "从左到右标记"),
            Map.entry(0x200F, "从右到左标记"),
            Map.entry(0x2028, "行分隔符"),
            Map.entry(0x2029, "段分隔符"),
            Map.entry(0x202A, "双向嵌入控制符"),
            Map.entry(0x202B, "双向嵌入控制符"),
            Map.entry(0x202C, "双向格式结束符"),
            Map.entry(0x202D, "双向覆盖控制符"),
            Map.entry(0x202E, "从右到左覆盖控制符"),
            Map.entry(0x2060, "词连接符"),
            Map.entry(0x2066, "双向隔离控制符"),
            Map.entry(0x2067, "双向隔离控制符"),
            Map.entry(0x2068, "双向隔离控制符"),
            Map.entry(0x2069, "双向隔离结束符"),
            Map.entry(0xFEFF, "字节顺序标记 BOM"),
            Map.entry(0x3164, "韩文空白填充字母"),
            Map.entry(0x2800, "盲文空白"));

    private InvisibleCharacters() {
    }

    /** Whether {@code c} (a code point) prints as nothing. */
    static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || BLANK_LETTERS.indexOf(c) >= 0;
    }

    /** {@code U+200B（零宽空格）}: the code point and, where known, its Chinese name. */
    static String describe(int c) {
        String name = NAMES.get(c);
        return String.format("U+%04X", c) + "（" + (name == null ? "不可见的格式字符" : name) + "）";
    }
}
