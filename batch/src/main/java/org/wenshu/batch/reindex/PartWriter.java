package org.wenshu.batch.reindex;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.wenshu.search.IndexedRecord;
import org.wenshu.search.RecordIndex;

/**
 * Writes a reindex partition's records into its part of the new index generation and commits the part before the
 * chunk's transaction commits the reader's position: after a kill, the part holds at least every record the saved
 * position says was read (and perhaps a few more, which the restart writes again by id).
 */
class PartWriter implements ItemStreamWriter<List<IndexedRecord>> {

    /** Index records written (a record with its responses or reports makes several). */
    static final String RECORDS = "reindex.indexed";
    static final String BYTES = "reindex.bytes";
    static final String NANOS = "reindex.nanos";

    private final RecordIndex index;
    private final String generation;
    private final String part;
    private RecordIndex.IndexPart writer;
    private long records;
    private long bytes;
    private long nanos;

    PartWriter(RecordIndex index, String generation, String part) {
        this.index = index;
        this.generation = generation;
        this.part = part;
    }

    @Override
    public void write(Chunk<? extends List<IndexedRecord>> chunk) {
        long start = System.nanoTime();
        for (List<IndexedRecord> item : chunk) {
            for (IndexedRecord record : item) {
                writer.index(record);
                records++;
                bytes += size(record.title()) + size(record.body());
            }
        }
        writer.commit();
        nanos += System.nanoTime() - start;
    }

    private static long size(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void open(ExecutionContext context) {
        records = context.getLong(RECORDS, 0L);
        bytes = context.getLong(BYTES, 0L);
        nanos = context.getLong(NANOS, 0L);
        writer = index.openPart(generation, part);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS, records);
        context.putLong(BYTES, bytes);
        context.putLong(NANOS, nanos);
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
