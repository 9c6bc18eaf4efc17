package org.wenshu.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/**
 * 档案: the record database and object storage behind the document register, the answer-tracking lifecycle, the
 * agencies' responses, the audit trail and the fixity check. The objects (with their {@code record.json}) are the
 * source of truth; a record row is committed only after its objects are stored.
 */
public final class Archive {

    private final JdbcTemplate jdbc;
    private final S3ObjectStore store;
    private final Clock clock;
    private final Units units;
    private final Records records;
    private final AuditTrail audit;
    private final ChangeLog changes;
    private final References references;
    private final Issuing issuing;
    private final Lifecycle lifecycle;
    private final Responses responses;
    private final TransactionTemplate tx;
    private final RecordFigures figures;
    private final RecordKeeping recordKeeping;

    private Archive(DataSource dataSource, S3ObjectStore store, ArchiveLimits limits, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.tx = tx;
        this.store = store;
        this.clock = clock;
        this.units = new Units(jdbc);
        this.records = new Records(jdbc, tx, units);
        this.audit = new AuditTrail(jdbc);
        this.changes = new ChangeLog(jdbc);
        this.references = new References(jdbc, tx, store, audit, changes);
        RecordFiles files = new RecordFiles(jdbc, store);
        this.issuing = new Issuing(jdbc, tx, files, clock, units, records, audit, changes);
        this.lifecycle = new Lifecycle(jdbc, tx, files, clock, units, records, audit, changes);
        this.responses = new Responses(jdbc, tx, files, clock, units, records, audit, changes, limits);
        this.figures = new RecordFigures(jdbc, tx, units, clock.getZone());
        this.recordKeeping = new RecordKeeping(jdbc, tx, clock, units, audit, changes, files, limits);
    }

    /** The shared bookkeeping (audit trail, change log, stored objects) the archive's feature packages build on. */
    public RecordKeeping recordKeeping() {
        return recordKeeping;
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
     * Issues an instrument: validates, reserves the next number (gapless per prefix and year, whichever unit issues), lets
     * {@code producer} render and sign it, stores {@code instrument.pdf} and {@code record.json}, commits the record
     * and audits it. A retry with the same idempotency key returns the record issued before.
     *
     * @throws IssuingFailed when producing or storing failed; the number is then void with the reason
     * @throws NumberTaken when the series' next number is already registered (counter behind the register)
     */
    public InstrumentRecord issue(IssueRequest request, InstrumentProducer producer) {
        return issuing.issue(request, producer);
    }

    /**
     * As {@link #issue(IssueRequest, InstrumentProducer)}, for a restarted batch job: a number that a dead process
     * reserved under the request's idempotency key is completed under that same number and record id (its objects
     * are written again under the same deterministic keys) instead of being refused with {@link IssuingInProgress},
     * so a row never consumes a second number. Call it only once the earlier process is known to be dead.
     *
     * @throws IssuingFailed when producing or storing failed; the number is then void with the reason
     */
    public InstrumentRecord issueTakingOver(IssueRequest request, InstrumentProducer producer) {
        return issuing.issue(request, producer, true);
    }

    /**
     * Voids numbers left RESERVED for longer than {@code olderThan} (an issuing process that died) and removes
     * their objects and those of void numbers; returns how many numbers it voided.
     */
    public int reconcile(Duration olderThan) {
        return issuing.reconcile(olderThan);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Records delivery (送达) by the issuing unit; the reply due date now counts from the delivery date. */
    public InstrumentRecord deliver(String recordId, DeliveryMethod method, LocalDate date, Optional<String> note,
                                    String actingUnit) {
        return lifecycle.deliver(recordId, method, date, note, actingUnit);
    }

    /** Files an agency's response (回复) with its attachments; only a 主送 unit of the instrument may respond. */
    public StoredResponse respond(ResponseSubmission submission) {
        return responses.respond(submission);
    }

    /**
     * Closes (办结) an instrument with the evaluation of the response; without a response only with a recorded
     * reason ({@code reasonWithoutResponse}).
     */
    public InstrumentRecord close(String recordId, Adoption evaluation, String note, Optional<String> reasonWithoutResponse,
                                  String actingUnit) {
        return lifecycle.close(recordId, evaluation, note, reasonWithoutResponse, actingUnit);
    }

    /** Withdraws (撤回) an instrument that has not been answered, with the reason. */
    public InstrumentRecord withdraw(String recordId, String reason, String actingUnit) {
        return lifecycle.withdraw(recordId, reason, actingUnit);
    }

    // ---------------------------------------------------------------- references

    /**
     * Stores an imported reference text under {@code references/{sha256}/}; the same source and content again is a
     * no-op that returns the existing document.
     */
    public ReferenceDocument storeReference(String source, byte[] content, String mediaType) {
        RequestInvalid.require(source, "来源 (source)");
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

    /** The verification code (核验码) printed on the record's PDF; empty for a record issued before codes existed. */
    public Optional<String> verificationCode(String recordId) {
        return jdbc.queryForList("SELECT verification_code FROM instruments WHERE id = ?", String.class, recordId)
                .stream().filter(code -> code != null).findFirst();
    }

    /**
     * The public summary of the record printed with verification code {@code typed} (case, spaces and hyphens do not
     * matter); empty when there is none. A malformed code runs the same single indexed query as a well-formed one (with
     * a code that cannot exist), so a miss costs what a hit does and timing tells nothing about which codes exist.
     */
    public Optional<VerifiableRecord> verifiable(String typed) {
        // '0' is outside the alphabet: this code is never issued.
        String code = VerificationCodes.normalise(typed).orElse("0".repeat(VerificationCodes.LENGTH));
        return jdbc.query("SELECT i.number_text, u.name, i.issued_at, f.sha256, i.status FROM instruments i "
                        + "JOIN units u ON u.id = i.issuing_unit "
                        + "LEFT JOIN files f ON f.instrument_id = i.id AND f.role = 'INSTRUMENT' "
                        + "WHERE i.verification_code = ?",
                (rs, row) -> new VerifiableRecord(rs.getString(1), rs.getString(2),
                        RecordFiles.toInstant(rs.getObject(3)), rs.getString(4), RecordStatus.valueOf(rs.getString(5))),
                code).stream().findFirst();
    }

    public Optional<InstrumentRecord> find(String recordId) {
        return records.find(recordId);
    }

    /**
     * When the record issued under this idempotency key was committed (UTC instant, millisecond precision), if it
     * is: the moment of its reservation ({@link InstrumentRecord#issuedAt()}) unless a later process completed a
     * number a dead one had reserved ({@link #issueTakingOver}), then the moment it did. Tells which run of a bulk
     * issue issued a row.
     */
    public Optional<Instant> committedAt(String idempotencyKey) {
        return records.committedAt(idempotencyKey);
    }

    /** The committed record issued under this idempotency key (e.g. one row of a bulk issue), if any. */
    public Optional<InstrumentRecord> findByKey(String idempotencyKey) {
        return records.findByKey(idempotencyKey);
    }

    /**
     * An instrument already issued that is the very instrument {@code request} asks for: same type, issuing unit,
     * title and field values (maps compared without regard to key order), not withdrawn; the oldest if several. A
     * bulk list corrected and run again finds the rows issued the first time here, whatever its idempotency keys.
     *
     * @throws ArchiveRefusal when the request's issuing unit is unknown
     */
    public Optional<InstrumentRecord> findIssuedAlike(IssueRequest request) {
        return records.findAlike(request.typeId(), unit(request.issuingUnit()).id(), request.title(), request.fields());
    }

    /** The record with this id or this printed document number. */
    public InstrumentRecord record(String idOrNumber) {
        return records.resolve(idOrNumber);
    }

    /** Committed records in issue order, a page at a time. */
    public List<InstrumentRecord> records(int offset, int limit) {
        return records.list(offset, limit);
    }

    /**
     * Records matching {@code query}, newest first: {@code limit} (1–1000) from {@code offset} (≥ 0), with the total.
     *
     * @throws RequestInvalid for a negative offset or a limit outside 1–1000
     */
    public RecordQuery.Page records(RecordQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new RequestInvalid("分页参数无效：offset 须 ≥ 0，limit 须在 1–1000 之间");
        }
        return records.query(query, offset, limit);
    }

    /** Whether {@code unitId} is a 主送, 抄送 or 抄报 unit of the record {@code recordId}. */
    public boolean isParty(String recordId, String unitId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM instrument_units WHERE instrument_id = ? AND unit_id = ?",
                Integer.class, recordId, unitId);
        return n != null && n > 0;
    }

    public List<StoredResponse> responses(String recordId) {
        return records.responses(record(recordId).id());
    }

    /** 发文登记: every number taken, optionally for one issuing unit and year, including void numbers. */
    public List<RegisterEntry> register(Optional<String> issuingUnit, Optional<Integer> year) {
        return records.register(issuingUnit.map(u -> units.resolve(u).id()), year);
    }

    /**
     * 发文登记 a page at a time: the numbers taken by the units {@code issuingUnitIds} (unit ids, listed unit by unit
     * in that order; empty Optional: every unit, by unit id; an empty list: none), optionally of one year and state,
     * then by prefix, year and serial — {@code limit} (≥ 1) from {@code offset} (≥ 0), with the total count.
     *
     * @throws RequestInvalid for a negative offset or a limit below 1
     */
    public RegisterEntry.Page register(Optional<List<String>> issuingUnitIds, Optional<Integer> year,
                                       Optional<RegisterEntry.State> state, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new RequestInvalid("分页参数无效：offset 须 ≥ 0，limit 须 ≥ 1");
        }
        return records.register(issuingUnitIds, year, state, offset, limit);
    }

    public List<Unit> units() {
        return units.all();
    }

    public Unit unit(String reference) {
        return units.resolve(reference);
    }

    /** The seq of the last committed record change (0 when there is none): where a rebuilt index takes over. */
    public long lastChange() {
        return changes.last();
    }

    /**
     * How many distinct records the changes up to {@code upToSeq} (inclusive) name: what a rebuild from the change
     * log up to that point reads, e.g. a reindex job's total.
     */
    public long recordsChangedUpTo(long upToSeq) {
        return changes.recordsChangedUpTo(upToSeq);
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

    /** The audit events of one record (its timeline: issued, delivered, responded, reminded, closed), oldest first. */
    public List<AuditEvent> auditEvents(String recordId) {
        return audit.eventsOf(recordId);
    }

    /**
     * Audit events matching {@code query}, newest first: {@code limit} (1–1000) from {@code offset} (≥ 0), with the total.
     *
     * @throws RequestInvalid for a negative offset or a limit outside 1–1000
     */
    public AuditQuery.Page auditEvents(AuditQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new RequestInvalid("分页参数无效：offset 须 ≥ 0，limit 须在 1–1000 之间");
        }
        return audit.search(query, offset, limit);
    }

    /** The distinct actions in the audit trail, alphabetically (for filters). */
    public List<String> auditActions() {
        return audit.actions();
    }

    /** The statistics (统计数字) of the dashboard and the yearly report, computed by the database. */
    public RecordFigures figures() {
        return figures;
    }

    /** Walks the hash chain of the audit trail and reports every changed, deleted or cut-off event. */
    public AuditReport verifyAudit() {
        return audit.verify();
    }

    /** Re-reads objects and compares their hashes with the database and record.json / response.json. */
    public FixityReport fixity(Optional<String> recordId) {
        return new Fixity(jdbc, store).check(recordId.map(id -> record(id).id()));
    }

    /**
     * Appends a FIXITY_CHECKED event (完整性校验) to the audit trail: how many records and objects a fixity run
     * checked and its problems (the first 50, each cut to 300 characters; the full report stays with the run).
     */
    public AuditEvent auditFixity(String actor, long records, long objects, List<String> problems) {
        java.util.Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("records", records);
        detail.put("objects", objects);
        detail.put("problemCount", problems.size());
        detail.put("problems", problems.stream().limit(50).map(p -> RecordFiles.cut(p, 300)).toList());
        return tx.execute(status -> audit.append(clock.instant(), actor, "FIXITY_CHECKED", null, detail));
    }

    /** The zone whose calendar dates the archive keeps (due dates, figures). */
    public java.time.ZoneId zone() {
        return clock.getZone();
    }

    /**
     * Appends an event to the hash-chained audit trail for a subject kept outside the instrument records (a tracked
     * item, a progress report): joins the caller's transaction on this archive's {@link DataSource} when one is active,
     * so the event commits or rolls back with the change it records. {@code action} is at most 40 characters,
     * {@code subjectId} at most 40 (or {@code null}).
     */
    public AuditEvent audit(String actor, String action, String subjectId, java.util.Map<String, Object> detail) {
        return tx.execute(status -> audit.append(clock.instant(), actor, action, subjectId, detail));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
