package org.wenshu.archive.uploads;

/** An uploaded file that is not accepted, with the reason in Chinese for the person who uploaded it. */
public final class FileRefused extends RuntimeException {

    private final String fileName;
    private final String reason;

    public FileRefused(String fileName, String reason) {
        super("文件「" + fileName + "」被拒收: " + reason);
        this.fileName = fileName;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    public String reason() {
        return reason;
    }
}
