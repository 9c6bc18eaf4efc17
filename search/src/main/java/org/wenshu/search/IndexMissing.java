package org.wenshu.search;

/** There is no search index where one was expected (索引不存在). */
public final class IndexMissing extends RuntimeException {

    public IndexMissing(String directory) {
        super("索引不存在 (no search index at " + directory + "): import or index records first");
    }
}
