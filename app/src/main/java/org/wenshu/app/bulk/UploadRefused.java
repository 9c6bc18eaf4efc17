package org.wenshu.app.bulk;

import java.util.List;

import org.wenshu.templates.FieldInvalid;

/**
 * A bulk-issue upload cannot be used at all (a missing or unreadable file, an encoding, a list too large, a header
 * that names no field, base data no row can correct); nothing was issued. {@code field} names the part at fault:
 * {@code list}, {@code data}, {@code type}, {@code encoding}, {@code skipLimit} or {@code upload}.
 */
public final class UploadRefused extends RuntimeException {

    private final String field;
    private final String kind;
    private final boolean namingGb18030Helps;
    private final transient List<FieldInvalid> dataProblems;

    public UploadRefused(String field, String message) {
        this(field, null, message, false, List.of());
    }

    /** As {@link #UploadRefused(String, String)}, with the API's problem type when the part's default does not fit. */
    public UploadRefused(String field, String kind, String message) {
        this(field, kind, message, false, List.of());
    }

    /** @param dataProblems the base data's fields at fault (part {@code data}), each with its reason */
    public UploadRefused(String field, String message, List<FieldInvalid> dataProblems) {
        this(field, null, message, false, dataProblems);
    }

    /**
     * @param namingGb18030Helps true for a CSV list that is not UTF-8 but decodes as GB18030: the page and the API each
     *                           add how to name that encoding through them ({@link #message(String)})
     */
    UploadRefused(String field, String message, boolean namingGb18030Helps) {
        this(field, null, message, namingGb18030Helps, List.of());
    }

    private UploadRefused(String field, String kind, String message, boolean namingGb18030Helps,
                          List<FieldInvalid> dataProblems) {
        super(message);
        this.field = field;
        this.kind = kind;
        this.namingGb18030Helps = namingGb18030Helps;
        this.dataProblems = List.copyOf(dataProblems);
    }

    /** The problem type to answer with, if not the one the part at fault implies. */
    public java.util.Optional<String> kind() {
        return java.util.Optional.ofNullable(kind);
    }

    /** The form field or multipart part at fault. */
    public String field() {
        return field;
    }

    /** The message, ending with {@code hint} (how to name the encoding GB18030 where the user is) when that helps. */
    public String message(String hint) {
        return namingGb18030Helps ? getMessage() + hint : getMessage();
    }

    /** The fields of the base data at fault; empty when the part as a whole is (or another part is). */
    public List<FieldInvalid> dataProblems() {
        return dataProblems;
    }
}
