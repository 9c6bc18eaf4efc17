package org.wenshu.templates;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** How long the addressee has to answer an instrument (回复期限). */
public sealed interface ReplyPeriod {

    /** The day the answer is due when the instrument was delivered on {@code delivered}; empty if none is due. */
    Optional<LocalDate> dueDate(LocalDate delivered, FieldValues values);

    /** A Chinese description, e.g. {@code 收到之日起两个月内（紧急时十五日内）}. */
    String describe();

    /** A period counted from delivery; a shorter one applies when the instrument is marked urgent. */
    record Within(Period period, Period urgentPeriod, String urgentField) implements ReplyPeriod {

        /** The period that applies to these values. */
        public Period applicable(FieldValues values) {
            return values.flag(urgentField) ? urgentPeriod : period;
        }

        /** The period in Chinese words, as printed in the instrument: {@code 两个月}, {@code 十五日}. */
        public String words(FieldValues values) {
            return ChineseNumbers.period(applicable(values));
        }

        @Override
        public Optional<LocalDate> dueDate(LocalDate delivered, FieldValues values) {
            return Optional.of(delivered.plus(applicable(values)));
        }

        @Override
        public String describe() {
            String normal = "收到之日起" + ChineseNumbers.period(period) + "内";
            return period.equals(urgentPeriod) ? normal
                    : normal + "（紧急时" + ChineseNumbers.period(urgentPeriod) + "内）";
        }
    }

    /** The answer is due on a date given in one of the instrument's fields, e.g. a meeting notice's reply-by date. */
    record ByDateField(String field) implements ReplyPeriod {

        @Override
        public Optional<LocalDate> dueDate(LocalDate delivered, FieldValues values) {
            return values.date(field);
        }

        @Override
        public String describe() {
            return "按文书所定日期（字段 " + field + "）";
        }
    }

    /** No answer is expected. */
    record None() implements ReplyPeriod {

        @Override
        public Optional<LocalDate> dueDate(LocalDate delivered, FieldValues values) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "无需回复";
        }
    }
}
