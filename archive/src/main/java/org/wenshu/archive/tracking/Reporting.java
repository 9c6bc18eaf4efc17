package org.wenshu.archive.tracking;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.Unit;
import org.wenshu.archive.uploads.InspectedFile;
import tools.jackson.databind.json.JsonMapper;

/** 进展报告: a unit's report (inspected, stored, committed, audited; nothing left behind on refusal) and the office's decision. */
final class Reporting {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Archive archive;
    private final Clock clock;
    private final Evidence evidence;
    private final Function<String, TrackedItem> items;
    private final Function<String, ProgressReport> reports;

    Reporting(JdbcTemplate jdbc, TransactionTemplate tx, Archive archive, Clock clock, Evidence evidence,
              Function<String, TrackedItem> items, Function<String, ProgressReport> reports) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.archive = archive;
        this.clock = clock;
        this.evidence = evidence;
        this.items = items;
        this.reports = reports;
    }

    private TrackedItem item(String id) {
        return items.apply(id);
    }

    private ProgressReport report(String id) {
        return reports.apply(id);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }

    ProgressReport submit(ReportSubmission submission, String actor) {
        TrackedItem item = item(submission.itemId());
        Unit unit = archive.unit(submission.actingUnit());
        String text = submission.text() == null ? "" : submission.text().strip();
        if (text.isEmpty()) {
            throw new RequestInvalid("缺少进展情况");
        }
        if (text.length() > 20000) {
            throw new RequestInvalid("进展情况超过 20000 字");
        }
        checkMayReport(item, unit);
        submission.completedOn().ifPresent(date -> {
            if (date.isAfter(today())) {
                throw new RequestInvalid("完成日期 " + date + " 晚于今天");
            }
        });
        List<InspectedFile> inspected = evidence.inspect(submission.files());
        String reportId = UUID.randomUUID().toString();
        Instant now = now();
        List<String> written = new ArrayList<>();
        try {
            List<Evidence.Stored> stored = evidence.put(item.year(), item.id(), reportId, submission.files(), inspected, written);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("schema", "wenshu.progress-report/1");
            json.put("id", reportId);
            json.put("itemId", item.id());
            json.put("source", item.source().name());
            json.put("sourceId", item.sourceId());
            json.put("number", item.number());
            json.put("unit", Map.of("id", unit.id(), "name", unit.name()));
            json.put("text", text);
            submission.completedOn().ifPresent(d -> json.put("completedOn", d.toString()));
            json.put("submittedAt", now.toString());
            json.put("submittedBy", submission.actor());
            json.put("files", stored.stream().map(f -> Map.of("name", f.inspected().originalName(), "key", f.key(),
                    "sha256", f.sha256(), "size", f.size(), "mediaType", f.inspected().mediaType())).toList());
            Evidence.Stored manifest = evidence.put(Evidence.base(item.year(), item.id(), reportId) + "report.json",
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json), "application/json", item.id(), reportId,
                    "progress-report", null, written);
            tx.executeWithoutResult(status -> {
                checkMayReport(item(item.id()), unit); // again, under the row lock: a concurrent report loses
                jdbc.queryForList("SELECT status FROM tracked_item_units WHERE item_id = ? AND unit_id = ? FOR UPDATE",
                        item.id(), unit.id());
                if (jdbc.queryForObject("SELECT COUNT(*) FROM progress_reports WHERE item_id = ? AND unit_id = ? "
                        + "AND decision = 'PENDING'", Integer.class, item.id(), unit.id()) > 0) {
                    throw new TransitionRefused(unit.name() + "已有待验收的报告，请等办公室验收或退回后再报送");
                }
                jdbc.update("INSERT INTO progress_reports (id, item_id, unit_id, report_text, completed_on, submitted_at, "
                                + "submitted_by, decision) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')", reportId, item.id(),
                        unit.id(), text, submission.completedOn().map(Date::valueOf).orElse(null), utc(now),
                        cut(submission.actor(), 200));
                for (Evidence.Stored file : stored) {
                    evidence.insert(file, reportId, "EVIDENCE_FILE", file.inspected().originalName(),
                            file.inspected().mediaType(), file.inspected().text());
                }
                evidence.insert(manifest, reportId, "REPORT_JSON", "report.json", "application/json", null);
                jdbc.update("UPDATE tracked_item_units SET status = 'REPORTED' WHERE item_id = ? AND unit_id = ?",
                        item.id(), unit.id());
                archive.audit(actor, "TRACKED_REPORTED", item.id(), Map.of("reportId", reportId,
                        "unit", unit.id(), "reportJsonSha256", manifest.sha256(),
                        "files", stored.stream().map(Evidence.Stored::sha256).toList()));
                archive.recordKeeping().changed(reportId, TrackedItems.REPORT_CHANGE_KIND, now);
                archive.recordKeeping().changed(item.id(), TrackedItems.ITEM_CHANGE_KIND, now);
            });
        } catch (RuntimeException e) {
            evidence.deleteQuietly(written, e);
            throw e;
        }
        return report(reportId);
    }

    private void checkMayReport(TrackedItem item, Unit unit) {
        UnitProgress progress = item.progressOf(unit.id()).orElseThrow(() -> new TransitionRefused(
                unit.name() + "不是「" + item.title() + "」的责任单位，不能报送进展"));
        if (!item.active()) {
            throw new TransitionRefused("「" + item.title() + "」所在清单尚未发布，不能报送进展");
        }
        if (progress.status() == ProgressStatus.ACCEPTED) {
            throw new TransitionRefused(unit.name() + "的「" + item.title() + "」已办结，无需再报送");
        }
        if (progress.status() == ProgressStatus.REPORTED) {
            throw new TransitionRefused(unit.name() + "已有待验收的报告，请等办公室验收或退回后再报送");
        }
    }

    ProgressReport decide(String reportId, Decision decision, Optional<String> reason, String actor) {
        ProgressReport report = report(reportId);
        TrackedItem item = item(report.itemId());
        tx.executeWithoutResult(status -> {
            int changed = jdbc.update("UPDATE progress_reports SET decision = ?, decision_reason = ?, decided_at = ?, "
                            + "decided_by = ? WHERE id = ? AND decision = 'PENDING'", decision.name(), reason.orElse(null),
                    utc(now()), cut(actor, 200), reportId);
            if (changed == 0) {
                throw new TransitionRefused("该报告已" + report(reportId).decision().label() + "，不能再" +
                        (decision == Decision.ACCEPTED ? "验收" : "退回"));
            }
            if (decision == Decision.RETURNED) {
                jdbc.update("UPDATE tracked_item_units SET status = 'RETURNED' WHERE item_id = ? AND unit_id = ?",
                        item.id(), report.unit().id());
            } else {
                int accepted = jdbc.queryForObject("SELECT accepted_count FROM tracked_item_units WHERE item_id = ? "
                        + "AND unit_id = ? FOR UPDATE", Integer.class, item.id(), report.unit().id()) + 1;
                boolean done = accepted >= item.deadline().targetCount();
                jdbc.update("UPDATE tracked_item_units SET accepted_count = ?, status = ?, completed_at = ? "
                                + "WHERE item_id = ? AND unit_id = ?", accepted, done ? "ACCEPTED" : "OPEN",
                        done ? utc(report.submittedAt()) : null, item.id(), report.unit().id());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reportId", reportId);
            detail.put("unit", report.unit().id());
            reason.ifPresent(r -> detail.put("reason", r));
            archive.audit(actor, decision == Decision.ACCEPTED ? "TRACKED_ACCEPTED" : "TRACKED_RETURNED", item.id(), detail);
            Instant at = now();
            archive.recordKeeping().changed(reportId, TrackedItems.REPORT_CHANGE_KIND, at);
            archive.recordKeeping().changed(item.id(), TrackedItems.ITEM_CHANGE_KIND, at);
        });
        return report(reportId);
    }
}
