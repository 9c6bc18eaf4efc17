package org.wenshu.batch.bulk;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentProducer;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.batch.InstrumentIssuer;

/**
 * Issues one row (thread-safe: the step runs it for the rows of a chunk on all cores). Rows the validation step
 * reported are filtered out. Each row is issued under its deterministic idempotency key, taking over a number a
 * killed run reserved for it, so a restarted chunk returns the instruments issued before instead of issuing them
 * again and never consumes a second number for a row.
 */
class IssueRow implements ItemProcessor<RecipientTable.Row, IssuedRow>, ItemStream {

    static final String LATE_PROBLEMS = "bulk.issue.problems";
    static final String RENDER_NANOS = "wenshu.nanos.render";
    static final String SIGN_NANOS = "wenshu.nanos.sign";
    static final String ISSUE_NANOS = "wenshu.nanos.issue";
    /** CPU time of the rendering and signing threads, to tell work from waiting on a loaded machine. */
    static final String RENDER_CPU_NANOS = "wenshu.cpu.render";
    static final String SIGN_CPU_NANOS = "wenshu.cpu.sign";
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final BulkIssueInput input;
    private final Archive archive;
    private final InstrumentIssuer issuer;
    private final Set<Integer> reported;
    private final BulkIssueCounts counts;
    private final long executionId;
    private final ListOrder order;
    private final LongAdder issued = new LongAdder();
    private final LongAdder own = new LongAdder();
    private BulkIssueCounts.Live live = new BulkIssueCounts.Live();
    private final Set<RowProblem> late = ConcurrentHashMap.newKeySet();
    private final LongAdder render = new LongAdder();
    private final LongAdder sign = new LongAdder();
    private final LongAdder issue = new LongAdder();
    private final LongAdder renderCpu = new LongAdder();
    private final LongAdder signCpu = new LongAdder();

    /**
     * @param counts      where the live counts of the running executions are kept
     * @param executionId the job execution whose issue step this is
     * @param order       the rows read and not yet numbered, so that numbers follow the list's order
     */
    IssueRow(BulkIssueInput input, Archive archive, InstrumentIssuer issuer, List<RowProblem> reported,
             BulkIssueCounts counts, long executionId, ListOrder order) {
        this.input = input;
        this.archive = archive;
        this.issuer = issuer;
        this.reported = reported.stream().map(RowProblem::row).collect(Collectors.toUnmodifiableSet());
        this.counts = counts;
        this.executionId = executionId;
        this.order = order;
    }

    @Override
    public IssuedRow process(RecipientTable.Row row) throws InterruptedException {
        try {
            return issue(row);
        } finally {
            order.pass(row.number());
        }
    }

    private IssuedRow issue(RecipientTable.Row row) throws InterruptedException {
        if (reported.contains(row.number())) {
            live.done.increment();
            return null;
        }
        BulkRows.Checked checked = input.rows().check(row);
        if (checked.request().isEmpty()) {
            // Valid when the job started, not now (e.g. a unit was removed meanwhile): report and skip.
            late.addAll(checked.problems());
            live.done.increment();
            return null;
        }
        IssueRequest request = checked.request().get().withKey(input.key(row));
        // Not issued by this job instance: a corrected or re-saved list run again asks for instruments an earlier list
        // issued. Each is reported with its number, not issued a second time. Checked here again, although the
        // validation before the start told of them: another list may have issued the same instrument since.
        Optional<InstrumentRecord> alike = input.issuedAlike(row, request);
        if (alike.isPresent()) {
            late.add(new RowProblem(row.number(), "", "与已发出的 " + alike.get().number().text()
                    + " 完全相同（同一类型、发文机关、标题和字段），未重复发文"));
            live.done.increment();
            return null;
        }
        // Numbers in list order: this row reserves its number after the rows read before it have theirs.
        order.awaitTurn(row.number());
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean produced = new java.util.concurrent.atomic.AtomicBoolean();
        InstrumentRecord record;
        try {
            record = archive.issueTakingOver(request, InstrumentProducer.printingCode((number, code) -> {
                order.pass(row.number()); // numbered: the rows after it may take theirs while this one renders
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                byte[] pdf = issuer.render(request, number, code);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                byte[] sealed = issuer.sign(request, pdf);
                sign.add(System.nanoTime() - t1);
                signCpu.add(THREADS.getCurrentThreadCpuTime() - c1);
                render.add(t1 - t0);
                renderCpu.add(c1 - c0);
                // Produced by this execution (a new number, or one a killed run reserved and this one completes):
                // counted before the archive commits it, so that whoever lists the records and then reads the
                // counts finds every record listed counted.
                produced.set(true);
                count(1, true);
                return sealed;
            }));
        } catch (RuntimeException | Error e) {
            if (produced.get() && archive.committedAt(request.idempotencyKey().orElseThrow()).isEmpty()) {
                count(-1, true); // stored or committed it was not: the number is void
            }
            throw e;
        }
        issue.add(System.nanoTime() - start);
        if (!produced.get()) {
            // Issued before under this row's key: by a killed run past its last chunk commit, which it is counted to.
            count(1, false);
        }
        return new IssuedRow(row.number(), record.id(), record.number().text());
    }

    /** Adds {@code n} to the rows done and issued, and to those this execution issued itself when {@code own}. */
    private void count(int n, boolean own) {
        issued.add(n);
        live.issued.add(n);
        if (own) {
            this.own.add(n);
            live.own.add(n);
        }
        live.done.add(n);
    }

    @Override
    public void open(ExecutionContext context) {
        late.clear();
        render.reset();
        sign.reset();
        issue.reset();
        renderCpu.reset();
        signCpu.reset();
        renderCpu.add(context.getLong(RENDER_CPU_NANOS, 0L));
        signCpu.add(context.getLong(SIGN_CPU_NANOS, 0L));
        late.addAll(RowProblem.decode(context.containsKey(LATE_PROBLEMS) ? context.getString(LATE_PROBLEMS) : null));
        render.add(context.getLong(RENDER_NANOS, 0L));
        sign.add(context.getLong(SIGN_NANOS, 0L));
        issue.add(context.getLong(ISSUE_NANOS, 0L));
        issued.reset();
        issued.add(context.getLong(BulkIssueCounts.ISSUED, 0L));
        own.reset();
        own.add(Math.max(0, BulkIssueCounts.own(context, executionId)));
        // A resumed run goes on from the counts of the last commit (the reader's position, the rows issued by then).
        live = counts.begin(executionId, context.getLong(BulkIssueCounts.DONE, 0L), issued.sum(), own.sum());
    }

    @Override
    public void update(ExecutionContext context) {
        List<RowProblem> sorted = late.stream().sorted(java.util.Comparator.comparingInt(RowProblem::row)).toList();
        context.putString(LATE_PROBLEMS, RowProblem.encode(sorted));
        context.putString("wenshu.problems", String.join("\n", sorted.stream().map(RowProblem::describe).toList()));
        context.putLong(RENDER_NANOS, render.sum());
        context.putLong(SIGN_NANOS, sign.sum());
        context.putLong(ISSUE_NANOS, issue.sum());
        context.putLong(RENDER_CPU_NANOS, renderCpu.sum());
        context.putLong(SIGN_CPU_NANOS, signCpu.sum());
        context.putLong(BulkIssueCounts.ISSUED, issued.sum());
        context.putLong(BulkIssueCounts.OWN, own.sum());
        context.putLong(BulkIssueCounts.OWN_EXECUTION, executionId);
    }

    @Override
    public void close() {
        counts.end(executionId);
    }
}
