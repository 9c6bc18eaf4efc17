package org.wenshu.search.imports;

import java.io.IOException;

/**
 * Where imported files are stored before they are indexed (导入存储): the archive, once wired. Called at most once
 * per new content; must be idempotent for the same {@link ImportedFile#sha256()}.
 */
@FunctionalInterface
public interface ImportSink {

    /** Stores nothing: the index alone knows the imported texts (until the archive is wired). */
    ImportSink NONE = file -> { };

    /** Stores {@code file} durably; the file is indexed only after this returns. */
    void store(ImportedFile file) throws IOException;
}
