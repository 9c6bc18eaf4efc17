package org.wenshu.archive;

/** A request with a missing or malformed value, naming which one. */
public final class RequestInvalid extends ArchiveRefusal {

    public RequestInvalid(String message) {
        super(message);
    }

    static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new RequestInvalid("缺少" + what);
        }
    }
}
