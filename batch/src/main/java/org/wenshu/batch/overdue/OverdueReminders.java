package org.wenshu.batch.overdue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.StoredResponse;
import org.wenshu.archive.Unit;
import org.wenshu.batch.InstrumentIssuer;

/**
 * 督促回复: finds every recipient that owes a response past the due date and writes the reply-reminder (督促回复函)
 * of the current reminder round, optionally copied (抄报) to the recipient's parent unit. The round is the number of
 * whole reminder intervals from the due date to the day the reminder is issued (the archive's today) plus one, so a
 * reminder is issued once per interval however often the job runs and whatever day overdue is judged on (a run as of
 * an earlier day owes the same round as today's); its idempotency key is (instrument, recipient, round). The letter
 * says which reminder it is (第 N 次督促) counting the reminders the recipient was sent, not the intervals that passed.
 */
public final class OverdueReminders {

    static final String REMINDER_TYPE = "reply-reminder";
    private static final int PAGE = 500;

    private final Archive archive;
    private final InstrumentIssuer issuer;
    private final int intervalDays;
    private final java.time.ZoneId zone;

    public OverdueReminders(Archive archive, InstrumentIssuer issuer, int intervalDays, java.time.ZoneId zone) {
        if (intervalDays < 1) {
            throw new IllegalArgumentException("wenshu.batch.overdue.interval-days must be at least 1");
        }
        this.archive = archive;
        this.issuer = issuer;
        this.intervalDays = intervalDays;
        this.zone = zone;
    }

    /**
     * One reminder owed on a day.
     *
     * @param round 1 for the first interval after the due date, 2 for the next, …, counted to the archive's today when
     *              the list was made (not to the day overdue is judged on); {@link #request} counts it again to the
     *              day it issues the reminder, so a run that crosses midnight into the next round keys the reminder
     *              by the round of its date
     */
    public record Owed(String recordId, String recipientId, int round) {
    }

    /** The reminder round of {@code record} on {@code day}: whole intervals since its due date, plus one. */
    private int round(InstrumentRecord record, LocalDate day) {
        long late = ChronoUnit.DAYS.between(record.dueDate().orElseThrow(), day);
        return (int) ((Math.max(late, 1) - 1) / intervalDays) + 1;
    }

    /**
     * Every reminder owed as of {@code asOf} (the day overdue is judged on, not after the archive's today), in issue
     * order of the instruments and order of their recipients. Its round is that of the archive's today: judging
     * overdue as of an earlier day finds no more than today's run does and never owes an earlier round again.
     */
    public List<Owed> owed(LocalDate asOf) {
        LocalDate today = archive.today();
        List<Owed> owed = new ArrayList<>();
        List<InstrumentRecord> page;
        int offset = 0;
        do {
            page = archive.records(offset, PAGE);
            offset += page.size();
            for (InstrumentRecord record : page) {
                if (record.typeId().equals(REMINDER_TYPE) || !record.overdue(asOf)) {
                    continue;
                }
                Set<String> answered = archive.responses(record.id()).stream().map(StoredResponse::unit).map(Unit::id)
                        .collect(Collectors.toSet());
                int round = round(record, today);
                for (Unit recipient : record.recipients()) {
                    if (!answered.contains(recipient.id())) {
                        owed.add(new Owed(record.id(), recipient.id(), round));
                    }
                }
            }
        } while (page.size() == PAGE);
        return owed;
    }

    /**
     * The request of the reminder {@code owed}, with its idempotency key (instrument, recipient, round). It is dated
     * the day it is issued (the archive's today), whatever day overdue was judged on: its 成文日期, the year of its
     * number and the start of its reply period are then one day, and never before the day it is written.
     */
    public IssueRequest request(Owed owed, boolean copyToParent) {
        LocalDate today = archive.today();
        InstrumentRecord record = archive.record(owed.recordId());
        Unit recipient = archive.unit(owed.recipientId());
        // The round of the day the reminder is dated, which may be after the day the list was made.
        Owed dated = new Owed(owed.recordId(), owed.recipientId(), round(record, today));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", record.issuingUnit().name());
        fields.put("title", "关于督促回复" + record.number().text() + record.typeName() + "的函");
        fields.put("recipient", recipient.name());
        fields.put("earlierNumber", record.number().text());
        fields.put("earlierTitle", cut(record.title(), 80));
        LocalDate due = record.dueDate().orElseThrow();
        LocalDate delivered = record.delivery().map(d -> d.date()).orElse(record.issuedAt().atZone(zone).toLocalDate());
        // A fixed reply-by date (会议回执) may precede delivery; the reminder form wants delivery on or before it.
        fields.put("earlierDeliveredOn", (delivered.isAfter(due) ? due : delivered).toString());
        fields.put("earlierDueDate", record.dueDate().orElseThrow().toString());
        fields.put("request", "你单位未在期限内回复" + record.number().text() + record.typeName() + "（第 " + ordinal(dated)
                + " 次督促）。请于收到本函之日起十五日内书面回复办理情况。");
        fields.put("date", today.toString());
        Optional<Unit> parent = copyToParent ? recipient.parentId().map(archive::unit) : Optional.empty();
        parent.ifPresent(p -> fields.put("copiesTo", List.of(p.name())));
        return issuer.request(REMINDER_TYPE, fields).withKey(key(record.id(), recipient.id(), dated.round()));
    }

    /** The idempotency key of the reminder of {@code recordId} to {@code recipientId} in reminder round {@code round}. */
    private static String key(String recordId, String recipientId, int round) {
        return "overdue:" + org.wenshu.batch.bulk.BulkRows.sha256(
                String.join("\n", "overdue", recordId, recipientId, Integer.toString(round)));
    }

    /**
     * Which reminder to the recipient {@code owed} is: 1 + the reminders it was sent in earlier rounds (rounds in
     * which no job ran sent none), so the letter's 「第 N 次督促」 counts letters, not reminder intervals.
     */
    private int ordinal(Owed owed) {
        int sent = 0;
        for (int round = 1; round < owed.round(); round++) {
            if (archive.findByKey(key(owed.recordId(), owed.recipientId(), round)).isPresent()) {
                sent++;
            }
        }
        return sent + 1;
    }

    /**
     * One line of the job's report for the reminder {@code reminder} issued for {@code owed}, e.g.
     * {@code 荆检行督〔2026〕1号 → 荆门市司法局（督促回复 荆检行建〔2026〕3号 检察建议书，第 1 次督促）}.
     */
    public String reportLine(Owed owed, InstrumentRecord reminder) {
        InstrumentRecord earlier = archive.record(owed.recordId());
        Owed dated = new Owed(owed.recordId(), owed.recipientId(),
                round(earlier, reminder.issuedAt().atZone(zone).toLocalDate()));
        return reminder.number().text() + " → " + archive.unit(owed.recipientId()).name() + "（督促回复 "
                + earlier.number().text() + " " + earlier.typeName() + "，第 " + ordinal(dated) + " 次督促）";
    }

    /** The archive's today: the day reminders are issued and dated. */
    public LocalDate today() {
        return archive.today();
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
