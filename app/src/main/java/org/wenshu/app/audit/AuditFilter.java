package org.wenshu.app.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.wenshu.app.api.InputInvalid;
import org.wenshu.archive.AuditQuery;

/**
 * The audit page's and API's filters as typed: record id, part of the actor's name, action, and a range of calendar
 * dates (inclusive, in the archive's zone); blank means any.
 */
public record AuditFilter(String recordId, String actor, String action, String from, String to) {

    public AuditFilter {
        recordId = strip(recordId);
        actor = strip(actor);
        action = strip(action);
        from = strip(from);
        to = strip(to);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * The archive query for these filters.
     *
     * @throws InputInvalid naming {@code from} or {@code to} when a date is not yyyy-MM-dd or the range is reversed,
     *                      or a value is longer than its column
     */
    public AuditQuery query(ZoneId zone) {
        Optional<LocalDate> fromDay = date("from", from);
        Optional<LocalDate> toDay = date("to", to);
        if (fromDay.isPresent() && toDay.isPresent() && toDay.get().isBefore(fromDay.get())) {
            throw new InputInvalid("to", "截止日期 " + to + " 早于起始日期 " + from);
        }
        longest("recordId", recordId, 40, "记录号");
        longest("actor", actor, 200, "操作人");
        longest("action", action, 40, "操作");
        return new AuditQuery(present(recordId), present(actor), present(action.toUpperCase(java.util.Locale.ROOT)),
                fromDay.map(d -> d.atStartOfDay(zone).toInstant()),
                toDay.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void longest(String field, String value, int max, String label) {
        if (value.length() > max) {
            throw new InputInvalid(field, label + "不超过 " + max + " 个字符");
        }
    }

    private static Optional<LocalDate> date(String field, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            String label = field.equals("from") ? "起始日期" : "截止日期";
            if (org.wenshu.app.api.TypedValues.nonexistentDate(value)) {
                throw new InputInvalid(field, label + "「" + value.strip() + "」不存在（该月没有这一天）");
            }
            throw new InputInvalid(field, label + "「" + value + "」无效：请按 yyyy-MM-dd 填写，如 2024-03-01");
        }
    }
}
