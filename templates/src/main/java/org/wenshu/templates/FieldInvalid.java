package org.wenshu.templates;

/**
 * One problem with one field value (字段错误), phrased so the user knows what to change.
 *
 * @param field  the field's JSON name
 * @param label  the field's Chinese label
 * @param reason what is wrong, in Chinese
 */
public record FieldInvalid(String field, String label, String reason) {

    /** One line for a listing: {@code 主送机关 (recipient): 必须填写}. */
    public String describe() {
        return label + " (" + field + ")：" + reason;
    }
}
