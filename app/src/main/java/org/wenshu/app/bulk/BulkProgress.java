package org.wenshu.app.bulk;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.wenshu.batch.bulk.RowProblem;

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
