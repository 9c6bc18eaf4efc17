package org.wenshu.templates;

/**
 * The text one field contributes to a rendered instrument, so later stages can name the field when its
 * text cannot be printed.
 *
 * @param field the field's JSON name
 * @param label the field's Chinese label
 * @param text  the text as printed (dates as {@code 2024年3月5日}, list items one per line)
 */
public record PrintedField(String field, String label, String text) {
}
