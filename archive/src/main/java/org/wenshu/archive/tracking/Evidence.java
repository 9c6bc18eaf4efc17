package org.wenshu.archive.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.uploads.InspectedFile;
import org.wenshu.archive.uploads.UploadInspector;

/**
 * 佐证材料: inspects a report's evidence files with the archive's upload inspection (same checks and limits as
 * responses) and stores them under {@code tracking/{year}/{itemId}/reports/{reportId}/}; keys are built from ids and
 * counters only, never from the names the unit gave.
 */
final class Evidence {

    /** A file that passed inspection, with what the object store wrote. */
    record Stored(InspectedFile inspected, String key, String sha256, long size) {
    }

    private final JdbcTemplate jdbc;
    private final S3ObjectStore store;
    private final ArchiveLimits limits;
    private final UploadInspector inspector;

    Evidence(JdbcTemplate jdbc, S3ObjectStore store, ArchiveLimits limits) {
        this.jdbc = jdbc;
        this.store = store;
        this.limits = limits;
        this.inspector = new UploadInspector(limits.files());
    }

    /**
     * Inspects every file before anything is stored.
     *
     * @throws RequestInvalid                                  for too many or too large files
     * @throws org.wenshu.archive.uploads.FileRefused for a file that is not what it claims or is unsafe
     */
    List<InspectedFile> inspect(List<UploadedFile> files) {
        if (files.size() > limits.maxFilesPerResponse()) {
            throw new RequestInvalid("佐证材料 " + files.size() + " 个，超过每次报送上限 " + limits.maxFilesPerResponse() + " 个");
        }
        long total = files.stream().mapToLong(f -> f.content().length).sum();
        if (total > limits.maxResponseBytes()) {
            throw new RequestInvalid("佐证材料合计 " + total + " 字节，超过每次报送上限 " + limits.maxResponseBytes() + " 字节");
        }
        List<InspectedFile> inspected = new ArrayList<>();
        for (UploadedFile file : files) {
            inspected.add(inspector.inspect(file.name(), file.content(), inspected.size() + 1));
        }
        return inspected;
    }

    static String base(int year, String itemId, String reportId) {
        return "tracking/" + year + "/" + itemId + "/reports/" + reportId + "/";
    }

    /** Puts the inspected files and the report's manifest; every key written is added to {@code written}. */
    List<Stored> put(int year, String itemId, String reportId, List<UploadedFile> files, List<InspectedFile> inspected,
                     List<String> written) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < inspected.size(); i++) {
            String key = base(year, itemId, reportId) + (i + 1) + "-evidence." + inspected.get(i).extension();
            stored.add(put(key, files.get(i).content(), inspected.get(i).mediaType(), itemId, reportId, "evidence-file",
                    inspected.get(i), written));
        }
        return stored;
    }

    Stored put(String key, byte[] content, String mediaType, String itemId, String reportId, String kind,
               InspectedFile inspected, List<String> written) {
        String sha256 = sha256(content);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("item-id", itemId);
        meta.put("report-id", reportId);
        meta.put("kind", kind);
        meta.put("sha256", sha256);
        written.add(key);
        store.put(key, content, mediaType, meta);
        return new Stored(inspected, key, sha256, content.length);
    }

    /** The {@code files} row of a stored object, owned by the report (fixity checks it like any archived file). */
    void insert(Stored file, String reportId, String role, String originalName, String mediaType, String text) {
        jdbc.update("INSERT INTO files (object_key, reference_id, role, original_name, media_type, size_bytes, sha256, "
                        + "extracted_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                file.key(), reportId, role, originalName, mediaType, file.size(), file.sha256(), text);
    }

    void deleteQuietly(List<String> keys, RuntimeException failure) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    java.util.Optional<byte[]> read(String key) {
        return store.get(key);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
