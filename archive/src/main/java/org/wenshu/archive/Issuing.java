package org.wenshu.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/**
 * 发文: validate, reserve the next number (gapless per prefix and year, whichever unit issues), produce, store, commit, audit;
 * a failure after the reservation voids the number with its reason.
 */
final class Issuing {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern PREFIX = Pattern.compile("[\\p{IsHan}A-Za-z0-9]{1,20}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RecordFiles files;
    private final S3ObjectStore store;
    private final Clock clock;
    private final Units units;
    private final Records records;
    private final AuditTrail audit;
    private final ChangeLog changes;
    private final VerificationCodes codes = new VerificationCodes();

    Issuing(JdbcTemplate jdbc, TransactionTemplate tx, RecordFiles files, Clock clock, Units units, Records records,
            AuditTrail audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.files = files;
        this.store = files.store();
        this.clock = clock;
        this.units = units;
        this.records = records;
        this.audit = audit;
        this.changes = changes;
    }

    /**
     * Issues an instrument: validates, reserves the next number (gapless per prefix and year, whichever unit issues), lets
     * {@code producer} render and sign it, stores {@code instrument.pdf} and {@code record.json}, commits the record
     * and audits it. A retry with the same idempotency key returns the record issued before.
     *
     * @throws IssuingFailed when producing or storing failed; the number is then void with the reason
     */
    InstrumentRecord issue(IssueRequest request, InstrumentProducer producer) {
        return issue(request, producer, false);
    }

    /**
     * As {@link #issue(IssueRequest, InstrumentProducer)}; with {@code takeOver}, a number left RESERVED under the
     * same idempotency key is completed (produced, stored and committed under that number and record id) instead of
     * refused as in progress. Only for a caller that knows the process which reserved it is dead.
     */
    InstrumentRecord issue(IssueRequest request, InstrumentProducer producer, boolean takeOver) {
        Validated valid = validate(request);
        String key = request.idempotencyKey().orElseGet(() -> derivedKey(request, valid.issuing().id()));
        Optional<InstrumentRecord> earlier = records.findByKey(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<Reservation> left = takeOver ? reservedUnder(key) : Optional.empty();
        Reservation reservation;
        try {
            reservation = left.isPresent() ? left.get() : reserve(request, valid, key);
        } catch (DuplicateKeyException sameKey) {
            return records.findByKey(key).orElseThrow(() -> inProgress(key, sameKey));
        }
        DocumentNumber number = reservation.number();
        // Drawn at random, never from the id or number, and known before rendering: the PDF prints it.
        String code = codes.next();
        byte[] pdf;
        try {
            pdf = producer.produce(number, code);
            if (pdf == null || pdf.length == 0) {
                throw new IllegalStateException("生成的文书为空");
            }
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "生成或签署文书失败: " + RecordFiles.describe(e), e, List.of());
        }
        List<String> written = new ArrayList<>();
        List<StoredFile> objects;
        try {
            objects = storeInstrument(request, valid, reservation, key, code, pdf, written);
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "对象存储写入失败: " + RecordFiles.describe(e), e, written);
        }
        try {
            commitIssued(request, valid, reservation, key, code, objects);
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "登记提交失败: " + RecordFiles.describe(e), e, written);
        }
        objects.forEach(o -> store.retain(o.key()));
        return records.find(reservation.recordId()).orElseThrow();
    }

    private record Validated(Unit issuing, List<Unit> recipients, List<Unit> copied) {
    }

    private record Reservation(DocumentNumber number, String recordId, Instant at, int objectYear) {
    }

    private Validated validate(IssueRequest request) {
        RequestInvalid.require(request.typeId(), "文书类型 (typeId)");
        RequestInvalid.require(request.typeName(), "文书类型名称 (typeName)");
        RequestInvalid.require(request.title(), "标题 (title)");
        if (request.numberPrefix() == null || !PREFIX.matcher(request.numberPrefix()).matches()) {
            throw new RequestInvalid("发文字号前缀「" + request.numberPrefix() + "」无效：须为 1-20 个汉字、字母或数字，如 荆检行建");
        }
        if (request.year() < 2000 || request.year() > 2100) {
            throw new RequestInvalid("发文年份 " + request.year() + " 无效");
        }
        request.idempotencyKey().ifPresent(k -> {
            if (!KEY.matcher(k).matches()) {
                throw new RequestInvalid("幂等键「" + k + "」无效：只能包含字母、数字和 . _ : -，最长 100 个字符");
            }
        });
        if (request.recipients().isEmpty()) {
            throw new RequestInvalid("缺少主送单位 (recipients)");
        }
        Identifiers.requireVisible(request.title(), "标题 (title)");
        Unit issuing = units.resolve(request.issuingUnit(), "发文单位");
        List<Unit> recipients = distinct(request.recipients().stream().map(u -> units.resolve(u, "主送单位")).toList());
        List<Unit> copied = distinct(request.copiedUnits().stream().map(u -> units.resolve(u, "抄送单位")).toList());
        if (recipients.stream().anyMatch(u -> u.id().equals(issuing.id()))) {
            throw new RequestInvalid("主送单位不能是发文单位本身（" + issuing.name() + "）");
        }
        if (copied.stream().anyMatch(recipients::contains)) {
            throw new RequestInvalid("同一单位不能既是主送又是抄送");
        }
        return new Validated(issuing, recipients, copied);
    }

    private static List<Unit> distinct(List<Unit> units) {
        return List.copyOf(new LinkedHashSet<>(units));
    }

    /** SHA-256 of the canonical type, fields and issuing unit: the same instrument asked twice is issued once. */
    static String derivedKey(IssueRequest request, String issuingUnitId) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("type", request.typeId());
        canonical.put("issuingUnit", issuingUnitId);
        canonical.put("fields", request.fields());
        return "sha256:" + Hashes.sha256(Json.canonical(canonical));
    }

    private Reservation reserve(IssueRequest request, Validated valid, String key) {
        String unit = valid.issuing().id();
        String prefix = request.numberPrefix();
        ensureCounter(prefix, request.year());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return tx.execute(status -> {
            // One counter per (prefix, year), whichever unit issues: 发文字号 is unique per prefix, year and serial.
            // The row lock serialises numbering on H2 and PostgreSQL alike; a rollback (crash, duplicate key)
            // returns the number, so the register never has a gap.
            Integer last = jdbc.queryForObject("SELECT last_serial FROM number_counters "
                    + "WHERE prefix = ? AND num_year = ? FOR UPDATE", Integer.class, prefix, request.year());
            DocumentNumber number = new DocumentNumber(prefix, request.year(), last + 1);
            List<String> holders = jdbc.queryForList("SELECT u.name FROM register_entries r JOIN units u "
                    + "ON u.id = r.issuing_unit WHERE r.number_text = ?", String.class, number.text());
            if (!holders.isEmpty()) {
                throw new NumberTaken(number.text(), holders.get(0));
            }
            jdbc.update("UPDATE number_counters SET last_serial = ? WHERE prefix = ? AND num_year = ?",
                    number.serial(), prefix, request.year());
            String recordId = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, record_id, "
                            + "idempotency_key, type_id, title, reserved_at) VALUES (?, ?, ?, ?, ?, 'RESERVED', ?, ?, ?, ?, ?)",
                    unit, number.prefix(), number.year(), number.serial(), number.text(), recordId, key,
                    request.typeId(), request.title(), RecordFiles.utc(now));
            return new Reservation(number, recordId, now, now.atZone(clock.getZone()).getYear());
        });
    }

    /** The number a dead process reserved under {@code key}: its objects are written again under the same keys. */
    private Optional<Reservation> reservedUnder(String key) {
        return jdbc.query("SELECT prefix, num_year, serial, record_id, reserved_at FROM register_entries "
                + "WHERE idempotency_key = ? AND state = 'RESERVED'", (rs, i) -> {
                    Instant at = RecordFiles.toInstant(rs.getObject("reserved_at")).truncatedTo(ChronoUnit.MILLIS);
                    return new Reservation(new DocumentNumber(rs.getString("prefix"), rs.getInt("num_year"),
                            rs.getInt("serial")), rs.getString("record_id"), at, at.atZone(clock.getZone()).getYear());
                }, key).stream().findFirst();
    }

    private void ensureCounter(String prefix, int year) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM number_counters WHERE prefix = ? AND num_year = ?",
                Integer.class, prefix, year);
        if (rows == 0) {
            try {
                tx.executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO number_counters (prefix, num_year, last_serial) VALUES (?, ?, 0)", prefix, year));
            } catch (DuplicateKeyException concurrentlyCreated) {
                // another issuer created it first: fine
            }
        }
    }

    private RuntimeException inProgress(String key, RuntimeException cause) {
        List<String> numbers = jdbc.queryForList("SELECT number_text FROM register_entries WHERE idempotency_key = ?",
                String.class, key);
        if (numbers.isEmpty()) {
            // Not this key: some other unique value of the register (a number) is taken. Never the database's text.
            return new NumberTaken("发文登记失败：编号与发文登记簿中已有的登记冲突，未发文、未占用编号；请重试，"
                    + "问题持续请联系管理员核对发文登记簿", cause);
        }
        return new IssuingInProgress(numbers.get(0));
    }

    private List<StoredFile> storeInstrument(IssueRequest request, Validated valid, Reservation reservation, String key,
                                             String code, byte[] pdf, List<String> written) {
        int year = reservation.objectYear();
        String id = reservation.recordId();
        StoredFile instrument = files.put(ObjectKeys.instrument(year, id), pdf, "application/pdf",
                RecordFiles.metadata(id, reservation.number(), "instrument"), written);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", "wenshu.record/1");
        json.put("id", id);
        json.put("number", reservation.number().text());
        json.put("numberParts", Map.of("prefix", reservation.number().prefix(), "year", reservation.number().year(),
                "serial", reservation.number().serial()));
        json.put("typeId", request.typeId());
        json.put("typeName", request.typeName());
        json.put("title", request.title());
        json.put("issuingUnit", RecordFiles.unitJson(valid.issuing()));
        json.put("recipients", valid.recipients().stream().map(RecordFiles::unitJson).toList());
        json.put("copiedUnits", valid.copied().stream().map(RecordFiles::unitJson).toList());
        json.put("urgent", request.urgent());
        json.put("replyTerm", RecordFiles.termJson(request.replyTerm()));
        json.put("issuedAt", reservation.at().toString());
        json.put("idempotencyKey", key);
        json.put("verificationCode", code);
        json.put("fields", request.fields());
        json.put("files", List.of(RecordFiles.fileJson("instrument.pdf", instrument)));
        StoredFile recordJson = files.put(ObjectKeys.recordJson(year, id), Json.pretty(json), "application/json",
                RecordFiles.metadata(id, reservation.number(), "record"), written);
        return List.of(instrument, recordJson);
    }

    private void commitIssued(IssueRequest request, Validated valid, Reservation reservation, String key, String code,
                              List<StoredFile> objects) {
        Instant at = reservation.at();
        // Not before the reservation: a number taken over from a dead process is committed now, reserved then.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant committed = now.isAfter(at) ? now : at;
        LocalDate issueDate = at.atZone(clock.getZone()).toLocalDate();
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO instruments (id, number_text, issuing_unit, prefix, num_year, serial, type_id, type_name, "
                            + "title, urgent, reply_period, fixed_due_date, status, issued_at, due_date, idempotency_key, "
                            + "fields_json, event_count, verification_code, committed_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?, 0, ?, ?)",
                    reservation.recordId(), reservation.number().text(), valid.issuing().id(), reservation.number().prefix(),
                    reservation.number().year(), reservation.number().serial(), request.typeId(), request.typeName(),
                    request.title(), request.urgent(), request.replyTerm().period().map(Object::toString).orElse(null),
                    request.replyTerm().fixedDate().orElse(null), RecordFiles.utc(at),
                    request.replyTerm().dueDate(issueDate).orElse(null), key, Json.compact(request.fields()), code,
                    RecordFiles.utc(committed));
            int position = 0;
            for (Unit unit : valid.recipients()) {
                jdbc.update("INSERT INTO instrument_units (instrument_id, unit_id, role, position) VALUES (?, ?, 'MAIN', ?)",
                        reservation.recordId(), unit.id(), position++);
            }
            for (Unit unit : valid.copied()) {
                jdbc.update("INSERT INTO instrument_units (instrument_id, unit_id, role, position) VALUES (?, ?, 'COPY', ?)",
                        reservation.recordId(), unit.id(), position++);
            }
            files.insertFile(objects.get(0), reservation.recordId(), null, "INSTRUMENT", "instrument.pdf", null);
            files.insertFile(objects.get(1), reservation.recordId(), null, "RECORD_JSON", "record.json", null);
            int updated = jdbc.update("UPDATE register_entries SET state = 'ISSUED' WHERE record_id = ? AND state = 'RESERVED'",
                    reservation.recordId());
            if (updated != 1) {
                throw new IllegalStateException("编号 " + reservation.number().text() + " 已不在预留状态（可能已被清理作废）");
            }
            changes.append(reservation.recordId(), "INSTRUMENT", at);
            audit.append(at, valid.issuing().name(), "ISSUED", reservation.recordId(), Map.of(
                    "number", reservation.number().text(), "title", request.title(), "typeId", request.typeId(),
                    "instrumentSha256", objects.get(0).sha256(), "recordJsonSha256", objects.get(1).sha256()));
        });
    }

    private IssuingFailed voidAndFail(Reservation reservation, String reason, RuntimeException cause, List<String> written) {
        IssuingFailed failure = new IssuingFailed(reservation.number(), reason, cause);
        boolean removed = files.deleteQuietly(written, failure); // what stays is removed by reconcile()
        try {
            voidEntry(reservation.recordId(), reservation.number(), reason, removed);
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the entry stays RESERVED; reconcile() voids it later
        }
        return failure;
    }

    private void voidEntry(String recordId, DocumentNumber number, String reason, boolean objectsRemoved) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            int updated = jdbc.update("UPDATE register_entries SET state = 'VOID', void_reason = ?, voided_at = ?, "
                            + "voided_key = idempotency_key, idempotency_key = NULL, objects_removed = ? "
                            + "WHERE record_id = ? AND state = 'RESERVED'",
                    RecordFiles.cut(reason, 2000), RecordFiles.utc(now), objectsRemoved, recordId);
            if (updated == 1) {
                audit.append(now, "system", "NUMBER_VOIDED", recordId, Map.of("number", number.text(), "reason", RecordFiles.cut(reason, 2000)));
            }
        });
    }

    /**
     * Voids numbers left RESERVED for longer than {@code olderThan} (an issuing process that died) and removes
     * their objects and those of void numbers; returns how many numbers it voided.
     */
    int reconcile(Duration olderThan) {
        OffsetDateTime cutoff = RecordFiles.utc(clock.instant().minus(olderThan));
        List<Map<String, Object>> stale = jdbc.queryForList("SELECT record_id, prefix, num_year, serial FROM register_entries "
                + "WHERE state = 'RESERVED' AND reserved_at <= ?", cutoff);
        for (Map<String, Object> row : stale) {
            DocumentNumber number = new DocumentNumber((String) row.get("prefix"), ((Number) row.get("num_year")).intValue(),
                    ((Number) row.get("serial")).intValue());
            voidEntry((String) row.get("record_id"), number, "发文过程中断（进程终止或超时），编号作废", false);
        }
        List<Map<String, Object>> voided = jdbc.queryForList("SELECT record_id, reserved_at FROM register_entries "
                + "WHERE state = 'VOID' AND objects_removed = FALSE");
        for (Map<String, Object> row : voided) {
            String recordId = (String) row.get("record_id");
            int year = RecordFiles.toInstant(row.get("reserved_at")).atZone(clock.getZone()).getYear();
            store.list(ObjectKeys.recordBase(year, recordId)).forEach(store::delete);
            jdbc.update("UPDATE register_entries SET objects_removed = TRUE WHERE record_id = ?", recordId);
        }
        return stale.size();
    }

}
