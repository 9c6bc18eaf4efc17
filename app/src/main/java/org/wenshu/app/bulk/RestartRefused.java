package org.wenshu.app.bulk;

import java.util.Optional;

/**
 * A bulk issue cannot be resumed (继续发文): it runs, it completed, or another execution resumed it already.
 *
 * @param kind  {@code running}, {@code completed}, {@code continued} or {@code refused}
 * @param where the execution to look at instead (the running or completed one, or the continuation), if any
 */
public final class RestartRefused extends RuntimeException {

    private final String kind;
    private final Long where;

    RestartRefused(String kind, String message, Optional<Long> where) {
        super(message);
        this.kind = kind;
        this.where = where.orElse(null);
    }

    /** Why: {@code running}, {@code completed}, {@code continued} or {@code refused}. */
    public String kind() {
        return kind;
    }

    /** The execution to look at instead, if any. */
    public Optional<Long> where() {
        return Optional.ofNullable(where);
    }
}
