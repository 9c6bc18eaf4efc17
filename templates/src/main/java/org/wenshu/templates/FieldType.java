package org.wenshu.templates;

/** The kind of value a field holds, as it arrives in JSON and as it is printed. */
public enum FieldType {
    /** One line of text (JSON string). */
    TEXT("单行文本"),
    /** Paragraphs separated by line breaks (JSON string with {@code \n}). */
    MULTILINE("多段文本"),
    /** A calendar date, ISO {@code 2024-03-05} in JSON, printed {@code 2024年3月5日}. */
    DATE("日期"),
    /** One unit (单位) by its full name. */
    UNIT("单位"),
    /** Several units (JSON array of names), printed separated by {@code 、} or {@code ，}. */
    UNIT_LIST("单位列表"),
    /** A numbered list of items (JSON array of strings). */
    ITEM_LIST("条目列表"),
    /** One of a fixed set of Chinese terms. */
    CHOICE("选项"),
    /** Yes or no (JSON boolean). */
    FLAG("是否"),
    /** A document number (发文字号) such as {@code 荆检行建〔2024〕3号}, see {@link DocumentNumber}. */
    DOCUMENT_NUMBER("发文字号"),
    /**
     * The resolutions (议定事项) of a meeting: a JSON array of objects {@code {"title", "leadUnit", "coUnits",
     * "deadline"}}, typed as {@link Resolution}s.
     */
    RESOLUTION_LIST("议定事项列表");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    /** The Chinese name of this kind of value, for listings and error messages. */
    public String label() {
        return label;
    }
}
