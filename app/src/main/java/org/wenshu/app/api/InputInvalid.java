package org.wenshu.app.api;

/** One value of an API request is missing or malformed (HTTP 400); the message (Chinese) says what to send instead. */
public final class InputInvalid extends RuntimeException {

    private final String field;

    public InputInvalid(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field, parameter or part at fault, as the client named it. */
    public String field() {
        return field;
    }
}
