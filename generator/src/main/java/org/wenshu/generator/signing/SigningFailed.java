package org.wenshu.generator.signing;

/** A signature could not be made; the message names the cause (key, timestamp authority, revocation data, input). */
public class SigningFailed extends RuntimeException {

    public SigningFailed(String message) {
        super(message);
    }

    public SigningFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
