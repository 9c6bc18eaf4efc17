package org.wenshu.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import org.wenshu.batch.bulk.RowProblem;

/**
 * What a job execution did, as the command line and the jobs page show it: progress (done of total), the lines of
 * its report (skipped rows, mismatches) and its failures.
 *
 * @param done     units of work committed so far (rows, records, objects), over all runs of the job instance
 * @param total    units of work in all, or -1 while unknown
 * @param problems the report's lines, e.g. 第 5 行 主送单位：未知单位
 * @param details  a line of job-specific figures (e.g. where bulk issuing spent its time), or empty
 */
public record JobSummary(long executionId, String job, BatchStatus status, Optional<LocalDateTime> start,
                         Optional<LocalDateTime> end, long done, long total, List<String> problems,
                         List<String> failures, String parameters, String details) {

    /** Summarises {@code execution} with the step executions it holds (their contexts loaded). */
    public static JobSummary of(JobExecution execution) {
        return of(execution, execution.getStepExecutions());
    }

    /** Summarises {@code execution} with {@code steps}, its step executions as loaded with their contexts. */
    public static JobSummary of(JobExecution execution, java.util.Collection<StepExecution> steps) {
        ExecutionContext job = execution.getExecutionContext();
        List<String> problems = new ArrayList<>();
        long done = 0;
        long total = -1;
        String timings = "";
        String name = execution.getJobInstance().getJobName();
        if (name.equals(BulkIssueJobConfiguration.JOB)) {
            if (job.containsKey("bulk.rows")) {
                total = job.getInt("bulk.rows");
            }
            RowProblem.decode(job.containsKey("bulk.problems") ? job.getString("bulk.problems") : null)
                    .forEach(p -> problems.add(p.describe()));
            for (StepExecution step : steps) {
                ExecutionContext context = step.getExecutionContext();
                if (step.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)) {
                    done = Math.max(done, number(context, "bulk.rows.read.count", step.getReadCount()));
                    timings = String.format("耗时（各线程累计）：渲染 %.1f s，签章 %.1f s，发文合计（含编号、存档）%.1f s，索引 %.1f s",
                            number(context, "bulk.nanos.render", 0) / 1e9, number(context, "bulk.nanos.sign", 0) / 1e9,
                            number(context, "bulk.nanos.issue", 0) / 1e9, number(context, "bulk.nanos.index", 0) / 1e9);
                    RowProblem.decode(context.containsKey("bulk.issue.problems") ? context.getString("bulk.issue.problems") : null)
                            .forEach(p -> problems.add(p.describe()));
                }
            }
        } else {
            for (StepExecution step : steps) {
                ExecutionContext context = step.getExecutionContext();
                if (context.containsKey("wenshu.done")) {
                    done += number(context, "wenshu.done", 0);
                }
                if (context.containsKey("wenshu.total")) {
                    total = Math.max(total, 0) + number(context, "wenshu.total", 0);
                }
                if (!job.containsKey("wenshu.problems") && context.containsKey("wenshu.problems")) {
                    lines(context.getString("wenshu.problems")).forEach(problems::add);
                }
            }
            // A job's last step may sum up every run of the instance in the job context: that wins.
            if (job.containsKey("wenshu.done")) {
                done = number(job, "wenshu.done", done);
            }
            if (job.containsKey("wenshu.total")) {
                total = number(job, "wenshu.total", total);
            }
            if (job.containsKey("wenshu.problems")) {
                lines(job.getString("wenshu.problems")).forEach(problems::add);
            }
            if (job.containsKey("wenshu.details")) {
                timings = job.getString("wenshu.details");
            }
        }
        if (total >= 0) {
            done = Math.min(done, total); // the reader counts its final, empty read as well
        }
        List<String> failures = execution.getAllFailureExceptions().stream().map(JobSummary::message).distinct().toList();
        if (failures.isEmpty() && execution.getStatus() == BatchStatus.FAILED
                && !execution.getExitStatus().getExitDescription().isBlank()) {
            failures = List.of(firstLine(execution.getExitStatus().getExitDescription()));
        }
        return new JobSummary(execution.getId(), name, execution.getStatus(), Optional.ofNullable(execution.getStartTime()),
                Optional.ofNullable(execution.getEndTime()), done, total, List.copyOf(problems), failures,
                execution.getJobParameters().parameters().stream()
                        .map(p -> p.name() + "=" + p.value()).reduce((a, b) -> a + " " + b).orElse(""), timings);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : java.util.Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static long number(ExecutionContext context, String key, long otherwise) {
        return context.get(key) instanceof Number n ? n.longValue() : otherwise;
    }

    private static String message(Throwable failure) {
        Throwable cause = failure;
        // Spring Batch wraps the job's own failure (e.g. a refused list) in step and chunk exceptions.
        while (cause.getCause() != null && cause.getClass().getName().startsWith("org.springframework.batch")) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
