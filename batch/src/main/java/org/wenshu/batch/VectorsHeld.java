package org.wenshu.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.search.RecordIndex;

/**
 * Holds back the background embedding of passage vectors while a job runs (reindex, import), as bulk-issue does while
 * it issues: the embedding (bge-small-zh, several times the CPU of indexing the words) would take the cores the job
 * needs; the records stay queued and are embedded once the job ends. Where another process (a running server) owns
 * the index, its own follower embeds and there is nothing to hold here.
 */
public final class VectorsHeld implements JobExecutionListener {

    private final ObjectProvider<RecordIndex> index;
    private final Map<Long, RecordIndex.Hold> holds = new ConcurrentHashMap<>();

    public VectorsHeld(ObjectProvider<RecordIndex> index) {
        this.index = index;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        RecordIndex.Hold hold;
        try {
            hold = index.getObject().holdVectors();
        } catch (RuntimeException elsewhere) {
            return; // the index belongs to another process, which embeds on its own
        }
        RecordIndex.Hold earlier = holds.put(execution.getId(), hold);
        if (earlier != null) {
            earlier.close();
        }
    }

    /** Lets the embedding go on, whatever the job's outcome. */
    @Override
    public void afterJob(JobExecution execution) {
        RecordIndex.Hold hold = holds.remove(execution.getId());
        if (hold != null) {
            hold.close();
        }
    }
}
