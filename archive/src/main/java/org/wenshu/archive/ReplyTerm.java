package org.wenshu.archive;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * 回复期限: a period counted from delivery (two months; 15 days when urgent), a fixed date (meeting notices), or none.
 */
public record ReplyTerm(Optional<Period> period, Optional<LocalDate> fixedDate) {

    public ReplyTerm {
        if (period.isPresent() && fixedDate.isPresent()) {
            throw new IllegalArgumentException("a reply term is a period or a fixed date, not both");
        }
    }

    public static ReplyTerm within(Period period) {
        return new ReplyTerm(Optional.of(period), Optional.empty());
    }

    public static ReplyTerm by(LocalDate date) {
        return new ReplyTerm(Optional.empty(), Optional.of(date));
    }

    public static ReplyTerm none() {
        return new ReplyTerm(Optional.empty(), Optional.empty());
    }

    /** Two months after delivery, or 15 days when urgent. */
    public static ReplyTerm standard(boolean urgent) {
        return within(urgent ? Period.ofDays(15) : Period.ofMonths(2));
    }

    /** The due date for an instrument delivered (or, before delivery, issued) on {@code start}. */
    public Optional<LocalDate> dueDate(LocalDate start) {
        return fixedDate.isPresent() ? fixedDate : period.map(start::plus);
    }
}
