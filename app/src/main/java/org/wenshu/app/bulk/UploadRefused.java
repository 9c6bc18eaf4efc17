package org.wenshu.app.bulk;

/**
 * A bulk-issue upload cannot be used at all (a missing or unreadable file, an encoding, a list too large, a header
 * that names no field); nothing was issued. {@code field} names the part at fault: {@code list}, {@code data},
 * {@code type} or {@code upload}.
 */
public final class UploadRefused extends RuntimeException {

    private final String field;

    public UploadRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field or multipart part at fault. */
    public String field() {
        return field;
    }
}
