package org.wenshu.archive;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/** Imported reference documents: content-addressed objects, one row and one source JSON per (source, content). */
final class References {

    private static final int MAX_TEXT = 1_000_000;
    private static final RowMapper<ReferenceDocument> ROW = (rs, i) -> new ReferenceDocument(rs.getString("id"),
            rs.getString("source"), rs.getString("content_sha256"), rs.getString("media_type"), rs.getLong("size_bytes"),
            rs.getString("object_key"), rs.getObject("stored_at", OffsetDateTime.class).toInstant());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final S3ObjectStore store;
    private final AuditTrail audit;
    private final ChangeLog changes;

    References(JdbcTemplate jdbc, TransactionTemplate tx, S3ObjectStore store, AuditTrail audit, ChangeLog changes) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.audit = audit;
        this.changes = changes;
    }

    Optional<ReferenceDocument> find(String id) {
        return jdbc.query("SELECT * FROM reference_documents WHERE id = ?", ROW, id).stream().findFirst();
    }

    ReferenceDocument store(String source, byte[] content, String mediaType, Instant now) {
        String contentSha = Hashes.sha256(content);
        String sourceSha = Hashes.sha256(source);
        String id = "ref-" + Hashes.sha256(sourceSha + ":" + contentSha).substring(0, 32);
        Optional<ReferenceDocument> existing = find(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        String type = normalised(mediaType);
        String contentKey = ObjectKeys.referenceContent(contentSha, extension(type));
        if (store.stat(contentKey).isEmpty()) {
            store.put(contentKey, content, type, Map.of("sha256", contentSha, "kind", "reference"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema", "wenshu.reference/1");
        json.put("id", id);
        json.put("source", source);
        json.put("mediaType", type);
        json.put("contentKey", contentKey);
        json.put("sha256", contentSha);
        json.put("size", content.length);
        json.put("storedAt", now.toString());
        byte[] jsonBytes = Json.pretty(json);
        String jsonKey = ObjectKeys.referenceJson(contentSha, id);
        String jsonSha = Hashes.sha256(jsonBytes);
        store.put(jsonKey, jsonBytes, "application/json", Map.of("sha256", jsonSha, "kind", "reference-source"));
        String text = text(content, type);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO reference_documents (id, source, source_sha256, content_sha256, media_type, size_bytes, "
                                + "object_key, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, source, sourceSha, contentSha, type,
                        content.length, contentKey, RecordFiles.utc(now));
                if (jdbc.queryForObject("SELECT COUNT(*) FROM files WHERE object_key = ?", Integer.class, contentKey) == 0) {
                    jdbc.update("INSERT INTO files (object_key, reference_id, role, original_name, media_type, size_bytes, sha256, "
                                    + "extracted_text) VALUES (?, ?, 'REFERENCE', ?, ?, ?, ?, ?)", contentKey, id, null, type,
                            content.length, contentSha, text);
                }
                jdbc.update("INSERT INTO files (object_key, reference_id, role, original_name, media_type, size_bytes, sha256) "
                        + "VALUES (?, ?, 'REFERENCE_JSON', 'reference.json', 'application/json', ?, ?)", jsonKey, id,
                        jsonBytes.length, jsonSha);
                changes.append(id, "REFERENCE", now);
                audit.append(now, "import", "REFERENCE_STORED", id, Map.of("source", source, "sha256", contentSha));
            });
        } catch (DuplicateKeyException concurrentImport) {
            // the same source and content imported concurrently: the other one won, same objects
        }
        return find(id).orElseThrow();
    }

    /**
     * S3Proxy 2.6 recomputes the V4 signature with the charset upper-cased and answers SignatureDoesNotMatch for
     * {@code charset=utf-8}: always send the canonical spelling.
     */
    static String normalised(String mediaType) {
        return mediaType.strip().replaceAll("(?i)charset\\s*=\\s*\"?utf-8\"?", "charset=UTF-8");
    }

    private static String extension(String type) {
        String base = type.split(";")[0].strip();
        return switch (base) {
            case "text/plain" -> "txt";
            case "text/html" -> "html";
            case "application/pdf" -> "pdf";
            case UploadTypes.DOCX -> "docx";
            case "application/json" -> "json";
            default -> "bin";
        };
    }

    private static String text(byte[] content, String type) {
        String base = type.split(";")[0].strip();
        try {
            if (base.startsWith("text/")) {
                return cut(new String(content, StandardCharsets.UTF_8));
            }
            if (base.equals("application/pdf")) {
                try (PDDocument document = Loader.loadPDF(content)) {
                    return cut(new PDFTextStripper().getText(document));
                }
            }
            BodyContentHandler handler = new BodyContentHandler(MAX_TEXT);
            new AutoDetectParser().parse(new ByteArrayInputStream(content), handler, new Metadata(), new ParseContext());
            return handler.toString();
        } catch (Exception e) {
            throw new RequestInvalid("无法从参考文献中提取文本（" + type + "）: " + e.getMessage());
        }
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    /** Media types referenced here without depending on the uploads package's constants. */
    private static final class UploadTypes {
        static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }

}
