package org.wenshu.archive.tracking;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 完成时限: a due date, or a frequency (全年至少开展2次) due by the end of the item's year with a target count of
 * accepted reports.
 *
 * @param dueDate     the last day the item counts as on time (inclusive)
 * @param frequency   the frequency text as the office wrote it, when the deadline is a frequency
 * @param targetCount accepted reports each responsible unit owes: the frequency's count, or 1
 */
public record Deadline(LocalDate dueDate, Optional<String> frequency, int targetCount) {

    private static final Pattern ISO = Pattern.compile("(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})");
    private static final Pattern CHINESE_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]\\s*(?:前|之前)?");
    private static final Pattern MONTH_END = Pattern.compile("(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月(?:底|末)\\s*(?:前|之前)?");
    private static final Pattern YEAR_END = Pattern.compile("(?:(\\d{4})\\s*年\\s*)?(?:年底|年末|年内)\\s*(?:前|之前|完成)?");
    private static final Pattern COUNT = Pattern.compile("(\\d+|[一二两三四五六七八九十]+)\\s*次");

    public Deadline {
        if (dueDate == null || frequency == null || targetCount < 1) {
            throw new IllegalArgumentException("a deadline needs a due date, a frequency (or none) and a target ≥ 1");
        }
    }

    /** A plain due date. */
    public static Deadline on(LocalDate date) {
        return new Deadline(date, Optional.empty(), 1);
    }

    /**
     * Reads a deadline as the office writes it: {@code 2024-06-30}, {@code 2024/6/30}, {@code 2024年6月30日},
     * {@code 6月底前} (end of that month of {@code year}), {@code 年底前}, or a frequency with a count
     * ({@code 全年至少开展2次}, {@code 每季度1次}) due on 31 December of {@code year}.
     *
     * @throws IllegalArgumentException with a Chinese message naming the text, when it is none of these or names a
     *                                  day that does not exist or lies before {@code year}
     */
    public static Deadline parse(String text, int year) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("缺少完成时限");
        }
        Matcher count = COUNT.matcher(value);
        if (count.find()) {
            int target = number(count.group(1));
            if (target < 1 || target > 366) {
                throw new IllegalArgumentException("完成时限「" + value + "」的次数须在 1–366 之间");
            }
            return new Deadline(LocalDate.of(year, 12, 31), Optional.of(value), target);
        }
        try {
            Matcher m;
            LocalDate date;
            if ((m = ISO.matcher(value)).matches() || (m = CHINESE_DATE.matcher(value)).matches()) {
                date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } else if ((m = MONTH_END.matcher(value)).matches()) {
                int y = m.group(1) == null ? year : Integer.parseInt(m.group(1));
                date = YearMonth.of(y, Integer.parseInt(m.group(2))).atEndOfMonth();
            } else if ((m = YEAR_END.matcher(value)).matches()) {
                date = LocalDate.of(m.group(1) == null ? year : Integer.parseInt(m.group(1)), 12, 31);
            } else {
                throw new IllegalArgumentException("完成时限「" + value + "」无法识别：请填写日期（如 2024-06-30、2024年6月30日、"
                        + "6月底前）或频次（如 全年至少开展2次）");
            }
            if (date.getYear() < year) {
                throw new IllegalArgumentException("完成时限「" + value + "」早于清单年度 " + year + " 年");
            }
            return on(date);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("完成时限「" + value + "」不是有效日期");
        }
    }

    /** The deadline as the office writes it: the frequency text, or the date as {@code yyyy-MM-dd}. */
    public String text() {
        return frequency.orElse(dueDate.toString());
    }

    /** Whether an item with this deadline, not done, is overdue on {@code today}. */
    public boolean passedOn(LocalDate today) {
        return today.isAfter(dueDate);
    }

    private static int number(String digits) {
        if (digits.chars().allMatch(Character::isDigit)) {
            return digits.length() > 3 ? 0 : Integer.parseInt(digits);
        }
        String numerals = "零一二三四五六七八九";
        if (digits.equals("两")) {
            return 2;
        }
        int ten = digits.indexOf('十');
        if (ten < 0) {
            return digits.length() == 1 ? numerals.indexOf(digits.charAt(0)) : 0;
        }
        int tens = ten == 0 ? 1 : numerals.indexOf(digits.charAt(0));
        int ones = ten == digits.length() - 1 ? 0 : numerals.indexOf(digits.charAt(digits.length() - 1));
        return tens * 10 + ones;
    }

    /** Parses a Chinese numeral (一 … 九十九) or digits; 0 when it is neither. */
    static int numeral(String text) {
        return number(text);
    }
}
