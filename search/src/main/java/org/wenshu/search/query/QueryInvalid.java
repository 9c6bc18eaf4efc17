package org.wenshu.search.query;

/**
 * A search query that cannot be run as typed (查询语法错误); the message says what is wrong and where, in Chinese
 * with an English gloss, fit to show the user.
 */
public final class QueryInvalid extends RuntimeException {

    private final String reason;
    private final int position;

    /** {@code position} is the 0-based character index in the query where the problem starts, or -1. */
    public QueryInvalid(String reason, int position) {
        super(position >= 0 ? "查询有误 (invalid query) at character " + (position + 1) + ": " + reason
                : "查询有误 (invalid query): " + reason);
        this.reason = reason;
        this.position = position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** 0-based character index where the problem starts, or -1 when it concerns the whole query. */
    public int position() {
        return position;
    }
}
