package org.wenshu.archive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.archive.uploads.InspectedFile;
import org.wenshu.archive.uploads.UploadInspector;

/**
 * 档案: the record database and object storage behind the document register, the answer-tracking lifecycle, the
 * agencies' responses, the audit trail and the fixity check. The objects (with their {@code record.json}) are the
 * source of truth; a record row is committed only after its objects are stored.
 */
public final class Archive {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern PREFIX = Pattern.compile("[\\p{IsHan}A-Za-z0-9]{1,20}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final S3ObjectStore store;
    private final ArchiveLimits limits;
    private final Clock clock;
    private final UploadInspector inspector;
    private final Units units;
    private final Records records;
    private final AuditTrail audit;
    private final ChangeLog changes;
    private final References references;

    private Archive(DataSource dataSource, S3ObjectStore store, ArchiveLimits limits, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.inspector = new UploadInspector(limits.files());
        this.units = new Units(jdbc);
        this.records = new Records(jdbc, tx, units);
        this.audit = new AuditTrail(jdbc);
        this.changes = new ChangeLog(jdbc);
        this.references = new References(jdbc, tx, store, audit, changes);
    }

    /** Migrates the database (Flyway), creates the bucket if missing, and opens the archive. */
    public static Archive open(DataSource dataSource, S3ObjectStore store, ArchiveLimits limits, Clock clock) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/archive")
                .table("archive_schema_history")
                .load()
                .migrate();
        store.ensureBucket();
        return new Archive(dataSource, store, limits, clock);
    }

    // ---------------------------------------------------------------- issuing

    /**
     * Issues an instrument: validates, reserves the next number (gapless per issuing unit, prefix and year), lets
     * {@code producer} render and sign it, stores {@code instrument.pdf} and {@code record.json}, commits the record
     * and audits it. A retry with the same idempotency key returns the record issued before.
     *
     * @throws IssuingFailed when producing or storing failed; the number is then void with the reason
     */
    public InstrumentRecord issue(IssueRequest request, InstrumentProducer producer) {
        Validated valid = validate(request);
        String key = request.idempotencyKey().orElseGet(() -> derivedKey(request, valid.issuing().id()));
        Optional<InstrumentRecord> earlier = records.findByKey(key);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Reservation reservation;
        try {
            reservation = reserve(request, valid, key);
        } catch (DuplicateKeyException sameKey) {
            return records.findByKey(key).orElseThrow(() -> inProgress(key, sameKey));
        }
        DocumentNumber number = reservation.number();
        byte[] pdf;
        try {
            pdf = producer.produce(number);
            if (pdf == null || pdf.length == 0) {
                throw new IllegalStateException("生成的文书为空");
            }
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "生成或签署文书失败: " + describe(e), e, List.of());
        }
        List<String> written = new ArrayList<>();
        List<StoredFile> objects;
        try {
            objects = storeInstrument(request, valid, reservation, key, pdf, written);
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "对象存储写入失败: " + describe(e), e, written);
        }
        try {
            commitIssued(request, valid, reservation, key, objects);
        } catch (RuntimeException e) {
            throw voidAndFail(reservation, "登记提交失败: " + describe(e), e, written);
        }
        objects.forEach(o -> store.retain(o.key()));
        return records.find(reservation.recordId()).orElseThrow();
    }

    private record Validated(Unit issuing, List<Unit> recipients, List<Unit> copied) {
    }

    private record Reservation(DocumentNumber number, String recordId, Instant at, int objectYear) {
    }

    private Validated validate(IssueRequest request) {
        require(request.typeId(), "文书类型 (typeId)");
        require(request.typeName(), "文书类型名称 (typeName)");
        require(request.title(), "标题 (title)");
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
        Unit issuing = units.resolve(request.issuingUnit());
        List<Unit> recipients = distinct(request.recipients().stream().map(units::resolve).toList());
        List<Unit> copied = distinct(request.copiedUnits().stream().map(units::resolve).toList());
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

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new RequestInvalid("缺少" + what);
        }
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
        ensureSequence(unit, request.numberPrefix(), request.year());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return tx.execute(status -> {
            // The row lock serialises numbering per (unit, prefix, year) on H2 and PostgreSQL alike; a rollback
            // (crash, duplicate key) returns the number, so the register never has a gap.
            Integer last = jdbc.queryForObject("SELECT last_serial FROM number_sequences "
                    + "WHERE issuing_unit = ? AND prefix = ? AND num_year = ? FOR UPDATE",
                    Integer.class, unit, request.numberPrefix(), request.year());
            DocumentNumber number = new DocumentNumber(request.numberPrefix(), request.year(), last + 1);
            jdbc.update("UPDATE number_sequences SET last_serial = ? WHERE issuing_unit = ? AND prefix = ? AND num_year = ?",
                    number.serial(), unit, request.numberPrefix(), request.year());
            String recordId = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, record_id, "
                            + "idempotency_key, type_id, title, reserved_at) VALUES (?, ?, ?, ?, ?, 'RESERVED', ?, ?, ?, ?, ?)",
                    unit, number.prefix(), number.year(), number.serial(), number.text(), recordId, key,
                    request.typeId(), request.title(), utc(now));
            return new Reservation(number, recordId, now, now.atZone(clock.getZone()).getYear());
        });
    }

    private void ensureSequence(String unit, String prefix, int year) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM number_sequences WHERE issuing_unit = ? AND prefix = ? AND num_year = ?",
                Integer.class, unit, prefix, year);
        if (rows == 0) {
            try {
                tx.executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO number_sequences (issuing_unit, prefix, num_year, last_serial) VALUES (?, ?, ?, 0)",
                        unit, prefix, year));
            } catch (DuplicateKeyException concurrentlyCreated) {
                // another issuer created it first: fine
            }
        }
    }

    private RuntimeException inProgress(String key, RuntimeException cause) {
        List<String> numbers = jdbc.queryForList("SELECT number_text FROM register_entries WHERE idempotency_key = ?",
                String.class, key);
        if (numbers.isEmpty()) {
            return cause;
        }
        return new IssuingInProgress(numbers.get(0));
    }

    private List<StoredFile> storeInstrument(IssueRequest request, Validated valid, Reservation reservation, String key,
                                             byte[] pdf, List<String> written) {
        int year = reservation.objectYear();
        String id = reservation.recordId();
        StoredFile instrument = put(ObjectKeys.instrument(year, id), pdf, "application/pdf",
                metadata(id, reservation.number(), "instrument"), written);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", "wenshu.record/1");
        json.put("id", id);
        json.put("number", reservation.number().text());
        json.put("numberParts", Map.of("prefix", reservation.number().prefix(), "year", reservation.number().year(),
                "serial", reservation.number().serial()));
        json.put("typeId", request.typeId());
        json.put("typeName", request.typeName());
        json.put("title", request.title());
        json.put("issuingUnit", unitJson(valid.issuing()));
        json.put("recipients", valid.recipients().stream().map(Archive::unitJson).toList());
        json.put("copiedUnits", valid.copied().stream().map(Archive::unitJson).toList());
        json.put("urgent", request.urgent());
        json.put("replyTerm", termJson(request.replyTerm()));
        json.put("issuedAt", reservation.at().toString());
        json.put("idempotencyKey", key);
        json.put("fields", request.fields());
        json.put("files", List.of(fileJson("instrument.pdf", instrument)));
        StoredFile recordJson = put(ObjectKeys.recordJson(year, id), Json.pretty(json), "application/json",
                metadata(id, reservation.number(), "record"), written);
        return List.of(instrument, recordJson);
    }

    private void commitIssued(IssueRequest request, Validated valid, Reservation reservation, String key,
                              List<StoredFile> objects) {
        Instant at = reservation.at();
        LocalDate issueDate = at.atZone(clock.getZone()).toLocalDate();
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO instruments (id, number_text, issuing_unit, prefix, num_year, serial, type_id, type_name, "
                            + "title, urgent, reply_period, fixed_due_date, status, issued_at, due_date, idempotency_key, "
                            + "fields_json, event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?, 0)",
                    reservation.recordId(), reservation.number().text(), valid.issuing().id(), reservation.number().prefix(),
                    reservation.number().year(), reservation.number().serial(), request.typeId(), request.typeName(),
                    request.title(), request.urgent(), request.replyTerm().period().map(Object::toString).orElse(null),
                    request.replyTerm().fixedDate().orElse(null), utc(at),
                    request.replyTerm().dueDate(issueDate).orElse(null), key, Json.compact(request.fields()));
            int position = 0;
            for (Unit unit : valid.recipients()) {
                jdbc.update("INSERT INTO instrument_units (instrument_id, unit_id, role, position) VALUES (?, ?, 'MAIN', ?)",
                        reservation.recordId(), unit.id(), position++);
            }
            for (Unit unit : valid.copied()) {
                jdbc.update("INSERT INTO instrument_units (instrument_id, unit_id, role, position) VALUES (?, ?, 'COPY', ?)",
                        reservation.recordId(), unit.id(), position++);
            }
            insertFile(objects.get(0), reservation.recordId(), null, "INSTRUMENT", "instrument.pdf", null);
            insertFile(objects.get(1), reservation.recordId(), null, "RECORD_JSON", "record.json", null);
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
        boolean removed = true;
        for (String key : written) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                removed = false; // reconcile() removes it later
                failure.addSuppressed(e);
            }
        }
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
                    cut(reason, 2000), utc(now), objectsRemoved, recordId);
            if (updated == 1) {
                audit.append(now, "system", "NUMBER_VOIDED", recordId, Map.of("number", number.text(), "reason", cut(reason, 2000)));
            }
        });
    }

    /**
     * Voids numbers left RESERVED for longer than {@code olderThan} (an issuing process that died) and removes
     * their objects and those of void numbers; returns how many numbers it voided.
     */
    public int reconcile(Duration olderThan) {
        OffsetDateTime cutoff = utc(clock.instant().minus(olderThan));
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
            int year = toInstant(row.get("reserved_at")).atZone(clock.getZone()).getYear();
            store.list(ObjectKeys.recordBase(year, recordId)).forEach(store::delete);
            jdbc.update("UPDATE register_entries SET objects_removed = TRUE WHERE record_id = ?", recordId);
        }
        return stale.size();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Records delivery (送达) by the issuing unit; the reply due date now counts from the delivery date. */
    public InstrumentRecord deliver(String recordId, DeliveryMethod method, LocalDate date, Optional<String> note,
                                    String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = record(recordId);
        requireIssuer(record, actor, "登记送达");
        if (record.status() != RecordStatus.ISSUED) {
            throw new TransitionRefused("文书 " + record.number().text() + " 当前状态为「" + record.status().label() + "」，只有「已发出」的文书可以登记送达");
        }
        LocalDate issued = record.issuedAt().atZone(clock.getZone()).toLocalDate();
        if (date.isBefore(issued)) {
            throw new RequestInvalid("送达日期 " + date + " 早于发文日期 " + issued);
        }
        if (date.isAfter(today())) {
            throw new RequestInvalid("送达日期 " + date + " 晚于今天");
        }
        Optional<LocalDate> due = record.replyTerm().dueDate(date);
        Instant now = clock.instant();
        transition(record, RecordStatus.ISSUED, "DELIVERED", actor, now, Map.of(
                "method", method.name(), "methodLabel", method.label(), "date", date.toString(),
                "dueDate", due.map(LocalDate::toString).orElse(""), "note", note.orElse("")), () -> {
            jdbc.update("INSERT INTO deliveries (instrument_id, method, delivered_on, note, recorded_at) VALUES (?, ?, ?, ?, ?)",
                    record.id(), method.name(), date, note.orElse(null), utc(now));
            jdbc.update("UPDATE instruments SET status = 'DELIVERED', due_date = ? WHERE id = ?", due.orElse(null), record.id());
        });
        return record(recordId);
    }

    /** Files an agency's response (回复) with its attachments; only a 主送 unit of the instrument may respond. */
    public StoredResponse respond(ResponseSubmission submission) {
        Unit actor = units.resolve(submission.actingUnit());
        InstrumentRecord record = record(submission.recordId());
        checkMayRespond(record, actor);
        require(submission.measures(), "整改措施");
        require(submission.results(), "整改结果");
        if (submission.adoption() == null) {
            throw new RequestInvalid("缺少采纳情况（采纳 / 部分采纳 / 未采纳）");
        }
        if (submission.files().isEmpty()) {
            throw new RequestInvalid("回复须附至少一个文件（PDF、DOCX、OFD、JPEG 或 PNG）");
        }
        if (submission.files().size() > limits.maxFilesPerResponse()) {
            throw new RequestInvalid("附件 " + submission.files().size() + " 个，超过每次回复上限 " + limits.maxFilesPerResponse() + " 个");
        }
        long total = submission.files().stream().mapToLong(f -> f.content().length).sum();
        if (total > limits.maxResponseBytes()) {
            throw new RequestInvalid("附件合计 " + total + " 字节，超过每次回复上限 " + limits.maxResponseBytes() + " 字节");
        }
        List<InspectedFile> inspected = new ArrayList<>();
        for (UploadedFile file : submission.files()) {
            inspected.add(inspector.inspect(file.name(), file.content())); // FileRefused: nothing stored yet
        }
        String responseId = UUID.randomUUID().toString();
        int year = record.issuedAt().atZone(clock.getZone()).getYear();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> written = new ArrayList<>();
        try {
            List<StoredFile> stored = new ArrayList<>();
            List<Map<String, Object>> filesJson = new ArrayList<>();
            for (int i = 0; i < inspected.size(); i++) {
                InspectedFile file = inspected.get(i);
                StoredFile object = put(ObjectKeys.responseFile(year, record.id(), responseId, i + 1, file.extension()),
                        submission.files().get(i).content(), file.mediaType(), metadata(record.id(), record.number(), "response-file"), written);
                stored.add(object);
                filesJson.add(fileJson(file.originalName(), object));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("schema", "wenshu.response/1");
            json.put("id", responseId);
            json.put("recordId", record.id());
            json.put("number", record.number().text());
            json.put("unit", unitJson(actor));
            json.put("measures", submission.measures());
            json.put("results", submission.results());
            json.put("adoption", submission.adoption().name());
            json.put("adoptionLabel", submission.adoption().label());
            json.put("submittedAt", now.toString());
            json.put("files", filesJson);
            StoredFile responseJson = put(ObjectKeys.responseJson(year, record.id(), responseId), Json.pretty(json),
                    "application/json", metadata(record.id(), record.number(), "response"), written);
            tx.executeWithoutResult(status -> {
                InstrumentRecord current = lockedRecord(record.id());
                checkMayRespond(current, actor);
                jdbc.update("INSERT INTO responses (id, instrument_id, unit_id, measures, results, adoption, submitted_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)", responseId, record.id(), actor.id(),
                        cut(submission.measures(), 20000), cut(submission.results(), 20000), submission.adoption().name(), utc(now));
                for (int i = 0; i < stored.size(); i++) {
                    insertFile(stored.get(i), record.id(), responseId, "RESPONSE_FILE", inspected.get(i).originalName(),
                            inspected.get(i).text());
                }
                insertFile(responseJson, record.id(), responseId, "RESPONSE_JSON", "response.json", null);
                Integer answered = jdbc.queryForObject("SELECT COUNT(DISTINCT r.unit_id) FROM responses r JOIN instrument_units u "
                        + "ON u.instrument_id = r.instrument_id AND u.unit_id = r.unit_id AND u.role = 'MAIN' "
                        + "WHERE r.instrument_id = ?", Integer.class, record.id());
                if (answered == current.recipients().size()) {
                    jdbc.update("UPDATE instruments SET status = 'RESPONDED' WHERE id = ?", record.id());
                }
                changes.append(record.id(), "RESPONSE", now);
                audit.append(now, actor.name(), "RESPONDED", record.id(), Map.of("responseId", responseId,
                        "adoption", submission.adoption().name(), "responseJsonSha256", responseJson.sha256(),
                        "files", stored.stream().map(StoredFile::sha256).toList()));
            });
        } catch (RuntimeException e) {
            for (String key : written) {
                try {
                    store.delete(key);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        return records.responses(record.id()).stream().filter(r -> r.id().equals(responseId)).findFirst().orElseThrow();
    }

    private void checkMayRespond(InstrumentRecord record, Unit actor) {
        if (record.recipients().stream().noneMatch(u -> u.id().equals(actor.id()))) {
            throw new NotAddressee(record.number().text(), actor.name(),
                    String.join("、", record.recipients().stream().map(Unit::name).toList()));
        }
        switch (record.status()) {
            case DELIVERED, RESPONDED -> {
            }
            case ISSUED -> throw new TransitionRefused("文书 " + record.number().text() + " 尚未登记送达，不能回复");
            default -> throw new TransitionRefused("文书 " + record.number().text() + " 当前状态为「"
                    + record.status().label() + "」，不再接受回复");
        }
    }

    /**
     * Closes (办结) an instrument with the evaluation of the response; without a response only with a recorded
     * reason ({@code reasonWithoutResponse}).
     */
    public InstrumentRecord close(String recordId, Adoption evaluation, String note, Optional<String> reasonWithoutResponse,
                                  String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = record(recordId);
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
                        evaluation.name(), cut(text, 2000), utc(now), record.id()));
        return record(recordId);
    }

    /** Withdraws (撤回) an instrument that has not been answered, with the reason. */
    public InstrumentRecord withdraw(String recordId, String reason, String actingUnit) {
        Unit actor = units.resolve(actingUnit);
        InstrumentRecord record = record(recordId);
        requireIssuer(record, actor, "撤回");
        require(reason, "撤回理由");
        if (!record.status().awaitsResponse()) {
            throw new TransitionRefused("文书 " + record.number().text() + " 当前状态为「" + record.status().label() + "」，不能撤回");
        }
        Instant now = clock.instant();
        transition(record, record.status(), "WITHDRAWN", actor, now, Map.of("reason", reason.strip()), () ->
                jdbc.update("UPDATE instruments SET status = 'WITHDRAWN', withdraw_reason = ?, withdrawn_at = ? WHERE id = ?",
                        cut(reason.strip(), 2000), utc(now), record.id()));
        return record(recordId);
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
            InstrumentRecord current = lockedRecord(record.id());
            if (current.status() != expected) {
                throw new TransitionRefused("文书 " + record.number().text() + " 的状态刚刚变为「" + current.status().label() + "」，请重试");
            }
            Integer n = jdbc.queryForObject("SELECT event_count FROM instruments WHERE id = ?", Integer.class, record.id()) + 1;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("schema", "wenshu.event/1");
            event.put("recordId", record.id());
            event.put("number", record.number().text());
            event.put("action", action);
            event.put("actor", unitJson(actor));
            event.put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
            event.putAll(detail);
            // Deterministic key: a rolled-back attempt is overwritten by the next one, never left beside it.
            StoredFile object = put(ObjectKeys.event(year, record.id(), n, action.toLowerCase()), Json.pretty(event),
                    "application/json", metadata(record.id(), record.number(), "event"), new ArrayList<>());
            update.run();
            jdbc.update("UPDATE instruments SET event_count = ? WHERE id = ?", n, record.id());
            insertFile(object, record.id(), null, "EVENT", action.toLowerCase() + ".json", null);
            changes.append(record.id(), "INSTRUMENT", at);
            audit.append(at, actor.name(), action, record.id(), detail);
        });
    }

    private InstrumentRecord lockedRecord(String id) {
        jdbc.queryForList("SELECT id FROM instruments WHERE id = ? FOR UPDATE", id);
        return records.find(id).orElseThrow(() -> new RecordNotFound(id));
    }

    // ---------------------------------------------------------------- references

    /**
     * Stores an imported reference text under {@code references/{sha256}/}; the same source and content again is a
     * no-op that returns the existing document.
     */
    public ReferenceDocument storeReference(String source, byte[] content, String mediaType) {
        require(source, "来源 (source)");
        if (content == null || content.length == 0) {
            throw new RequestInvalid("参考文献「" + source + "」内容为空");
        }
        if (mediaType == null || !mediaType.contains("/")) {
            throw new RequestInvalid("参考文献「" + source + "」的媒体类型「" + mediaType + "」无效");
        }
        return references.store(source, content, mediaType, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    public Optional<ReferenceDocument> reference(String id) {
        return references.find(id);
    }

    /** Text extracted from a stored file (response attachment or reference) for the search index. */
    public Optional<String> text(String objectKey) {
        return jdbc.queryForList("SELECT extracted_text FROM files WHERE object_key = ?", String.class, objectKey)
                .stream().filter(t -> t != null).findFirst();
    }

    // ---------------------------------------------------------------- queries

    public Optional<InstrumentRecord> find(String recordId) {
        return records.find(recordId);
    }

    /** The record with this id or this printed document number. */
    public InstrumentRecord record(String idOrNumber) {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            throw new RequestInvalid("缺少文书编号或记录号");
        }
        return records.find(idOrNumber.strip()).or(() -> records.findByNumber(idOrNumber.strip()))
                .orElseThrow(() -> new RecordNotFound(idOrNumber));
    }

    /** Committed records in issue order, a page at a time. */
    public List<InstrumentRecord> records(int offset, int limit) {
        return records.list(offset, limit);
    }

    public List<StoredResponse> responses(String recordId) {
        return records.responses(record(recordId).id());
    }

    /** 发文登记: every number taken, optionally for one issuing unit and year, including void numbers. */
    public List<RegisterEntry> register(Optional<String> issuingUnit, Optional<Integer> year) {
        return records.register(issuingUnit.map(u -> units.resolve(u).id()), year);
    }

    public List<Unit> units() {
        return units.all();
    }

    public Unit unit(String reference) {
        return units.resolve(reference);
    }

    /** Changes committed after {@code afterSeq}, in commit order, at most {@code limit}. */
    public List<RecordChange> changesSince(long afterSeq, int limit) {
        return changes.since(afterSeq, limit);
    }

    /** The bytes of a stored object. */
    public Optional<byte[]> read(String objectKey) {
        return store.get(objectKey);
    }

    public List<AuditEvent> auditEvents(long afterSeq, int limit) {
        return audit.events(afterSeq, limit);
    }

    /** Walks the hash chain of the audit trail and reports every changed, deleted or cut-off event. */
    public AuditReport verifyAudit() {
        return audit.verify();
    }

    /** Re-reads objects and compares their hashes with the database and record.json / response.json. */
    public FixityReport fixity(Optional<String> recordId) {
        return new Fixity(jdbc, store).check(recordId.map(id -> record(id).id()));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---------------------------------------------------------------- helpers

    private StoredFile put(String key, byte[] content, String contentType, Map<String, String> metadata, List<String> written) {
        String sha256 = Hashes.sha256(content);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("sha256", sha256);
        written.add(key);
        store.put(key, content, contentType, meta);
        return new StoredFile(key, sha256, content.length, contentType);
    }

    private void insertFile(StoredFile file, String instrumentId, String responseId, String role, String originalName,
                            String text) {
        jdbc.update("INSERT INTO files (object_key, instrument_id, response_id, role, original_name, media_type, size_bytes, "
                        + "sha256, extracted_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                file.key(), instrumentId, responseId, role, originalName, file.mediaType(), file.size(), file.sha256(), text);
    }

    /** S3 user metadata travels in HTTP headers: US-ASCII only, so the Chinese number is percent-encoded. */
    private static Map<String, String> metadata(String recordId, DocumentNumber number, String kind) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("record-id", recordId);
        meta.put("document-number", URLEncoder.encode(number.text(), StandardCharsets.UTF_8));
        meta.put("kind", kind);
        return meta;
    }

    private static Map<String, Object> unitJson(Unit unit) {
        return Map.of("id", unit.id(), "name", unit.name());
    }

    private static Map<String, Object> termJson(ReplyTerm term) {
        Map<String, Object> json = new LinkedHashMap<>();
        term.period().ifPresent(p -> json.put("period", p.toString()));
        term.fixedDate().ifPresent(d -> json.put("fixedDate", d.toString()));
        return json;
    }

    private static Map<String, Object> fileJson(String name, StoredFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("key", file.key());
        json.put("sha256", file.sha256());
        json.put("size", file.size());
        json.put("mediaType", file.mediaType());
        return json;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
