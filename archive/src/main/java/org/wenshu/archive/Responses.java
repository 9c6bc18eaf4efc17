package org.wenshu.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.archive.uploads.InspectedFile;
import org.wenshu.archive.uploads.UploadInspector;

/** 回复: an addressee's answer, inspected, stored with response.json and committed; nothing stays behind on refusal. */
final class Responses {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RecordFiles files;
    private final Clock clock;
    private final Units units;
    private final Records records;
    private final AuditTrail audit;
    private final ChangeLog changes;
    private final ArchiveLimits limits;
    private final UploadInspector inspector;

    Responses(JdbcTemplate jdbc, TransactionTemplate tx, RecordFiles files, Clock clock, Units units, Records records,
            AuditTrail audit, ChangeLog changes, ArchiveLimits limits) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.files = files;
        this.clock = clock;
        this.units = units;
        this.records = records;
        this.audit = audit;
        this.changes = changes;
        this.limits = limits;
        this.inspector = new UploadInspector(limits.files());
    }

    /** Files an agency's response (回复) with its attachments; only a 主送 unit of the instrument may respond. */
    StoredResponse respond(ResponseSubmission submission) {
        Unit actor = units.resolve(submission.actingUnit(), "回复单位");
        InstrumentRecord record = records.resolve(submission.recordId());
        checkMayRespond(record, actor);
        RequestInvalid.require(submission.measures(), "整改措施");
        RequestInvalid.require(submission.results(), "整改结果");
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
            inspected.add(inspector.inspect(file.name(), file.content(), inspected.size() + 1)); // FileRefused: nothing stored yet
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
                StoredFile object = files.put(ObjectKeys.responseFile(year, record.id(), responseId, i + 1, file.extension()),
                        submission.files().get(i).content(), file.mediaType(), RecordFiles.metadata(record.id(), record.number(), "response-file"), written);
                stored.add(object);
                filesJson.add(RecordFiles.fileJson(file.originalName(), object));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("schema", "wenshu.response/1");
            json.put("id", responseId);
            json.put("recordId", record.id());
            json.put("number", record.number().text());
            json.put("unit", RecordFiles.unitJson(actor));
            json.put("measures", submission.measures());
            json.put("results", submission.results());
            json.put("adoption", submission.adoption().name());
            json.put("adoptionLabel", submission.adoption().label());
            json.put("submittedAt", now.toString());
            json.put("files", filesJson);
            StoredFile responseJson = files.put(ObjectKeys.responseJson(year, record.id(), responseId), Json.pretty(json),
                    "application/json", RecordFiles.metadata(record.id(), record.number(), "response"), written);
            tx.executeWithoutResult(status -> {
                InstrumentRecord current = records.locked(record.id());
                checkMayRespond(current, actor);
                jdbc.update("INSERT INTO responses (id, instrument_id, unit_id, measures, results, adoption, submitted_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)", responseId, record.id(), actor.id(),
                        RecordFiles.cut(submission.measures(), 20000), RecordFiles.cut(submission.results(), 20000), submission.adoption().name(), RecordFiles.utc(now));
                for (int i = 0; i < stored.size(); i++) {
                    files.insertFile(stored.get(i), record.id(), responseId, "RESPONSE_FILE", inspected.get(i).originalName(),
                            inspected.get(i).text());
                }
                files.insertFile(responseJson, record.id(), responseId, "RESPONSE_JSON", "response.json", null);
                jdbc.update(RecordFigures.REPLY_SQL, record.id(), actor.id(), record.id(), actor.id(), record.id(), actor.id());
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
            files.deleteQuietly(written, e);
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

}
