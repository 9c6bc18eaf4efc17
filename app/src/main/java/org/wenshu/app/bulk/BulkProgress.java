package org.wenshu.app.bulk;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.bulk.BulkIssueCounts;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.bulk.RowProblem;
import org.wenshu.batch.bulk.SkipReport;

/**
 * Where a bulk-issue execution stands, as the progress page and {@code GET /api/v1/bulk-issues/{id}} show it.
 *
 * @param executionId the job execution id
 * @param status      Spring Batch's status (STARTING while queued, STARTED while running, COMPLETED, FAILED…)
 * @param start       when the execution began, in the configured zone ({@code wenshu.archive.zone}); empty while queued
 * @param end         when it ended, in the configured zone; empty while it runs
 * @param done        rows of the list the issue step has processed (issued, or skipped as bad): live while the job
 *                    runs on this server, else as last committed (for an unfinished execution, with the rows it
 *                    issued after its last commit); includes the rows of the runs it resumes
 * @param total       rows of the list, -1 until the validation step has read it
 * @param valid       rows the validation found valid, -1 until it ran
 * @param skipped     rows found bad so far (all bad rows of the list once validated, rows found invalid while issuing)
 * @param issued      instruments issued from the list (counted as {@code done}), -1 until the issue step begins
 * @param problems    the skip report: row, column and reason of every problem
 * @param failures    why the execution failed, if it did
 * @param rate        rows per second since the start
 * @param eta         the estimated time left while running
 */
public record BulkProgress(long executionId, BatchStatus status, String typeId, String typeName, String requestedBy,
                           Optional<ZonedDateTime> start, Optional<ZonedDateTime> end, long done, long total, int valid,
                           long skipped, long issued, List<RowProblem> problems, List<String> failures, double rate,
                           Optional<Duration> eta) {

    /**
     * The progress of {@code execution}: the row counts (live while it runs on this server, else as last committed),
     * the job's summary, the skip report, the rate since the start and the time left at that rate.
     *
     * @param steps  the execution's steps as loaded with their contexts
     * @param counts the execution's row counts (live while it runs here), if its issue step began
     * @param zone   the zone times are shown in
     */
    static BulkProgress of(JobExecution execution, List<StepExecution> steps, Optional<BulkIssueCounts.Counts> counts,
                           String typeName, String requestedBy, ZoneId zone) {
        JobSummary summary = JobSummary.of(execution, steps);
        long done = counts.map(BulkIssueCounts.Counts::done).orElse(summary.done());
        List<RowProblem> problems = SkipReport.of(execution, steps);
        long badRows = problems.stream().map(RowProblem::row).distinct().count();
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = Optional.ofNullable(execution.getEndTime()).orElse(LocalDateTime.now());
        double seconds = start == null ? 0 : Math.max(Duration.between(start, end).toMillis() / 1000.0, 0.001);
        double rate = seconds > 0 ? done / seconds : 0;
        Optional<Duration> eta = execution.isRunning() && rate > 0 && summary.total() >= 0
                ? Optional.of(Duration.ofSeconds(Math.round((summary.total() - done) / rate))) : Optional.empty();
        int valid = SkipReport.validRows(execution);
        // An execution of an older version kept no count: once completed, the rows valid less those found invalid
        // while issuing (the validation step's bad rows are total - valid).
        long issued = counts.map(BulkIssueCounts.Counts::issued).orElse(
                execution.getStatus() != BatchStatus.COMPLETED || valid < 0 ? -1
                        : Math.max(0, valid - (badRows - (summary.total() - valid))));
        return new BulkProgress(execution.getId(), execution.getStatus(),
                execution.getJobParameters().getString(BulkIssueParameters.TYPE), typeName, requestedBy,
                Optional.ofNullable(start).map(t -> at(t, zone)), Optional.ofNullable(execution.getEndTime()).map(t -> at(t, zone)),
                done, summary.total(),
                valid, badRows, issued, problems, summary.failures(), rate, eta);
    }

    /**
     * {@code time} as Spring Batch records it (the local time of the JVM that ran the job, which shares this one's
     * zone) in {@code zone}.
     */
    static ZonedDateTime at(LocalDateTime time, ZoneId zone) {
        return time.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone);
    }

    /** Whether the execution still runs (or waits for a thread); the page polls until it does not. */
    public boolean running() {
        return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
    }

    /** Percent of rows processed, 0–100. */
    public int percent() {
        return total <= 0 ? (status == BatchStatus.COMPLETED ? 100 : 0) : (int) Math.min(100, done * 100 / total);
    }

    /** The status in Chinese. */
    public String statusLabel() {
        return switch (status) {
            case STARTING -> "排队中";
            case STARTED -> "进行中";
            case COMPLETED -> "已完成";
            case FAILED -> "失败";
            case STOPPING -> "正在停止";
            case STOPPED -> "已停止";
            case ABANDONED -> "已放弃";
            case UNKNOWN -> "未知";
        };
    }

    /** The time left as {@code 1 分 05 秒}, or empty. */
    public String etaText() {
        return eta.map(d -> d.toMinutes() > 0 ? d.toMinutes() + " 分 " + String.format("%02d", d.toSecondsPart()) + " 秒"
                : d.toSeconds() + " 秒").orElse("");
    }

    /** The rate as {@code 2.4 份/秒}. */
    public String rateText() {
        return String.format("%.1f 行/秒", rate);
    }
}
