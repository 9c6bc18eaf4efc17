package org.wenshu.templates;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A document number (发文字号) as GB/T 9704-2012 prints it: the issuer's code (机关代字), the full year in
 * hexagonal brackets 〔〕 and the sequence number without leading zeros, e.g. {@code 荆检行建〔2024〕3号}.
 *
 * @param code     the issuer's code, Chinese characters only, e.g. {@code 荆检行建}
 * @param year     the full four-digit year
 * @param sequence the sequence number within the code and year, from 1
 */
public record DocumentNumber(String code, int year, int sequence) {

    // GB/T 9704 7.2.4: year in 〔〕 (U+3014/U+3015, not brackets that look alike), no "第", no leading zeros.
    private static final Pattern FORMAT = Pattern.compile("(\\p{IsHan}{1,20})〔(\\d{4})〕([1-9]\\d{0,5})号");

    public DocumentNumber {
        Objects.requireNonNull(code, "code");
        if (!code.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            throw new IllegalArgumentException("机关代字只能由汉字组成：" + code);
        }
        if (year < 1000 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("年份或序号无效：" + year + "/" + sequence);
        }
    }

    /** Reads a printed number; empty when it does not follow the standard's format. */
    public static Optional<DocumentNumber> parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DocumentNumber(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    /** Explains the expected format, for error messages. */
    public static String formatHint() {
        return "格式应为 机关代字〔四位年份〕序号号，如 荆检行建〔2024〕3号（年份用六角括号〔〕，序号不加“第”、不编虚位）";
    }

    /** The number as printed, e.g. {@code 荆检行建〔2024〕3号}. */
    public String text() {
        return code + "〔" + year + "〕" + sequence + "号";
    }

    @Override
    public String toString() {
        return text();
    }
}
