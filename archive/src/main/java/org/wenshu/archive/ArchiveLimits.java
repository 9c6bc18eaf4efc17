package org.wenshu.archive;

import org.wenshu.archive.uploads.UploadLimits;

/** Per-response limits (file count, total size) and the per-file limits of the upload inspection. */
public record ArchiveLimits(int maxFilesPerResponse, long maxResponseBytes, UploadLimits files) {

    /** Ten files, 50 MiB per response, and {@link UploadLimits#defaults()}. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(10, 50L << 20, UploadLimits.defaults());
    }
}
