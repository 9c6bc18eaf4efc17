package org.wenshu.app.instruments;

import java.util.List;
import java.util.stream.Collectors;

import org.wenshu.archive.uploads.FileRefused;

/** One or more files of a response were refused by the upload checks; each refusal names its file and the reason. */
public final class FilesRefused extends RuntimeException {

    private final List<FileRefused> refusals;

    public FilesRefused(List<FileRefused> refusals) {
        super(refusals.size() + " 个文件被拒收：" + refusals.stream().map(FileRefused::getMessage)
                .collect(Collectors.joining("；")));
        this.refusals = List.copyOf(refusals);
    }

    /** Every refused file, in upload order. */
    public List<FileRefused> refusals() {
        return refusals;
    }
}
