package org.wenshu.search;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Work run beside the calling thread's own: handed to a pool when it starts, taken back by the caller if no pool
 * thread has started it by the time the caller asks for its result. A search's dense side runs so beside its word
 * side: on an idle machine the two overlap; on a busy one the caller runs both, one after the other, and never
 * waits for a pool thread.
 *
 * @param <T> the result
 */
final class Beside<T> implements AutoCloseable {

    private final FutureTask<T> task;

    private Beside(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /**
     * Starts {@code work} on {@code pool} if the pool takes it (a pool that discards or rejects it leaves it to the
     * caller). The caller must {@link #close()} it before it frees what the work uses (a searcher).
     */
    static <T> Beside<T> start(Callable<T> work, Executor pool) {
        Beside<T> beside = new Beside<>(work);
        try {
            pool.execute(beside.task);
        } catch (RejectedExecutionException e) {
            // The pool is closing: the caller runs it.
        }
        return beside;
    }

    /**
     * The result, computed on the calling thread if no pool thread has started the work, else awaited.
     *
     * @throws IOException what the work threw, as it threw it (so are unchecked exceptions and errors)
     */
    T get() throws IOException {
        task.run(); // does nothing when a pool thread runs it or ran it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a search's dense side", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Returns once the work is done (running it here if nobody started it), whatever its outcome. */
    @Override
    public void close() {
        try {
            get();
        } catch (IOException | RuntimeException e) {
            // The caller has failed already or has its result; the work no longer uses what it was given.
        }
    }
}
