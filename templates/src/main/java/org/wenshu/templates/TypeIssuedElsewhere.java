package org.wenshu.templates;

/**
 * The instrument type is issued only within its own workflow, never on its own or from a list: 会议纪要 are recorded
 * from their meeting, which links them to the notice and tracks their resolutions (议定事项).
 */
public final class TypeIssuedElsewhere extends RuntimeException {

    private final String id;

    public TypeIssuedElsewhere(String id, String message) {
        super(message);
        this.id = id;
    }

    /** The type id that was asked for. */
    public String id() {
        return id;
    }
}
