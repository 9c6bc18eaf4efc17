package org.wenshu.generator.verification;

/** The input is not a PDF that can be verified: not a PDF at all, encrypted, truncated or damaged. */
public class UnreadablePdf extends RuntimeException {

    /** Why the PDF cannot be read. */
    public enum Reason { NOT_A_PDF, ENCRYPTED, TRUNCATED, DAMAGED }

    private final Reason reason;

    public UnreadablePdf(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnreadablePdf(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
