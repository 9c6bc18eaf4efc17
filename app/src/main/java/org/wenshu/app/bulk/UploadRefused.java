package org.wenshu.app.bulk;

import java.util.List;

import org.wenshu.templates.FieldInvalid;

/**
 * A bulk-issue upload cannot be used at all (a missing or unreadable file, an encoding, a list too large, a header
 * that names no field, base data no row can correct); nothing was issued. {@code field} names the part at fault:
 * {@code list}, {@code data}, {@code type} or {@code upload}.
 */
public final class UploadRefused extends RuntimeException {

    private final String field;
    private final transient List<FieldInvalid> dataProblems;

    public UploadRefused(String field, String message) {
        this(field, message, List.of());
    }

    /** @param dataProblems the base data's fields at fault (part {@code data}), each with its reason */
    public UploadRefused(String field, String message, List<FieldInvalid> dataProblems) {
        super(message);
        this.field = field;
        this.dataProblems = List.copyOf(dataProblems);
    }

    /** The form field or multipart part at fault. */
    public String field() {
        return field;
    }

    /** The fields of the base data at fault; empty when the part as a whole is (or another part is). */
    public List<FieldInvalid> dataProblems() {
        return dataProblems;
    }
}
