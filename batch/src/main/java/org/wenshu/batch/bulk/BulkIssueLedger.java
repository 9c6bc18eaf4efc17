package org.wenshu.batch.bulk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.batch.BatchJobs;
import org.wenshu.batch.BatchSettings;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.templates.InstrumentCatalog;

/**
 * What each execution of a bulk-issue job instance did, the same for the progress page, the API and
 * {@code wenshu batch status}. A list killed and resumed is one job instance with several executions, and every row
 * keeps the instance's idempotency key, so a record alone does not say which execution issued it: the time it was
 * committed does ({@link Archive#committedAt}). Executions of one instance never overlap, so execution <i>n</i>
 * issued exactly the records of the list committed between its creation and the creation of execution <i>n+1</i> —
 * also the rows it issued after its last chunk commit before it was killed, which its committed counts miss and its
 * continuation finds already issued; a row it had numbered but not stored when it was killed is issued by the
 * continuation that completes it, under the same number. A dead process commits nothing, so what an execution that
 * ended did never changes, and is kept once counted.
 */
public final class BulkIssueLedger {

    private final BatchJobs jobs;
    private final BulkIssueCounts counts;
    private final InstrumentCatalog catalog;
    private final BatchSettings settings;
    private final InstrumentIssuer issuer;
    private final Archive archive;
    /**
     * The rows (list indexes) each ended execution issued, by execution, its status, last commit and successor (what
     * the figures follow from); a few hundred at most are looked at.
     */
    private final Map<String, Settled> settled = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Settled> eldest) {
            return size() > 500;
        }
    });

    public BulkIssueLedger(BatchJobs jobs, BulkIssueCounts counts, InstrumentCatalog catalog, BatchSettings settings,
                           InstrumentIssuer issuer, Archive archive) {
        this.jobs = jobs;
        this.counts = counts;
        this.catalog = catalog;
        this.settings = settings;
        this.issuer = issuer;
        this.archive = archive;
    }

    /**
     * The figures of one execution.
     *
     * @param done        the position in the list this execution reached (rows processed by it and the runs it
     *                    resumes: issued or skipped), -1 before its issue step began
     * @param startDone   the position it began at: 0 for a first run, its predecessor's last commit for a resumed one
     * @param issued      instruments this execution itself issued, -1 before its issue step began
     * @param listIssued  instruments issued from the list by this execution and the ones it resumes, -1 as issued
     * @param continues   the execution of the same list this one resumed, if any
     * @param continuedBy the execution that resumed this one, if any
     */
    public record Tally(long done, long startDone, long issued, long listIssued, Optional<Long> continues,
                        Optional<Long> continuedBy) {

        /** Rows this execution processed itself (its position less where it began). */
        public long ownRows() {
            return done < 0 ? 0 : Math.max(0, done - startDone);
        }
    }

    /** One record an execution issued: the row of the list (1-based, header excluded as the skip report counts). */
    public record Issued(int row, InstrumentRecord record) {
    }

    /** The figures of bulk-issue execution {@code execution} (live while it runs in this process). */
    public Tally tally(JobExecution execution) {
        List<JobExecution> chain = jobs.instanceExecutions(execution);
        int at = indexOf(chain, execution.getId());
        Optional<Long> continues = at > 0 ? Optional.of(chain.get(at - 1).getId()) : Optional.empty();
        Optional<Long> continuedBy = at >= 0 && at + 1 < chain.size() ? Optional.of(chain.get(at + 1).getId()) : Optional.empty();
        long startDone = startDone(chain, at);
        Optional<BulkIssueCounts.Counts> committed = counts.of(execution, jobs.steps(execution));
        if (committed.isEmpty()) {
            return new Tally(-1, startDone, -1, -1, continues, continuedBy);
        }
        long earlier = 0;
        for (int i = 0; i < at; i++) {
            long issued = tally(chain.get(i)).issued();
            earlier += Math.max(0, issued);
        }
        long done;
        long issued;
        if (execution.isRunning() || counts.live(execution.getId())) {
            done = committed.get().done();
            issued = Math.max(0, committed.get().own());
        } else {
            Settled figures = settle(execution, chain, at, startDone, committed.get());
            done = figures.done();
            issued = figures.issued();
        }
        return new Tally(done, startDone, issued, earlier + issued, continues, continuedBy);
    }

    /**
     * The records execution {@code execution} itself issued (so far), in list order: at most {@code limit} from
     * {@code offset}; empty when the kept list is gone (the records stay in the register).
     */
    public List<Issued> issued(JobExecution execution, int offset, int limit) {
        Optional<BulkIssueInput> input = input(execution);
        if (input.isEmpty()) {
            return List.of();
        }
        List<RecipientTable.Row> rows = input.get().table().rows();
        List<JobExecution> chain = jobs.instanceExecutions(execution);
        int at = indexOf(chain, execution.getId());
        Window window = window(chain, at, execution);
        List<Issued> found = new ArrayList<>();
        int seen = 0;
        for (int i = (int) Math.min(startDone(chain, at), rows.size()); i < rows.size() && found.size() < limit; i++) {
            RecipientTable.Row row = rows.get(i);
            String key = input.get().key(row);
            if (archive.committedAt(key).filter(window::holds).isPresent() && seen++ >= offset) {
                archive.findByKey(key).ifPresent(record -> found.add(new Issued(row.number(), record)));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** An ended execution's figures: its final position and the instruments it issued. */
    private record Settled(long done, long issued) {
    }

    /** When an execution could have committed records: from its creation to its successor's. */
    private record Window(Instant from, Optional<Instant> to) {

        boolean holds(Instant committed) {
            return !committed.isBefore(from) && to.map(committed::isBefore).orElse(true);
        }
    }

    private Settled settle(JobExecution execution, List<JobExecution> chain, int at, long startDone,
                           BulkIssueCounts.Counts committed) {
        String key = execution.getId() + ":" + execution.getStatus() + ":" + committed.done() + ":"
                + (at >= 0 && at + 1 < chain.size() ? chain.get(at + 1).getId() : 0);
        Settled known = settled.get(key);
        if (known != null) {
            return known;
        }
        if (execution.getStatus() == BatchStatus.COMPLETED && committed.own() >= 0) {
            // Its final commit counted every instrument it committed, by the same rule as the window: no lookup needed.
            return new Settled(committed.done(), committed.own());
        }
        Optional<BulkIssueInput> input = input(execution);
        if (input.isEmpty()) {
            // The kept upload was removed: its last commit stands.
            return new Settled(committed.done(), Math.max(0, committed.own()));
        }
        Window window = window(chain, at, execution);
        List<RecipientTable.Row> rows = input.get().table().rows();
        // Counted from the records themselves, the ground truth the listing shows too: a killed run's records past its
        // last commit, and a resumed run's rows that an earlier run had issued, are told apart by commit time.
        long from = startDone;
        long found = 0;
        long beyond = 0;
        for (int i = (int) Math.min(from, rows.size()); i < rows.size(); i++) {
            if (archive.committedAt(input.get().key(rows.get(i))).filter(window::holds).isPresent()) {
                found++;
                if (i >= committed.done()) {
                    beyond++; // issued after its last commit: processed, though the commit did not say so
                }
            }
        }
        long done = execution.getStatus() == BatchStatus.COMPLETED ? committed.done()
                : Math.min(rows.size(), committed.done() + beyond);
        Settled figures = new Settled(done, found);
        // Kept unless a successor was created while the rows were looked up (its records may have been counted).
        if (window.to().isPresent() || jobs.instanceExecutions(execution).size() == chain.size()) {
            settled.put(key, figures);
        }
        return figures;
    }

    /** Where execution {@code at} of {@code chain} began in the list: its predecessor's last committed position. */
    private long startDone(List<JobExecution> chain, int at) {
        for (int i = at - 1; i >= 0; i--) {
            Optional<BulkIssueCounts.Counts> before = counts.of(chain.get(i), jobs.steps(chain.get(i)));
            if (before.isPresent()) {
                return before.get().done();
            }
        }
        return 0;
    }

    private static Window window(List<JobExecution> chain, int at, JobExecution execution) {
        Optional<Instant> to = at >= 0 && at + 1 < chain.size()
                ? Optional.of(instant(chain.get(at + 1).getCreateTime())) : Optional.empty();
        return new Window(instant(execution.getCreateTime()), to);
    }

    private static Instant instant(LocalDateTime time) {
        // Spring Batch records the local time of the JVM that ran the job, on this host the same zone as this one.
        return time == null ? Instant.EPOCH : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static int indexOf(List<JobExecution> chain, long id) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).getId() == id) {
                return i;
            }
        }
        return -1;
    }

    private Optional<BulkIssueInput> input(JobExecution execution) {
        if (SkipReport.validRows(execution) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BulkIssueInput(execution.getJobParameters(), catalog,
                    new RecipientLists(settings.maxRows(), settings.maxListBytes()), issuer, archive));
        } catch (ListRefused gone) {
            return Optional.empty();
        }
    }
}
