package org.wenshu.batch.bulk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The row-by-row check of a recipient list before anything is issued (校验名单): the validation step of bulk-issue
 * and the web page's preview run this same check, so what the office sees before confirming is what the job skips.
 *
 * @param rows          the data rows of the list (blank rows left out)
 * @param valid         rows that would be issued
 * @param problems      why each bad row would be skipped (row, column, reason), in row order
 * @param badRows       rows with at least one problem (a row may have several)
 * @param stoppedEarly  true when checking stopped after more than the skip limit of bad rows: the job would issue
 *                      nothing, and rows after the last problem were not checked
 * @param alreadyIssued valid rows asking for instruments issued before (by another list, or an earlier version of
 *                      this one): not problems and not counted in {@code valid}, since they will not be issued again
 */
public record ListValidation(int rows, int valid, List<RowProblem> problems, int badRows, boolean stoppedEarly,
                             List<AlreadyIssued> alreadyIssued) {

    public ListValidation {
        problems = List.copyOf(problems);
        alreadyIssued = List.copyOf(alreadyIssued);
    }

    /** Finds the instrument issued before that a valid row asks for, as told to the one who validates. */
    @FunctionalInterface
    public interface IssuedBefore {

        /** The row's earlier instrument, if there is one; called for valid rows only. */
        Optional<AlreadyIssued> find(BulkRows.Checked valid);

        /** For a check that does not look (the job's own validation step looks again at issue time). */
        IssuedBefore NONE = valid -> Optional.empty();
    }

    /** Checks every row as the job would, without a further check of the rows. */
    public static ListValidation of(RecipientTable table, BulkRows rows, long skipLimit) {
        return of(table, rows, skipLimit, (row, checked) -> List.of());
    }

    /**
     * Checks every row: a row identical to an earlier one is a duplicate, every other row is checked by
     * {@link BulkRows#check} and its outcome then given to {@code guard}, whose problems (e.g. the caller may not
     * issue for the row's issuing unit) are added to the row's own and make it bad as well.
     *
     * @param skipLimit the most bad rows tolerated; checking stops at the first bad row past it
     */
    public static ListValidation of(RecipientTable table, BulkRows rows, long skipLimit,
                                    BiFunction<RecipientTable.Row, BulkRows.Checked, List<RowProblem>> guard) {
        return of(table, rows, skipLimit, guard, IssuedBefore.NONE);
    }

    /**
     * As {@link #of(RecipientTable, BulkRows, long, BiFunction)}, and each row valid after the guard is looked up by
     * {@code issuedBefore}: a row found there is reported in {@link #alreadyIssued} instead of counted as valid.
     */
    public static ListValidation of(RecipientTable table, BulkRows rows, long skipLimit,
                                    BiFunction<RecipientTable.Row, BulkRows.Checked, List<RowProblem>> guard,
                                    IssuedBefore issuedBefore) {
        return of(table, skipLimit, guard, issuedBefore, rows::contentHash, index -> rows.check(table.rows().get(index)));
    }

    /**
     * As {@link #of(RecipientTable, BulkRows, long)}, with the rows checked on {@code threads} threads (a row's check
     * runs the template and the font coverage check, as issuing does); the outcome is the same as checking them one
     * by one: problems in row order, stopping at the first bad row past the skip limit.
     */
    public static ListValidation of(RecipientTable table, BulkRows rows, long skipLimit, int threads) {
        return of(table, rows, skipLimit, threads, IssuedBefore.NONE);
    }

    /**
     * As {@link #of(RecipientTable, BulkRows, long, int)}, with the valid rows looked up by {@code issuedBefore} (in
     * row order, on the calling thread) as {@link #of(RecipientTable, BulkRows, long, BiFunction, IssuedBefore)} does.
     */
    public static ListValidation of(RecipientTable table, BulkRows rows, long skipLimit, int threads,
                                    IssuedBefore issuedBefore) {
        if (threads <= 1 || table.rows().size() < 2) {
            return of(table, rows, skipLimit, (row, checked) -> List.of(), issuedBefore);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "wenshu-bulk-validate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<BulkRows.Checked>> checks = new ArrayList<>(table.rows().size());
            for (RecipientTable.Row row : table.rows()) {
                checks.add(pool.submit(() -> rows.check(row)));
            }
            return of(table, skipLimit, (row, checked) -> List.of(), issuedBefore, rows::contentHash, index -> {
                try {
                    return checks.get(index).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("validation interrupted", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            });
        } finally {
            pool.shutdownNow(); // past the skip limit, rows still queued are not checked
        }
    }

    private static ListValidation of(RecipientTable table, long skipLimit,
                                     BiFunction<RecipientTable.Row, BulkRows.Checked, List<RowProblem>> guard,
                                     IssuedBefore issuedBefore, Function<RecipientTable.Row, String> contentHash,
                                     IntFunction<BulkRows.Checked> checkRow) {
        List<RowProblem> problems = new ArrayList<>();
        List<AlreadyIssued> issued = new ArrayList<>();
        Map<String, Integer> firstWithContent = new HashMap<>();
        int bad = 0;
        int valid = 0;
        for (int index = 0; index < table.rows().size(); index++) {
            RecipientTable.Row row = table.rows().get(index);
            String hash = contentHash.apply(row);
            Integer earlier = firstWithContent.putIfAbsent(hash, row.number());
            List<RowProblem> found;
            BulkRows.Checked checked = null;
            if (earlier != null) {
                found = List.of(new RowProblem(row.number(), "", "与第 " + earlier + " 行完全相同（重复行）"));
            } else {
                checked = checkRow.apply(index);
                List<RowProblem> guarded = guard.apply(row, checked);
                found = guarded.isEmpty() ? checked.problems() : new ArrayList<>(checked.problems());
                if (!guarded.isEmpty()) {
                    found.addAll(guarded);
                }
            }
            if (found.isEmpty()) {
                Optional<AlreadyIssued> before = issuedBefore.find(checked);
                if (before.isPresent()) {
                    issued.add(before.get());
                } else {
                    valid++;
                }
                continue;
            }
            problems.addAll(found);
            bad++;
            if (bad > skipLimit) {
                return new ListValidation(table.rows().size(), valid, problems, bad, true, issued);
            }
        }
        return new ListValidation(table.rows().size(), valid, problems, bad, false, issued);
    }
}
