package org.wenshu.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.storage.S3ObjectStore;

/** Re-reads objects and compares them with the hashes in the database and in record.json / response.json. */
final class Fixity {

    private final JdbcTemplate jdbc;
    private final S3ObjectStore store;

    Fixity(JdbcTemplate jdbc, S3ObjectStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    FixityReport check(Optional<String> recordId) {
        List<FixityReport.Problem> problems = new ArrayList<>();
        List<Map<String, Object>> files = recordId.isPresent()
                ? jdbc.queryForList("SELECT * FROM files WHERE instrument_id = ? OR lead_id = ? ORDER BY object_key",
                        recordId.get(), recordId.get())
                : jdbc.queryForList("SELECT * FROM files ORDER BY object_key");
        Map<String, String> expected = new HashMap<>();
        java.util.Set<String> records = new java.util.TreeSet<>();
        for (Map<String, Object> file : files) {
            String key = (String) file.get("object_key");
            String owner = file.get("instrument_id") != null ? (String) file.get("instrument_id")
                    : file.get("reference_id") != null ? (String) file.get("reference_id") : (String) file.get("lead_id");
            records.add(owner);
            String sha = (String) file.get("sha256");
            long size = ((Number) file.get("size_bytes")).longValue();
            expected.put(key, sha);
            Optional<byte[]> content = store.get(key);
            if (content.isEmpty()) {
                problems.add(new FixityReport.Problem(owner, key, "对象缺失"));
                continue;
            }
            String actual = Hashes.sha256(content.get());
            if (!actual.equals(sha)) {
                problems.add(new FixityReport.Problem(owner, key, "内容已改变：登记的 SHA-256 为 " + sha + "，实际为 " + actual));
            } else if (content.get().length != size) {
                problems.add(new FixityReport.Problem(owner, key, "大小不符：登记 " + size + " 字节，实际 " + content.get().length));
            }
            String role = (String) file.get("role");
            if (isManifest(role)) {
                manifestProblems(owner, key, content.get(), expected, problems);
            }
        }
        // Manifests were checked as they came; re-check those read before the files they list were known.
        for (Map<String, Object> file : files) {
            String role = (String) file.get("role");
            if (isManifest(role)) {
                String key = (String) file.get("object_key");
                String owner = file.get("instrument_id") != null ? (String) file.get("instrument_id") : (String) file.get("lead_id");
                store.get(key).ifPresent(bytes -> {
                    List<FixityReport.Problem> late = new ArrayList<>();
                    manifestProblems(owner, key, bytes, expected, late);
                    late.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
                });
            }
        }
        return new FixityReport(records.size(), files.size(), problems);
    }

    /** record.json, response.json and lead.json list the files they hold with their SHA-256. */
    private static boolean isManifest(String role) {
        return role.equals("RECORD_JSON") || role.equals("RESPONSE_JSON") || role.equals("LEAD_JSON");
    }

    @SuppressWarnings("unchecked")
    private static void manifestProblems(String owner, String key, byte[] manifest, Map<String, String> expected,
                                         List<FixityReport.Problem> problems) {
        Map<String, Object> json;
        try {
            json = Json.readMap(manifest);
        } catch (RuntimeException e) {
            problems.add(new FixityReport.Problem(owner, key, "清单无法解析: " + e.getMessage()));
            return;
        }
        Object listed = json.get("files");
        if (!(listed instanceof List<?> entries)) {
            problems.add(new FixityReport.Problem(owner, key, "清单缺少 files"));
            return;
        }
        for (Object entry : entries) {
            Map<String, Object> file = (Map<String, Object>) entry;
            String fileKey = String.valueOf(file.get("key"));
            String sha = expected.get(fileKey);
            if (sha != null && !sha.equals(file.get("sha256"))) {
                problems.add(new FixityReport.Problem(owner, fileKey, "清单 " + key + " 中的 SHA-256 与数据库登记不符"));
            }
        }
    }
}
