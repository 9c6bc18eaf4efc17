package org.wenshu.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.wenshu.archive.Archive;
import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.InstrumentProducer;
import org.wenshu.archive.IssueRequest;
import org.wenshu.batch.IndexFollower;
import org.wenshu.batch.InstrumentIssuer;
import org.wenshu.batch.bulk.BulkIssueInput;
import org.wenshu.batch.bulk.BulkRows;
import org.wenshu.batch.bulk.RecipientTable;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.FieldValues;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

/**
 * The two rates {@code wenshu bench batch} holds bulk-issue against, over the rows of the same recipient list. The
 * pipeline ceiling does each row's work exactly as bulk-issue's step does it (validate the row, reserve the number,
 * render with the verification mark, seal, store, commit, index the archive's changes once per chunk on a thread of
 * its own) on the same number of threads, without Spring Batch: what bulk-issue would reach if the batch cost nothing.
 * Render only is what {@code wenshu bench render} counts: template and PDF/A of each row, without number, mark, seal,
 * storage or index.
 */
final class BulkIssueReferences {

    private final Archive archive;
    private final InstrumentIssuer issuer;
    private final IndexFollower index;
    private final TemplateRenderer templates;
    private final PdfRenderer pdf;

    BulkIssueReferences(Archive archive, InstrumentIssuer issuer, IndexFollower index, TemplateRenderer templates,
                        PdfRenderer pdf) {
        this.archive = archive;
        this.issuer = issuer;
        this.index = index;
        this.templates = templates;
        this.pdf = pdf;
    }

    /**
     * Issues {@code rows} of {@code input} on {@code threads} threads, catching the index up after every
     * {@code chunkSize} rows (one catch-up at a time, as bulk-issue's writer does) and once at the end. The rows are
     * issued under keys of their own, so they become new instruments even when bulk-issue issued the same list.
     *
     * @throws IllegalStateException when a row is invalid or its issuing fails
     */
    BenchPhase ceiling(BulkIssueInput input, List<RecipientTable.Row> rows, int threads, int chunkSize)
            throws InterruptedException {
        ExecutorService follower = Executors.newSingleThreadExecutor();
        Object lock = new Object();
        Future<?>[] pending = {null};
        BenchPhase.Clock clock = new BenchPhase.Clock();
        IntConsumer issued = done -> {
            if (done % chunkSize == 0) {
                synchronized (lock) {
                    if (pending[0] == null || pending[0].isDone()) {
                        pending[0] = follower.submit(index::catchUp);
                    }
                }
            }
        };
        try {
            int done = onThreads(rows, threads, row -> issue(input, row), issued);
            synchronized (lock) {
                if (pending[0] != null) {
                    pending[0].get();
                }
            }
            index.catchUp();
            return clock.stop(done);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pipeline ceiling: " + e.getCause().getMessage(), e.getCause());
        } finally {
            follower.shutdown();
        }
    }

    private void issue(BulkIssueInput input, RecipientTable.Row row) {
        BulkRows.Checked checked = input.rows().check(row);
        IssueRequest request = checked.request().orElseThrow(() -> new IllegalStateException("row " + row.number()
                + " is invalid: " + checked.problems())).withKey("bench:" + BulkRows.sha256("pipeline ceiling\n"
                + input.key(row)));
        archive.issue(request, InstrumentProducer.printingCode((number, code) ->
                issuer.sign(request, issuer.render(request, number, code))));
    }

    /**
     * Renders every row of {@code input} (template + PDF/A, its fields validated beforehand as bench render's sample
     * is) on {@code threads} threads.
     */
    BenchPhase renderOnly(BulkIssueInput input, int threads) throws InterruptedException {
        List<FieldValues> values = new ArrayList<>();
        int serial = 0;
        for (RecipientTable.Row row : input.table().rows()) {
            IssueRequest request = input.rows().check(row).request().orElseThrow();
            Map<String, Object> fields = new LinkedHashMap<>(request.fields());
            fields.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD,
                    new DocumentNumber(request.numberPrefix(), request.year(), ++serial).text());
            values.add(input.type().validate(fields));
        }
        BenchPhase.Clock clock = new BenchPhase.Clock();
        try {
            int done = onThreads(values, threads, v -> pdf.render(templates.render(v)), d -> { });
            return clock.stop(done);
        } catch (ExecutionException e) {
            throw new IllegalStateException("render only: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Pages of the first row rendered as bulk-issue prints it. */
    int pages(BulkIssueInput input) {
        RecipientTable.Row first = input.table().rows().get(0);
        IssueRequest request = input.rows().check(first).request().orElseThrow();
        Map<String, Object> fields = new LinkedHashMap<>(request.fields());
        fields.put(InstrumentCatalog.DOCUMENT_NUMBER_FIELD, new DocumentNumber(request.numberPrefix(), request.year(), 1).text());
        return pdf.render(templates.render(input.type().validate(fields))).pages();
    }

    /** Does {@code work} for every item on {@code threads} threads, telling {@code done} the running count; returns it. */
    private static <T> int onThreads(List<T> items, int threads, java.util.function.Consumer<T> work, IntConsumer done)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        work.accept(items.get(i));
                        done.accept(finished.incrementAndGet());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return finished.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
