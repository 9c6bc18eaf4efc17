package org.wenshu.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/** 送达、办结、撤回: the checked, audited status transitions of an issued instrument. */
final class Lifecycle {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RecordFiles files;
    private final Clock clock;
    private final Units units;
    private final Records records;
    private final AuditTrail audit;
    private final ChangeLog changes;

    Lifecycle(JdbcTemplate jdbc, TransactionTemplate tx, RecordFiles files, Clock clock, Units units, Records records,
            AuditTrail audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.files = files;
        this.clock = clock;
        this.units = units;
        this.records = records;
        this.audit = audit;
        this.changes = changes;
    }

    /** Records delivery (送达) by the issuing unit; the reply due date now counts from the delivery date. */
    InstrumentRecord deliver(String recordId, DeliveryMethod method, LocalDate date, Optional<String> note,
                                    String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = records.resolve(recordId);
        requireIssuer(record, actor, "登记送达");
        if (record.status() != RecordStatus.ISSUED) {
            throw new TransitionRefused("文书 " + record.number().text() + " 当前状态为「" + record.status().label() + "」，只有「已发出」的文书可以登记送达");
        }
        LocalDate issued = record.issuedAt().atZone(clock.getZone()).toLocalDate();
        if (date.isBefore(issued)) {
            throw new RequestInvalid("送达日期 " + date + " 早于发文日期 " + issued);
        }
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RequestInvalid("送达日期 " + date + " 晚于今天");
        }
        Optional<LocalDate> due = record.replyTerm().dueDate(date);
        Instant now = clock.instant();
        transition(record, RecordStatus.ISSUED, "DELIVERED", actor, now, Map.of(
                "method", method.name(), "methodLabel", method.label(), "date", date.toString(),
                "dueDate", due.map(LocalDate::toString).orElse(""), "note", note.orElse("")), () -> {
            jdbc.update("INSERT INTO deliveries (instrument_id, method, delivered_on, note, recorded_at) VALUES (?, ?, ?, ?, ?)",
                    record.id(), method.name(), date, note.orElse(null), RecordFiles.utc(now));
            jdbc.update("UPDATE instruments SET status = 'DELIVERED', due_date = ? WHERE id = ?", due.orElse(null), record.id());
            jdbc.update(RecordFigures.DELIVERED_ON_SQL, record.id(), record.id());
        });
        return records.resolve(recordId);
    }

    /**
     * Closes (办结) an instrument with the evaluation of the response; without a response only with a recorded
     * reason ({@code reasonWithoutResponse}).
     */
    InstrumentRecord close(String recordId, Adoption evaluation, String note, Optional<String> reasonWithoutResponse,
                                  String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = records.resolve(recordId);
        requireIssuer(record, actor, "办结");
        if (evaluation == null) {
            throw new RequestInvalid("缺少评价（采纳 / 部分采纳 / 未采纳）");
        }
        String reason = reasonWithoutResponse.map(String::strip).orElse("");
        if (record.status() == RecordStatus.CLOSED || record.status() == RecordStatus.WITHDRAWN) {
            throw new TransitionRefused("文书 " + record.number().text() + " 已「" + record.status().label() + "」，不能办结");
        }
        if (record.status() != RecordStatus.RESPONDED && reason.isEmpty()) {
            throw new TransitionRefused("文书 " + record.number().text() + " 尚无回复（状态「" + record.status().label()
                    + "」）：未回复而办结须写明理由");
        }
        Instant now = clock.instant();
        String text = (note == null ? "" : note.strip()) + (reason.isEmpty() ? "" : (note == null || note.isBlank() ? "" : "\n")
                + "未回复办结理由：" + reason);
        transition(record, record.status(), "CLOSED", actor, now, Map.of("evaluation", evaluation.name(),
                "evaluationLabel", evaluation.label(), "note", text), () ->
                jdbc.update("UPDATE instruments SET status = 'CLOSED', evaluation = ?, closing_note = ?, closed_at = ? WHERE id = ?",
                        evaluation.name(), RecordFiles.cut(text, 2000), RecordFiles.utc(now), record.id()));
        return records.resolve(recordId);
    }

    /** Withdraws (撤回) an instrument that has not been answered, with the reason. */
    InstrumentRecord withdraw(String recordId, String reason, String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = records.resolve(recordId);
        requireIssuer(record, actor, "撤回");
        RequestInvalid.require(reason, "撤回理由");
        if (!record.status().awaitsResponse()) {
            throw new TransitionRefused("文书 " + record.number().text() + " 当前状态为「" + record.status().label() + "」，不能撤回");
        }
        Instant now = clock.instant();
        transition(record, record.status(), "WITHDRAWN", actor, now, Map.of("reason", reason.strip()), () ->
                jdbc.update("UPDATE instruments SET status = 'WITHDRAWN', withdraw_reason = ?, withdrawn_at = ? WHERE id = ?",
                        RecordFiles.cut(reason.strip(), 2000), RecordFiles.utc(now), record.id()));
        return records.resolve(recordId);
    }

    private void requireIssuer(InstrumentRecord record, Unit actor, String action) {
        if (!record.issuingUnit().id().equals(actor.id())) {
            throw new TransitionRefused(actor.name() + " 不是文书 " + record.number().text() + " 的发文单位（"
                    + record.issuingUnit().name() + "），不能" + action);
        }
    }

    /** Writes the lifecycle event object, then applies {@code update} with change log and audit in one transaction. */
    private void transition(InstrumentRecord record, RecordStatus expected, String action, Unit actor, Instant at,
                            Map<String, Object> detail, Runnable update) {
        int year = record.issuedAt().atZone(clock.getZone()).getYear();
        tx.executeWithoutResult(status -> {
            InstrumentRecord current = records.locked(record.id());
            if (current.status() != expected) {
                throw new TransitionRefused("文书 " + record.number().text() + " 的状态刚刚变为「" + current.status().label() + "」，请重试");
            }
            Integer n = jdbc.queryForObject("SELECT event_count FROM instruments WHERE id = ?", Integer.class, record.id()) + 1;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("schema", "wenshu.event/1");
            event.put("recordId", record.id());
            event.put("number", record.number().text());
            event.put("action", action);
            event.put("actor", RecordFiles.unitJson(actor));
            event.put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
            event.putAll(detail);
            // Deterministic key: a rolled-back attempt is overwritten by the next one, never left beside it.
            StoredFile object = files.put(ObjectKeys.event(year, record.id(), n, action.toLowerCase()), Json.pretty(event),
                    "application/json", RecordFiles.metadata(record.id(), record.number(), "event"), new ArrayList<>());
            update.run();
            jdbc.update("UPDATE instruments SET event_count = ? WHERE id = ?", n, record.id());
            files.insertFile(object, record.id(), null, "EVENT", action.toLowerCase() + ".json", null);
            changes.append(record.id(), "INSTRUMENT", at);
            audit.append(at, actor.name(), action, record.id(), detail);
        });
    }

}
