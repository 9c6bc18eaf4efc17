package org.wenshu.search;

/** The index on disk was written with another schema version and must be rebuilt before it is searched. */
public final class IndexSchemaMismatch extends RuntimeException {

    public IndexSchemaMismatch(String directory, String found, int expected) {
        super("索引需要重建 (search index at " + directory + " has schema " + found + ", this version needs "
                + expected + "): rebuild it from the archive");
    }
}
