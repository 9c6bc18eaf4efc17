package org.wenshu.batch;

/**
 * Tuning of the batch jobs.
 *
 * @param threads      rows issued (rendered, signed, stored) at once; the number of cores by default
 * @param chunkSize    rows per chunk (one commit of the job's progress, one index catch-up)
 * @param maxRows      the most data rows a recipient list may have
 * @param maxListBytes the largest recipient list file accepted, in bytes
 * @param skipLimit    the most bad rows skipped before bulk-issue gives up without issuing (default of
 *                     {@code skipLimit=N})
 */
public record BatchSettings(int threads, int chunkSize, int maxRows, long maxListBytes, int skipLimit) {

    public BatchSettings {
        if (threads < 1 || chunkSize < 1 || maxRows < 1 || maxListBytes < 1 || skipLimit < 0) {
            throw new IllegalArgumentException("wenshu.batch: threads, chunk-size, max-rows and max-list-size must be "
                    + "positive and skip-limit not negative");
        }
    }

    /**
     * Defaults: all cores, chunks of {@link #ROWS_PER_THREAD} rows per thread, 10,000 rows of at most 20 MB, 50 bad
     * rows.
     */
    public static BatchSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new BatchSettings(cores, ROWS_PER_THREAD * cores, 10_000, 20L * 1024 * 1024, 50);
    }

    /**
     * Rows per thread in a chunk by default: the threads wait for the chunk's slowest row at its end, so longer chunks
     * keep the cores busier; a killed chunk costs nothing twice (its rows are found by their keys).
     */
    public static final int ROWS_PER_THREAD = 8;
}
