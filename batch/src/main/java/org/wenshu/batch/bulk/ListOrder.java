package org.wenshu.batch.bulk;

import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers a bulk list's rows in list order although a chunk's rows are issued on several threads: the reader enters
 * each row as it reads it (one thread, in list order, each row then handed to a thread of its own), and a row reserves
 * its 发文字号 only when every row read before it has reserved its own or left (reported, issued before, failed). Only
 * the reservation waits; rendering and sealing stay parallel. Thread-safe.
 *
 * <p>A row that waits longer than {@code patience} (a row ahead of it never left, which the step's contract rules out)
 * goes ahead out of order, with a warning, rather than hang the job; the rows ahead of it are given up on, so the
 * rows after it do not wait again. Not final: the step scope proxies it.
 */
class ListOrder {

    private static final Logger log = LoggerFactory.getLogger(ListOrder.class);

    /** Row numbers (1-based, the header being row 1) read and not yet past their reservation. Guarded by this. */
    private final TreeSet<Integer> ahead = new TreeSet<>();
    private final long patienceNanos;

    /** @param patience the longest a row waits for the rows read before it; positive */
    ListOrder(Duration patience) {
        if (patience.isNegative() || patience.isZero()) {
            throw new IllegalArgumentException("patience must be positive: " + patience);
        }
        this.patienceNanos = patience.toNanos();
    }

    /** Row {@code row} has been read: rows read after it wait until it {@link #pass passes}. */
    synchronized void read(int row) {
        ahead.add(row);
    }

    /**
     * Blocks until every row read before {@code row} has passed, or the patience is spent.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    synchronized void awaitTurn(int row) throws InterruptedException {
        long deadline = System.nanoTime() + patienceNanos;
        while (!ahead.isEmpty() && ahead.first() < row) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("Bulk row {} waited {} s for row {} to take its number; it goes ahead out of list order", row,
                        TimeUnit.NANOSECONDS.toSeconds(patienceNanos), ahead.first());
                // The rows ahead are given up on, so that the rows after this one do not each wait as long again.
                ahead.headSet(row).clear();
                notifyAll();
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Row {@code row} has its number or will take none: the rows after it may go. Idempotent. */
    synchronized void pass(int row) {
        if (ahead.remove(row)) {
            notifyAll();
        }
    }
}
