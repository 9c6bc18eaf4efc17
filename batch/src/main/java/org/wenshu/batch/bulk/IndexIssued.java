package org.wenshu.batch.bulk;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.wenshu.batch.IndexFollower;

/**
 * Writes a chunk of issued rows to the search index: the instruments are already committed in the archive, so
 * the index catches up from the archive's change log once per chunk (a lagging index is caught up later).
 */
class IndexIssued implements ItemWriter<IssuedRow>, ItemStream {

    static final String INDEX_NANOS = "wenshu.nanos.index";

    private final IndexFollower index;
    private final LongAdder nanos = new LongAdder();

    IndexIssued(IndexFollower index) {
        this.index = index;
    }

    @Override
    public void write(Chunk<? extends IssuedRow> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        index.catchUp();
        nanos.add(System.nanoTime() - start);
    }

    @Override
    public void open(ExecutionContext context) {
        nanos.reset();
        nanos.add(context.getLong(INDEX_NANOS, 0L));
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(INDEX_NANOS, nanos.sum());
    }
}
