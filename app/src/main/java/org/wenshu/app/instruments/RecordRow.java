package org.wenshu.app.instruments;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Collectors;

import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.Unit;

/**
 * One instrument as a row of the register or the inbox: what a person scans for (number, title, addressees, state,
 * when the reply is due and how many days are left).
 *
 * @param daysLeft days until the due date (negative once overdue), empty without a due date or once answered
 */
public record RecordRow(String id, String number, String title, String typeName, String issuingUnit,
                        String recipients, LocalDate issuedOn, String status, String statusLabel,
                        Optional<LocalDate> dueDate, Optional<Long> daysLeft, boolean overdue, boolean urgent) {

    /** The row of {@code record} as of {@code today}, issue dates in {@code zone}. */
    public static RecordRow of(InstrumentRecord record, LocalDate today, ZoneId zone) {
        boolean overdue = record.overdue(today);
        String status = record.displayStatus(today);
        Optional<Long> daysLeft = record.status().awaitsResponse()
                ? record.dueDate().map(due -> ChronoUnit.DAYS.between(today, due)) : Optional.empty();
        return new RecordRow(record.id(), record.number().text(), record.title(), record.typeName(),
                record.issuingUnit().name(), record.recipients().stream().map(Unit::name).collect(Collectors.joining("、")),
                record.issuedAt().atZone(zone).toLocalDate(), status, overdue ? "逾期" : record.status().label(),
                record.dueDate(), daysLeft, overdue, record.urgent());
    }

    /** 剩余天数 in words: {@code 还剩 5 天}, {@code 今日到期}, {@code 逾期 3 天}, or a dash. */
    public String daysLeftText() {
        return daysLeft.map(days -> days > 0 ? "还剩 " + days + " 天" : days == 0 ? "今日到期" : "逾期 " + -days + " 天")
                .orElse("—");
    }
}
