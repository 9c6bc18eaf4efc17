package org.wenshu.batch.bulk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The skip report (跳过的行) of a bulk-issue execution as structured rows: the problems the validation step found and
 * those found while issuing (a row that became invalid after the job started), in row order.
 */
public final class SkipReport {

    private SkipReport() {
    }

    /**
     * The problems kept in {@code execution}'s context and in {@code steps}' contexts (steps as loaded with their
     * contexts); empty for an execution of another job or one that has not validated yet.
     */
    public static List<RowProblem> of(JobExecution execution, Collection<StepExecution> steps) {
        List<RowProblem> problems = new ArrayList<>(decode(execution.getExecutionContext(), ValidateRows.PROBLEMS));
        for (StepExecution step : steps) {
            problems.addAll(decode(step.getExecutionContext(), IssueRow.LATE_PROBLEMS));
        }
        problems.sort(Comparator.comparingInt(RowProblem::row));
        return List.copyOf(problems);
    }

    /** How many rows the validation step found valid, or -1 before it ran. */
    public static int validRows(JobExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        return context.containsKey(ValidateRows.VALID) ? context.getInt(ValidateRows.VALID) : -1;
    }

    private static List<RowProblem> decode(ExecutionContext context, String key) {
        return context.containsKey(key) ? RowProblem.decode(context.getString(key)) : List.of();
    }
}
