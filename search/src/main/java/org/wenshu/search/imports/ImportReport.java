package org.wenshu.search.imports;

import java.util.List;

/**
 * What an import did (导入结果).
 *
 * @param added     new texts stored and indexed
 * @param replaced  texts whose file changed since the last import (the old version is no longer found)
 * @param unchanged files already indexed with the same content
 * @param skipped   files not imported, with the reason (unsupported type, no text)
 * @param failed    files that could not be read or parsed, with the reason
 * @param bytes     bytes read from supported files
 * @param millis    wall time
 */
public record ImportReport(int added, int replaced, int unchanged, List<Problem> skipped, List<Problem> failed,
        long bytes, long millis) {

    public ImportReport {
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }

    /** A file and what kept it out. */
    public record Problem(String source, String reason) {
    }

    /** Megabytes per second read and indexed. */
    public double megabytesPerSecond() {
        return millis == 0 ? 0 : bytes / 1e6 / (millis / 1000.0);
    }
}
