package org.wenshu.batch.bulk;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The row counts of bulk-issue executions: as last committed (kept in the issue step's context at each chunk commit)
 * and, for the executions whose issue step runs in this process, as of now. Each row is committed to the archive on
 * its own, before its chunk commits, so the committed counts lag the issued records by up to a chunk; the live ones
 * do not: a row is counted once its instrument is sealed, just before its record commits, so every record a reader
 * can list is already counted (and a row whose storing fails is taken off again).
 */
public final class BulkIssueCounts {

    /** Step context key: rows of the list the issue step has processed (issued or skipped). */
    static final String DONE = "wenshu.done";
    /** Step context key: rows the issue step has issued as instruments (this execution's and the runs it resumes). */
    static final String ISSUED = "bulk.issued";
    /** Step context key: instruments this execution itself produced and committed (also numbers a killed run reserved). */
    static final String OWN = "bulk.issued.own";
    /** Step context key: the execution {@link #OWN} was counted by (a restart inherits its predecessor's context). */
    static final String OWN_EXECUTION = "bulk.issued.own.execution";

    private final Map<Long, Live> running = new ConcurrentHashMap<>();

    /**
     * The counts of {@code execution}: live while its issue step runs in this process, else as last committed;
     * empty before its issue step began (or for an execution of an older version that kept no count of issued rows).
     *
     * @param steps the execution's steps as loaded with their contexts
     */
    public Optional<Counts> of(JobExecution execution, Iterable<StepExecution> steps) {
        Live live = running.get(execution.getId());
        if (live != null) {
            return Optional.of(new Counts(live.done.sum(), live.issued.sum(), live.own.sum()));
        }
        for (StepExecution step : steps) {
            ExecutionContext context = step.getExecutionContext();
            if (step.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)
                    && step.getJobExecutionId() == execution.getId()
                    && context.containsKey(ISSUED)) {
                return Optional.of(new Counts(context.getLong(DONE, 0L), context.getLong(ISSUED), own(context, execution.getId())));
            }
        }
        return Optional.empty();
    }

    /** Whether the issue step of {@code executionId} runs in this process now. */
    public boolean live(long executionId) {
        return running.containsKey(executionId);
    }

    /**
     * The instruments execution {@code executionId} itself issued as its issue step last committed them; -1 when its
     * context holds no such count of its own (an older version's execution, or a restart's inherited context).
     */
    static long own(ExecutionContext context, long executionId) {
        return context.get(OWN_EXECUTION) instanceof Number id && id.longValue() == executionId ? context.getLong(OWN, 0L) : -1;
    }

    /**
     * Counts of one execution.
     *
     * @param done   rows of the list the issue step has processed: issued, or skipped as bad (including the rows of the
     *               runs it resumes: its position in the list)
     * @param issued rows issued as instruments (by this execution and the runs it resumes)
     * @param own    instruments this execution itself issued; -1 when an execution of an older version kept no count
     */
    public record Counts(long done, long issued, long own) {
    }

    /**
     * The issue step of {@code executionId} begins, with the counts committed before (a resumed run's) and the
     * instruments it issued itself by its last commit (none unless the step is opened again).
     */
    Live begin(long executionId, long done, long issued, long own) {
        Live live = new Live();
        live.done.add(done);
        live.issued.add(issued);
        live.own.add(own);
        running.put(executionId, live);
        return live;
    }

    /** The issue step of {@code executionId} ended: its committed counts are final. */
    void end(long executionId) {
        running.remove(executionId);
    }

    /** Counters of a running issue step, added to by its threads. */
    static final class Live {
        final LongAdder done = new LongAdder();
        final LongAdder issued = new LongAdder();
        final LongAdder own = new LongAdder();
    }
}
