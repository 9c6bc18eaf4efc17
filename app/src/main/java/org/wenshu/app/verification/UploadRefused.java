package org.wenshu.app.verification;

import org.springframework.http.HttpStatus;

/** An upload to the public verification that is not looked at, with the status and kind of its problem document. */
public final class UploadRefused extends RuntimeException {

    private final HttpStatus status;
    private final String kind;

    public UploadRefused(HttpStatus status, String kind, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem kind, e.g. {@code not-pdf}. */
    public String kind() {
        return kind;
    }
}
