package org.wenshu.app.bulk;

/**
 * A bulk-issue upload cannot be used at all (a missing or unreadable file, an encoding, a list too large, a header
 * that names no field); nothing was issued. {@code field} names the part at fault: {@code list}, {@code data},
 * {@code type} or {@code upload}.
 */
public final class UploadRefused extends RuntimeException {

    private final String field;
    private final String kind;

    public UploadRefused(String field, String message) {
        this(field, null, message);
    }

    /** As {@link #UploadRefused(String, String)}, with the API's problem type when the part's default does not fit. */
    public UploadRefused(String field, String kind, String message) {
        super(message);
        this.field = field;
        this.kind = kind;
    }

    /** The problem type to answer with, if not the one the part at fault implies. */
    public java.util.Optional<String> kind() {
        return java.util.Optional.ofNullable(kind);
    }

    /** The form field or multipart part at fault. */
    public String field() {
        return field;
    }
}
