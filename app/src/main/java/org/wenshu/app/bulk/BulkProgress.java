package org.wenshu.app.bulk;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.bulk.RowProblem;
import org.wenshu.batch.bulk.SkipReport;

/**
 * Where a bulk-issue execution stands, as the progress page and {@code GET /api/v1/bulk-issues/{id}} show it.
 *
 * @param executionId the job execution id
 * @param status      Spring Batch's status (STARTING while queued, STARTED while running, COMPLETED, FAILED…)
 * @param done        rows of the list processed (issued or skipped) as last committed
 * @param total       rows of the list, -1 until the validation step has read it
 * @param valid       rows the validation found valid, -1 until it ran
 * @param skipped     rows skipped so far (bad rows of the list, rows found invalid while issuing)
 * @param issued      instruments issued, known once the execution has completed; -1 before
 * @param problems    the skip report: row, column and reason of every problem
 * @param failures    why the execution failed, if it did
 * @param rate        rows per second since the start
 * @param eta         the estimated time left while running
 */
public record BulkProgress(long executionId, BatchStatus status, String typeId, String typeName, String requestedBy,
                           Optional<LocalDateTime> start, Optional<LocalDateTime> end, long done, long total, int valid,
                           long skipped, long issued, List<RowProblem> problems, List<String> failures, double rate,
                           Optional<Duration> eta) {

    /**
     * The progress of {@code execution} as last committed: counts from the job's summary, the skip report, the rate
     * since the start and the time left at that rate.
     *
     * @param steps the execution's steps as loaded with their contexts
     */
    static BulkProgress of(JobExecution execution, List<StepExecution> steps, String typeName, String requestedBy) {
        JobSummary summary = JobSummary.of(execution, steps);
        List<RowProblem> problems = SkipReport.of(execution, steps);
        long badRows = problems.stream().map(RowProblem::row).distinct().count();
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = Optional.ofNullable(execution.getEndTime()).orElse(LocalDateTime.now());
        double seconds = start == null ? 0 : Math.max(Duration.between(start, end).toMillis() / 1000.0, 0.001);
        double rate = seconds > 0 ? summary.done() / seconds : 0;
        Optional<Duration> eta = execution.isRunning() && rate > 0 && summary.total() >= 0
                ? Optional.of(Duration.ofSeconds(Math.round((summary.total() - summary.done()) / rate))) : Optional.empty();
        int valid = SkipReport.validRows(execution);
        // Rows the validation step found bad are total - valid; any further bad row was found while issuing.
        long issued = execution.getStatus() != BatchStatus.COMPLETED || valid < 0 ? -1
                : Math.max(0, valid - (badRows - (summary.total() - valid)));
        return new BulkProgress(execution.getId(), execution.getStatus(),
                execution.getJobParameters().getString(BulkIssueParameters.TYPE), typeName, requestedBy,
                Optional.ofNullable(start), Optional.ofNullable(execution.getEndTime()), summary.done(), summary.total(),
                valid, badRows, issued, problems, summary.failures(), rate, eta);
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
