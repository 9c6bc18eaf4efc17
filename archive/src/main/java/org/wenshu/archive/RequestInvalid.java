package org.wenshu.archive;

/** A request with a missing or malformed value, naming which one. */
public final class RequestInvalid extends ArchiveRefusal {

    public RequestInvalid(String message) {
        super(message);
    }
}
