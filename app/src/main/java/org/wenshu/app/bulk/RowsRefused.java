package org.wenshu.app.bulk;

import java.util.List;

import org.wenshu.batch.bulk.RowProblem;

/**
 * A bulk issue cannot start because of its rows; nothing was issued. {@code kind}: {@code rows-forbidden} (a row's
 * issuing unit is not the user's, HTTP 403), {@code rows-unsealed} (the issuing unit has no seal),
 * {@code too-many-bad-rows} (past the skip limit) or {@code no-valid-rows}.
 */
public final class RowsRefused extends RuntimeException {

    private final String kind;
    private final transient List<RowProblem> problems;
    private final boolean blocking;

    /**
     * @param blocking true when each of {@code problems} stops the whole upload (a row's issuing unit); false when
     *                 they are rows the job would skip, and their number or the lack of valid rows stops it
     */
    public RowsRefused(String kind, String message, List<RowProblem> problems, boolean blocking) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
        this.blocking = blocking;
    }

    public String kind() {
        return kind;
    }

    /** The rows at fault: row, column, reason. */
    public List<RowProblem> problems() {
        return problems;
    }

    /** Whether each of {@link #problems()} by itself stops the upload (else they are rows the job would skip). */
    public boolean blocking() {
        return blocking;
    }
}
