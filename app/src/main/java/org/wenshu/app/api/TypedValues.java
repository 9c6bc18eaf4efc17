package org.wenshu.app.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a number or date a user typed cannot be read, told by what is wrong with it: a whole number too large for its
 * field is out of range (not "须为整数"), and a date written as yyyy-MM-dd that no calendar has (2024-02-30) does not
 * exist (not "格式不对") — the same words on every page and API.
 */
public final class TypedValues {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    /** yyyy-MM-dd with a month of the year and a day a month may have: the rest is a malformed date, not a missing day. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");

    private TypedValues() {
    }

    /** Whether {@code text} is written as a whole number (of any size). */
    public static boolean wholeNumber(String text) {
        return text != null && WHOLE_NUMBER.matcher(text.strip()).matches();
    }

    /** {@code 超出范围，须在 0–2147483647 之间} for a whole number outside [min, max]; empty for any other text. */
    public static Optional<String> outOfRange(String text, long min, long max) {
        if (!wholeNumber(text)) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException beyondLong) {
            // past even a long: out of range as well
        }
        return Optional.of("超出范围，须在 " + min + "–" + max + " 之间");
    }

    /** The range of an integral Java type ({@code int}, {@code Long}, …); empty for any other type. */
    public static Optional<long[]> range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return Optional.of(new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
        }
        if (type == long.class || type == Long.class) {
            return Optional.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        }
        if (type == short.class || type == Short.class) {
            return Optional.of(new long[] {Short.MIN_VALUE, Short.MAX_VALUE});
        }
        if (type == byte.class || type == Byte.class) {
            return Optional.of(new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE});
        }
        return Optional.empty();
    }

    /** Whether {@code text} is written as yyyy-MM-dd but its month has no such day (2024-02-30, 2023-04-31). */
    public static boolean nonexistentDate(String text) {
        if (text == null || !ISO_DATE.matcher(text.strip()).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text.strip());
            return false;
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** {@code 日期「2024-02-30」不存在（该月没有这一天）}. */
    public static String dateDoesNotExist(String text) {
        return "日期「" + text.strip() + "」不存在（该月没有这一天）";
    }
}
