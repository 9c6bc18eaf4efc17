package org.wenshu.search;

import java.util.function.Consumer;

/** Where a rebuild reads every record from: the archive, the source of truth (重建来源). */
@FunctionalInterface
public interface RecordSource {

    /** Passes every record to {@code sink}, in any order. */
    void forEachRecord(Consumer<IndexedRecord> sink);

    /** A source with no records (an index nothing can be rebuilt from yet). */
    static RecordSource empty() {
        return sink -> { };
    }
}
