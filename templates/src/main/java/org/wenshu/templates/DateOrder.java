package org.wenshu.templates;

/**
 * A rule between two date fields of one instrument: {@code earlier} must not come after {@code later}.
 *
 * @param earlier the field whose date comes first
 * @param later   the field whose date comes on or after it
 * @param reason  the Chinese message reported on the {@code later} field when the rule is broken
 */
public record DateOrder(String earlier, String later, String reason) {
}
