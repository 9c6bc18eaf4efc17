package org.wenshu.batch.bulk;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.wenshu.batch.IndexFollower;
import org.wenshu.search.RecordIndex;

/**
 * Writes a chunk of issued rows to the search index: the instruments are already committed in the archive, so
 * the index catches up from the archive's change log, on a thread of its own while the next chunk renders (a
 * catch-up that lags only delays searchability; the next one, or the final one when the step ends, applies what
 * it missed). While the step runs, the background embedding of passage vectors is held back so that rendering and
 * signing have the cores; the vectors follow once the step ends.
 */
class IndexIssued implements ItemWriter<IssuedRow>, ItemStream {

    static final String INDEX_NANOS = "wenshu.nanos.index";

    private final IndexFollower index;
    private final RecordIndex.Hold hold;
    private final LongAdder nanos = new LongAdder();
    private ExecutorService follower;
    private Future<?> pending;

    IndexIssued(IndexFollower index, RecordIndex.Hold hold) {
        this.index = index;
        this.hold = hold;
    }

    @Override
    public void write(Chunk<? extends IssuedRow> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (pending == null || pending.isDone()) {
            // One catch-up at a time: a running one is followed by the next chunk's (or the final one).
            pending = follower.submit(this::catchUp);
        }
    }

    private void catchUp() {
        long start = System.nanoTime();
        index.catchUp();
        nanos.add(System.nanoTime() - start);
    }

    @Override
    public void open(ExecutionContext context) {
        nanos.reset();
        nanos.add(context.getLong(INDEX_NANOS, 0L));
        follower = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "wenshu-bulk-index");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(INDEX_NANOS, nanos.sum());
    }

    /** Waits for the running catch-up, applies what is left, and lets the embedding go on. */
    @Override
    public void close() {
        try {
            if (pending != null) {
                pending.get();
            }
            catchUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // The archive keeps the changes: the next catch-up (a later job, the server's follower) applies them.
        } finally {
            follower.shutdown();
            hold.close();
        }
    }
}
