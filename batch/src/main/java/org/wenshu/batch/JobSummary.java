package org.wenshu.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a job execution did, as the command line (and a jobs page) shows it. Every job keeps these generic keys in
 * its execution contexts: {@code wenshu.done} and {@code wenshu.total} (units of work: rows, records),
 * {@code wenshu.problems} (one report line each), {@code wenshu.details} (a line of figures) and
 * {@code wenshu.nanos.*} (thread time per phase); job-level values win over the sum of the steps'.
 *
 * @param done     units of work committed so far
 * @param total    units of work in all, or -1 while unknown
 * @param problems the report's lines, e.g. 第 5 行 主送单位：没有找到单位「市外星局」
 * @param details  a line of job-specific figures (e.g. where bulk issuing spent its time), or empty
 */
public record JobSummary(long executionId, String job, BatchStatus status, Optional<LocalDateTime> start,
                         Optional<LocalDateTime> end, long done, long total, List<String> problems,
                         List<String> failures, String parameters, String details) {

    /** Summarises {@code execution} with the step executions it holds. */
    public static JobSummary of(JobExecution execution) {
        return of(execution, execution.getStepExecutions());
    }

    /** Summarises {@code execution} with {@code steps}, its step executions as loaded with their contexts. */
    public static JobSummary of(JobExecution execution, Collection<StepExecution> steps) {
        ExecutionContext job = execution.getExecutionContext();
        long done = 0;
        long total = -1;
        List<String> problems = new ArrayList<>(lines(job, "wenshu.problems"));
        String details = job.containsKey("wenshu.details") ? job.getString("wenshu.details") : "";
        long[] nanos = new long[4];
        for (StepExecution step : steps) {
            ExecutionContext context = step.getExecutionContext();
            done += number(context, "wenshu.done", 0);
            if (context.containsKey("wenshu.total")) {
                total = Math.max(total, 0) + number(context, "wenshu.total", 0);
            }
            problems.addAll(lines(context, "wenshu.problems"));
            nanos[0] += number(context, "wenshu.nanos.render", 0);
            nanos[1] += number(context, "wenshu.nanos.sign", 0);
            nanos[2] += number(context, "wenshu.nanos.issue", 0);
            nanos[3] += number(context, "wenshu.nanos.index", 0);
        }
        done = number(job, "wenshu.done", done);
        total = number(job, "wenshu.total", total);
        if (total >= 0) {
            done = Math.min(done, total);
        }
        if (details.isEmpty() && nanos[2] > 0) {
            details = String.format("耗时（各线程累计）：渲染 %.1f s，签章 %.1f s，发文合计（含编号、存档）%.1f s，索引 %.1f s",
                    nanos[0] / 1e9, nanos[1] / 1e9, nanos[2] / 1e9, nanos[3] / 1e9);
        }
        List<String> failures = execution.getAllFailureExceptions().stream().map(FailureReason::of).distinct().toList();
        if (failures.isEmpty() && execution.getStatus() == BatchStatus.FAILED
                && !execution.getExitStatus().getExitDescription().isBlank()) {
            failures = List.of(FailureReason.ofStored(execution.getExitStatus().getExitDescription()));
        }
        return new JobSummary(execution.getId(), execution.getJobInstance().getJobName(), execution.getStatus(),
                Optional.ofNullable(execution.getStartTime()), Optional.ofNullable(execution.getEndTime()), done, total,
                List.copyOf(problems), failures,
                execution.getJobParameters().parameters().stream()
                        .map(p -> p.name() + "=" + p.value()).reduce((a, b) -> a + " " + b).orElse(""), details);
    }

    private static List<String> lines(ExecutionContext context, String key) {
        if (!context.containsKey(key)) {
            return List.of();
        }
        return Arrays.stream(context.getString(key).split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static long number(ExecutionContext context, String key, long otherwise) {
        return context.get(key) instanceof Number n ? n.longValue() : otherwise;
    }
}
