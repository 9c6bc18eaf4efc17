package org.wenshu.search;

/**
 * There is no search index where one was expected (索引不存在): never built, or deleted by hand. The message, for
 * the user, says how to rebuild it without naming the directory; {@link #directory()} is for the log.
 */
public final class IndexMissing extends RuntimeException {

    private final String directory;

    public IndexMissing(String directory) {
        super("还没有检索索引（未建立或已被删除）：运行 wenshu batch reindex 从档案重建；wenshu serve 启动时也会自动重建");
        this.directory = directory;
    }

    /** The directory where the index was expected. */
    public String directory() {
        return directory;
    }
}
