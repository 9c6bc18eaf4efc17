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

    public RowsRefused(String kind, String message, List<RowProblem> problems) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public String kind() {
        return kind;
    }

    /** The rows at fault: row, column, reason. */
    public List<RowProblem> problems() {
        return problems;
    }
}
