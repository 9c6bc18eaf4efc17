package org.wenshu.archive;

/** A request the archive refuses because of its input; the message says, in Chinese, what to change. */
public class ArchiveRefusal extends RuntimeException {

    public ArchiveRefusal(String message) {
        super(message);
    }
}
