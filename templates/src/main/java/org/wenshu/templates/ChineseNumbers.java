package org.wenshu.templates;

import java.time.LocalDate;
import java.time.Period;

/** Chinese numerals and dates as official documents print them. */
final class ChineseNumbers {

    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private ChineseNumbers() {
    }

    /** 1 → 一, 10 → 十, 15 → 十五, 23 → 二十三; for counts up to 99. */
    static String numeral(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("numeral out of range: " + n);
        }
        int tens = n / 10;
        int ones = n % 10;
        String text = (tens == 0 ? "" : (tens == 1 ? "" : DIGITS[tens]) + "十") + (ones == 0 ? "" : DIGITS[ones]);
        return text;
    }

    /** Ordinal heading numeral of a list item: 1 → 一, as in {@code 一、}. */
    static String ordinal(int n) {
        return numeral(n);
    }

    /** A period in words: two months → 两个月, fifteen days → 十五日. */
    static String period(Period period) {
        if (period.getYears() == 0 && period.getDays() == 0 && period.getMonths() > 0) {
            int months = period.getMonths();
            return (months == 2 ? "两" : numeral(months)) + "个月";
        }
        if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() > 0) {
            return numeral(period.getDays()) + "日";
        }
        throw new IllegalArgumentException("unsupported reply period " + period);
    }

    /** GB/T 9704 7.3.5.2: the date in Arabic numerals, year in full, no leading zeros: 2024年3月5日. */
    static String date(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }
}
