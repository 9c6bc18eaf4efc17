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
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.JobSummary;
import org.wenshu.batch.bulk.BulkIssueLedger;
import org.wenshu.batch.bulk.BulkIssueParameters;
import org.wenshu.batch.bulk.RowProblem;
import org.wenshu.batch.bulk.SkipReport;

/**
 * Where a bulk-issue execution stands, as the progress page, {@code GET /api/v1/bulk-issues/{id}} and the list of
 * executions show it. A list killed and resumed (继续发文) is one job instance with several executions: each execution
 * shows the position the list reached with it, and the instruments it issued itself.
 *
 * @param executionId the job execution id
 * @param status      Spring Batch's status (STARTING while queued, STARTED while running, COMPLETED, FAILED…)
 * @param start       when the execution began, in the configured zone ({@code wenshu.archive.zone}); empty while queued
 * @param end         when it ended, in the configured zone (for an execution whose process died: its last recorded
 *                    progress); empty while it runs
 * @param done        rows of the list processed (issued, or skipped as bad) by this execution and the ones it resumed:
 *                    the list's position; live while the job runs on this server, final once it ended (with the rows
 *                    a killed run issued after its last commit)
 * @param startDone   the position this execution began at (0, or where the execution it resumed stopped)
 * @param total       rows of the list, -1 until the validation step has read it
 * @param valid       rows the validation found valid, -1 until it ran
 * @param skipped     rows found bad so far (all bad rows of the list once validated, rows found invalid while issuing)
 * @param issued      instruments this execution itself issued, -1 until the issue step begins
 * @param listIssued  instruments issued from the list by this execution and the ones it resumed, -1 as issued
 * @param continues   the execution this one resumed, if any
 * @param continuedBy the execution that resumed this one, if any
 * @param interrupted whether the execution stopped without a failure of its own (its process was killed or died)
 * @param problems    the skip report: row, column and reason of every problem
 * @param failures    why the execution failed, if it did
 * @param rate        rows this execution processed per second of its own running time
 * @param eta         the estimated time left while running
 */
public record BulkProgress(long executionId, BatchStatus status, String typeId, String typeName, String requestedBy,
                           Optional<ZonedDateTime> start, Optional<ZonedDateTime> end, long done, long startDone,
                           long total, int valid, long skipped, long issued, long listIssued, Optional<Long> continues,
                           Optional<Long> continuedBy, boolean interrupted, List<RowProblem> problems,
                           List<String> failures, double rate, Optional<Duration> eta) {

    /** What the page and the API say of an execution whose process stopped in the middle (kill, power loss). */
    static final String INTERRUPTED = "执行中断：发文途中服务器或进程停止（如重启、断电、强制结束）；中断前已发出的文书都已保存";

    /**
     * The progress of {@code execution}: the row counts of {@code tally}, the job's summary, the skip report, the
     * rate over this execution's own rows and running time and the time left at that rate.
     *
     * @param steps the execution's steps as loaded with their contexts
     * @param tally what the execution did (live while it runs here)
     * @param zone  the zone times are shown in
     */
    static BulkProgress of(JobExecution execution, List<StepExecution> steps, BulkIssueLedger.Tally tally,
                           String typeName, String requestedBy, ZoneId zone) {
        JobSummary summary = JobSummary.of(execution, steps);
        long done = tally.done() >= 0 ? tally.done() : summary.done();
        if (summary.total() >= 0) {
            done = Math.min(done, summary.total());
        }
        List<RowProblem> problems = SkipReport.of(execution, steps);
        long badRows = problems.stream().map(RowProblem::row).distinct().count();
        LocalDateTime start = execution.getStartTime();
        // A run's own time: until now while it runs, else until its end (a dead run's: its last recorded progress).
        LocalDateTime end = execution.isRunning() || execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime();
        double seconds = start == null ? 0 : Math.max(Duration.between(start, end).toMillis() / 1000.0, 0.001);
        double rate = seconds > 0 && tally.done() >= 0 ? tally.ownRows() / seconds : 0;
        Optional<Duration> eta = execution.isRunning() && rate > 0 && summary.total() >= 0
                ? Optional.of(Duration.ofSeconds(Math.round((summary.total() - done) / rate))) : Optional.empty();
        int valid = SkipReport.validRows(execution);
        // An execution of an older version kept no count: once completed, the rows valid less those found invalid
        // while issuing (the validation step's bad rows are total - valid).
        long issued = tally.issued() >= 0 ? tally.issued()
                : execution.getStatus() != BatchStatus.COMPLETED || valid < 0 ? -1
                : Math.max(0, valid - (badRows - (summary.total() - valid)));
        long listIssued = tally.listIssued() >= 0 ? tally.listIssued() : issued;
        boolean interrupted = BatchJobs.unfinished(execution.getStatus())
                && (execution.getExecutionContext().containsKey("batch.recovered") || summary.failures().isEmpty());
        List<String> failures = summary.failures().isEmpty() && interrupted ? List.of(INTERRUPTED) : summary.failures();
        return new BulkProgress(execution.getId(), execution.getStatus(),
                execution.getJobParameters().getString(BulkIssueParameters.TYPE), typeName, requestedBy,
                Optional.ofNullable(start).map(t -> at(t, zone)), Optional.ofNullable(execution.getEndTime()).map(t -> at(t, zone)),
                done, tally.startDone(), summary.total(), valid, badRows, issued, listIssued, tally.continues(),
                tally.continuedBy(), interrupted, problems, failures, rate, eta);
    }

    /** Whether the list can be resumed from this execution (继续发文): it ended unfinished and nothing resumed it yet. */
    public boolean resumable() {
        return BatchJobs.unfinished(status) && continuedBy.isEmpty();
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
            case FAILED -> interrupted ? "中断" : "失败";
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
