package org.wenshu.batch.reindex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RecordChange;

/**
 * Reads the records of one reindex partition: first every record the archive's change log names up to the job's
 * snapshot whose id hashes to this partition (each once, in the order of its first change), then the unlogged
 * records of the partition. Restartable: the position (the last change seq, then the last unlogged id) is saved at
 * each chunk commit; a record read again after a restart is simply written again (by id) into the index part.
 */
class PartitionReader implements ItemStreamReader<RecordKey> {

    static final String CHANGE_SEQ = "reindex.changeSeq";
    /** Records read (and committed) by this partition: JobSummary's generic count of work done. */
    static final String READ = "wenshu.done";
    static final String UNLOGGED_ID = "reindex.unloggedId";
    private static final int PAGE = 1000;

    private final Archive archive;
    private final ReindexSource source;
    private final int partition;
    private final int partitions;
    private final long upTo;
    private final Set<String> seen = new HashSet<>();
    private final Deque<RecordKey> buffer = new ArrayDeque<>();
    private long fetchedSeq;
    private long readSeq;
    private boolean logDone;
    private List<String> unlogged;
    private String readUnlogged = "";
    private long read;

    PartitionReader(Archive archive, ReindexSource source, int partition, int partitions, long upTo) {
        this.archive = archive;
        this.source = source;
        this.partition = partition;
        this.partitions = partitions;
        this.upTo = upTo;
    }

    @Override
    public RecordKey read() {
        while (buffer.isEmpty() && !logDone) {
            fetchChanges();
        }
        if (!buffer.isEmpty()) {
            RecordKey key = buffer.poll();
            readSeq = key.change().seq();
            read++;
            return key;
        }
        if (unlogged == null) {
            unlogged = source.unloggedIds().stream()
                    .filter(id -> RecordKey.partitionOf(id, partitions) == partition)
                    .filter(id -> id.compareTo(readUnlogged) > 0)
                    .sorted().toList();
        }
        for (String id : unlogged) {
            if (id.compareTo(readUnlogged) > 0) {
                readUnlogged = id;
                read++;
                return RecordKey.unlogged(id);
            }
        }
        return null;
    }

    private void fetchChanges() {
        List<RecordChange> page = archive.changesSince(fetchedSeq, PAGE);
        for (RecordChange change : page) {
            if (change.seq() > upTo) {
                logDone = true;
                return;
            }
            fetchedSeq = change.seq();
            if (RecordKey.partitionOf(change.recordId(), partitions) == partition && seen.add(change.recordId())) {
                buffer.add(RecordKey.logged(change));
            }
        }
        if (page.size() < PAGE || fetchedSeq >= upTo) {
            logDone = true;
        }
    }

    @Override
    public void open(ExecutionContext context) {
        readSeq = context.getLong(CHANGE_SEQ, 0L);
        read = context.getLong(READ, 0L);
        fetchedSeq = readSeq;
        readUnlogged = context.containsKey(UNLOGGED_ID) ? context.getString(UNLOGGED_ID) : "";
        logDone = !readUnlogged.isEmpty();
        buffer.clear();
        seen.clear();
        unlogged = null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(CHANGE_SEQ, readSeq);
        context.putString(UNLOGGED_ID, readUnlogged);
        context.putLong(READ, read);
    }
}
