package org.wenshu.search;

/** The index on disk was written with another schema version and must be rebuilt before it is searched. */
public final class IndexSchemaMismatch extends RuntimeException {

    public IndexSchemaMismatch(String directory, String found, int expected) {
        super("检索索引是另一版本写的（索引结构 " + found + "，本版本需要 " + expected
                + "）：运行 wenshu batch reindex 从档案重建；wenshu serve 启动时也会自动重建");
    }
}
