package org.wenshu.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.wenshu.search.semantic.Passages;
import org.wenshu.search.semantic.SentenceEmbedder;

/**
 * Embeds the passages of written records in the background (向量队列), one record per thread and one thread per
 * core, and hands the vectors to {@link Sink}: the record is searchable by its words at once, by its meaning once
 * its vectors are in. A record written again before its vectors are applied is embedded again; the sink drops
 * vectors of a superseded write.
 */
final class VectorQueue implements AutoCloseable {

    /** Receives the vectors of one write of a record, one per passage, in passage order. */
    interface Sink {
        void apply(IndexedRecord record, long sequence, List<float[]> vectors);
    }

    private final SentenceEmbedder embedder;
    private final Sink sink;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong passages = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    /** Holds on the embedding (a foreground bulk job runs); guarded by itself. */
    private final int[] holds = new int[1];
    /** Set by {@link #close()}: queued records are left for the next start, the record in hand is finished. */
    private volatile boolean closing;

    VectorQueue(SentenceEmbedder embedder, Sink sink, int threads) {
        this.embedder = embedder;
        this.sink = sink;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread thread = new Thread(r, "wenshu-search-vectors-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    /** Queues the write {@code sequence} of {@code record}. */
    void submit(IndexedRecord record, long sequence) {
        pending.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    if (!awaitRelease()) {
                        return; // closing: the next start embeds what is still pending
                    }
                    List<float[]> vectors = new ArrayList<>();
                    for (String passage : Passages.of(record.title(), record.body())) {
                        vectors.add(embedder.embedPassage(passage));
                    }
                    passages.addAndGet(vectors.size());
                    sink.apply(record, sequence, vectors);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closing: the next start embeds what is still pending
                } catch (RuntimeException e) {
                    // The record stays findable by its words and marked pending: the next start embeds it again.
                    failures.incrementAndGet();
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /**
     * Holds the embedding back until as many {@link #release()} calls: Java thread priorities mean nothing to Linux's
     * scheduler, so a low priority alone would not leave the cores to a bulk job.
     */
    void hold() {
        synchronized (holds) {
            holds[0]++;
        }
    }

    /** Ends one {@link #hold()}; the embedding goes on when none is left. */
    void release() {
        synchronized (holds) {
            holds[0] = Math.max(0, holds[0] - 1);
            holds.notifyAll();
        }
    }

    /** Waits while the embedding is held; false when the queue is closing instead. */
    private boolean awaitRelease() throws InterruptedException {
        synchronized (holds) {
            while (holds[0] > 0 && !closing) {
                holds.wait();
            }
        }
        return !closing;
    }

    /** Records waiting for or being embedded. */
    int pending() {
        return pending.get();
    }

    /** Passages embedded since start. */
    long embeddedPassages() {
        return passages.get();
    }

    /** Records whose embedding failed since start. */
    int failures() {
        return failures.get();
    }

    /** Waits until nothing is pending; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Stops embedding: the records still queued are dropped (they stay marked pending in the index), a worker that
     * holds a record finishes it. The workers are never interrupted: a worker applies its vectors inside Lucene's
     * IndexWriter, and an interrupt there closes the NIO channel it writes through, or the channel of the index's
     * write lock shared by every thread, so that a merge running at the same time fails with a
     * ClosedChannelException (Lucene does not support Thread.interrupt inside IndexWriter).
     */
    @Override
    public void close() {
        closing = true;
        synchronized (holds) {
            holds.notifyAll();
        }
        workers.shutdown(); // each queued task sees closing and returns at once
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the vector queue's workers did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
