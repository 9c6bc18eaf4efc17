package org.wenshu.batch.bulk;

import java.util.List;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The first step of bulk-issue: checks every row before anything is issued and keeps the report (row, column,
 * reason) and the number of rows to issue in the job execution context. Stops the job once more rows are bad
 * than the skip limit allows: a hopeless file issues nothing.
 */
class ValidateRows implements Tasklet {

    static final String PROBLEMS = "bulk.problems";
    static final String ROWS = "bulk.rows";
    static final String VALID = "bulk.valid";

    private final BulkIssueInput input;
    private final long skipLimit;
    private final int threads;

    /** @param threads rows checked at once (the issue step's threads: checking a row renders its template) */
    ValidateRows(BulkIssueInput input, long skipLimit, int threads) {
        this.input = input;
        this.skipLimit = skipLimit;
        this.threads = threads;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ListValidation validation = ListValidation.of(input.table(), input.rows(), skipLimit, threads);
        List<RowProblem> problems = validation.problems();
        int skippedRows = validation.badRows();
        int valid = validation.valid();
        for (int checked = 0; checked < valid + skippedRows; checked++) {
            contribution.incrementReadCount();
        }
        contribution.incrementFilterCount(skippedRows);
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        job.putString(PROBLEMS, RowProblem.encode(problems));
        job.putInt(ROWS, input.table().rows().size());
        job.putInt(VALID, valid);
        // Generic keys every job's summary reads (JobSummary): total work and the report's lines.
        job.putLong("wenshu.total", input.table().rows().size());
        job.putString("wenshu.problems", String.join("\n", problems.stream().map(RowProblem::describe).toList()));
        if (skippedRows > skipLimit) {
            throw new SkipLimitExceeded(skippedRows, skipLimit, problems);
        }
        return RepeatStatus.FINISHED;
    }

    /** More rows are bad than the skip limit allows; nothing was issued. */
    static final class SkipLimitExceeded extends RuntimeException {
        SkipLimitExceeded(int rows, long limit, List<RowProblem> problems) {
            super("名单中至少 " + rows + " 行有错误，超过跳过上限 " + limit + "（skipLimit），未发文。前几处错误：\n"
                    + String.join("\n", problems.stream().limit(10).map(p -> "  - " + p.describe()).toList()));
        }
    }
}
