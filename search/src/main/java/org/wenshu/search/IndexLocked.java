package org.wenshu.search;

/**
 * Another process writes the search index (索引被占用): Lucene allows one {@code IndexWriter} per index directory,
 * guarded by its {@code write.lock} file. Searching beside it stays possible through
 * {@link LuceneRecordIndex#openReadOnly}.
 */
public final class IndexLocked extends RuntimeException {

    private final String directory;

    public IndexLocked(String directory, Throwable cause) {
        super("检索索引正被另一个 wenshu 进程写入（例如正在运行的 wenshu serve）", cause);
        this.directory = directory;
    }

    /** The index directory. */
    public String directory() {
        return directory;
    }
}
