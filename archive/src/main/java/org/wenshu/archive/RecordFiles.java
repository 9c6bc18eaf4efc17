package org.wenshu.archive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/** Writes objects with their SHA-256 and the matching {@code files} rows; shared JSON and time helpers. */
final class RecordFiles {

    private final JdbcTemplate jdbc;
    private final S3ObjectStore store;

    RecordFiles(JdbcTemplate jdbc, S3ObjectStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    S3ObjectStore store() {
        return store;
    }

    /** Deletes what an unfinished operation wrote; failures are attached to {@code failure} for a later reconcile. */
    boolean deleteQuietly(List<String> keys, RuntimeException failure) {
        boolean removed = true;
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                removed = false;
                failure.addSuppressed(e);
            }
        }
        return removed;
    }

    StoredFile put(String key, byte[] content, String contentType, Map<String, String> metadata, List<String> written) {
        String sha256 = Hashes.sha256(content);
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("sha256", sha256);
        written.add(key);
        store.put(key, content, contentType, meta);
        return new StoredFile(key, sha256, content.length, contentType);
    }

    void insertFile(StoredFile file, String instrumentId, String responseId, String role, String originalName,
                            String text) {
        jdbc.update("INSERT INTO files (object_key, instrument_id, response_id, role, original_name, media_type, size_bytes, "
                        + "sha256, extracted_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                file.key(), instrumentId, responseId, role, originalName, file.mediaType(), file.size(), file.sha256(), text);
    }

    /** S3 user metadata travels in HTTP headers: US-ASCII only, so the Chinese number is percent-encoded. */
    static Map<String, String> metadata(String recordId, DocumentNumber number, String kind) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("record-id", recordId);
        meta.put("document-number", URLEncoder.encode(number.text(), StandardCharsets.UTF_8));
        meta.put("kind", kind);
        return meta;
    }

    static Map<String, Object> unitJson(Unit unit) {
        return Map.of("id", unit.id(), "name", unit.name());
    }

    static Map<String, Object> termJson(ReplyTerm term) {
        Map<String, Object> json = new LinkedHashMap<>();
        term.period().ifPresent(p -> json.put("period", p.toString()));
        term.fixedDate().ifPresent(d -> json.put("fixedDate", d.toString()));
        return json;
    }

    static Map<String, Object> fileJson(String name, StoredFile file) {
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

    static String describe(Throwable e) {
        if (e instanceof org.springframework.dao.DataIntegrityViolationException) {
            return "数据库拒绝写入（与已有的登记重复或冲突）"; // the driver's text shows SQL and constraint names
        }
        if (e instanceof org.springframework.dao.DataAccessException) {
            return "数据库操作失败";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
