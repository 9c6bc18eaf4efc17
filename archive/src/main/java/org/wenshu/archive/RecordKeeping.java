package org.wenshu.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.uploads.UploadInspector;

/**
 * The archive's shared bookkeeping for its feature packages ({@code archive.leads}): the record database and its
 * transactions, the clock, units, the hash-chained audit trail, the change log the search nodes follow, and object
 * storage with the SHA-256 of every object in {@code files}. Obtained from {@link Archive#recordKeeping()}; the
 * audit and change-log appends must run inside {@link #tx()}.
 */
public final class RecordKeeping {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Units units;
    private final AuditTrail audit;
    private final ChangeLog changes;
    private final RecordFiles files;
    private final ArchiveLimits limits;

    RecordKeeping(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, Units units, AuditTrail audit,
                  ChangeLog changes, RecordFiles files, ArchiveLimits limits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.units = units;
        this.audit = audit;
        this.changes = changes;
        this.files = files;
        this.limits = limits;
    }

    /** The record database (H2 or PostgreSQL); portable SQL only. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Transactions on the record database (the audit and change-log heads are locked inside them). */
    public TransactionTemplate tx() {
        return tx;
    }

    /** The archive's clock and zone (register years, dates). */
    public Clock clock() {
        return clock;
    }

    /** Per-upload limits: file count and total bytes as for a response, and the per-file inspection limits. */
    public ArchiveLimits limits() {
        return limits;
    }

    /** An inspector with the archive's per-file limits (type by content, size, unpacked size, pixels). */
    public UploadInspector inspector() {
        return new UploadInspector(limits.files());
    }

    /**
     * The unit with this id, full or short name.
     *
     * @throws UnitNotFound when there is none; {@link RequestInvalid} naming {@code field} for invisible characters
     */
    public Unit unit(String reference, String field) {
        return units.resolve(reference, field);
    }

    /** Appends an audit event (hash-chained); inside {@link #tx()} only. */
    public AuditEvent audit(Instant at, String actor, String action, String recordId, Map<String, Object> detail) {
        return audit.append(at, actor, action, recordId, detail);
    }

    /** Appends to the change log the search index follows; inside {@link #tx()}, as late as possible. */
    public void changed(String recordId, String kind, Instant at) {
        changes.append(recordId, kind, at);
    }

    /** Stores an object with its SHA-256 in the metadata; its key is added to {@code written} first. */
    public StoredFile put(String key, byte[] content, String contentType, Map<String, String> metadata,
                          List<String> written) {
        return files.put(key, content, contentType, metadata, written);
    }

    /** Deletes what an unfinished operation wrote; failures are attached to {@code failure}. */
    public void deleteQuietly(List<String> keys, RuntimeException failure) {
        files.deleteQuietly(keys, failure);
    }

    /** The {@code files} row of an object that belongs to a lead (fixity checks it with every other object). */
    public void insertLeadFile(StoredFile file, String leadId, String role, String originalName, String text) {
        jdbc.update("INSERT INTO files (object_key, lead_id, role, original_name, media_type, size_bytes, sha256, "
                        + "extracted_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                file.key(), leadId, role, originalName, file.mediaType(), file.size(), file.sha256(), text);
    }

    /** The bytes of a stored object. */
    public java.util.Optional<byte[]> read(String key) {
        return files.store().get(key);
    }

    /** The timestamp column value for {@code instant} (UTC), as the archive's tables store it. */
    public static OffsetDateTime utc(Instant instant) {
        return RecordFiles.utc(instant);
    }

    /** A timestamp column value as an instant, whatever type the JDBC driver returned. */
    public static Instant instant(Object column) {
        return RecordFiles.toInstant(column);
    }

    /** {@code value} as indented UTF-8 JSON, as record.json and response.json are written. */
    public static byte[] prettyJson(Object value) {
        return Json.pretty(value);
    }

    /** {@code text} cut to at most {@code max} characters. */
    public static String cut(String text, int max) {
        return RecordFiles.cut(text, max);
    }
}
