package org.wenshu.batch.reindex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordSource;

/**
 * A record source whose records reach the sink on {@code threads} threads at once: reading the archive stays
 * sequential (cheap), while the sink's work (Chinese analysis and indexing, the cost of a rebuild) runs on all cores.
 * The sink must be thread-safe, as Lucene's IndexWriter is.
 */
public final class ParallelRecordSource implements RecordSource {

    /** Tells a worker that no more records come. */
    private static final Object END = new Object();

    private final RecordSource source;
    private final int threads;
    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    public ParallelRecordSource(RecordSource source, int threads) {
        this.source = source;
        this.threads = Math.max(1, threads);
    }

    @Override
    public void forEachRecord(Consumer<IndexedRecord> sink) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64 * threads);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    for (Object next = queue.take(); next != END; next = queue.take()) {
                        IndexedRecord record = (IndexedRecord) next;
                        if (failure.get() == null) {
                            sink.accept(record);
                            records.increment();
                            bytes.add(size(record));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    queue.clear(); // unblock the reader; it stops at the next record
                }
            }, "wenshu-reindex-" + i);
            worker.start();
            workers.add(worker);
        }
        try {
            source.forEachRecord(record -> {
                if (failure.get() != null) {
                    throw failure.get();
                }
                put(queue, record);
            });
        } finally {
            for (int i = 0; i < threads; i++) {
                if (failure.get() != null) {
                    queue.clear();
                }
                put(queue, END);
            }
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Records passed to the sink so far. */
    public long records() {
        return records.sum();
    }

    /** UTF-8 bytes of the titles and texts passed to the sink so far. */
    public long bytes() {
        return bytes.sum();
    }

    private static long size(IndexedRecord record) {
        return (record.title() == null ? 0 : record.title().getBytes(StandardCharsets.UTF_8).length)
                + (record.body() == null ? 0 : record.body().getBytes(StandardCharsets.UTF_8).length);
    }

    private static void put(BlockingQueue<Object> queue, Object record) {
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reindex interrupted", e);
        }
    }
}
