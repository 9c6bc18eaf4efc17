package org.wenshu.batch.bulk;

import java.util.List;

/**
 * A recipient list (收文名单) as read from a CSV or XLSX file: the header cells and the data rows after it.
 *
 * @param headers  the header row's cells, trimmed, in column order
 * @param rows     the data rows in file order, empty rows left out
 * @param fullRows true when the format gives every row all of the header's columns, so that a shorter row is
 *                 ragged (CSV: RFC 4180 records have the same number of fields); false when a row may omit its
 *                 trailing empty cells (an XLSX sheet stores no empty cells)
 */
public record RecipientTable(List<String> headers, List<Row> rows, boolean fullRows) {

    public RecipientTable {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    /** A table whose rows may omit trailing empty cells (as an XLSX sheet's). */
    public RecipientTable(List<String> headers, List<Row> rows) {
        this(headers, rows, false);
    }

    /**
     * One data row.
     *
     * @param number       the row number a spreadsheet shows (the header is row 1)
     * @param cells        the cell texts in column order; as many as the row has, which may differ from the header
     * @param refusedCells the cells that hold no value typed in (a formula, an error value), by column index (0-based)
     *                     in column order, with the reason in Chinese; their text in {@code cells} is not to be used
     */
    public record Row(int number, List<String> cells, java.util.SortedMap<Integer, String> refusedCells) {

        public Row {
            cells = List.copyOf(cells);
            refusedCells = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(refusedCells));
        }

        /** A row whose every cell holds a value as typed (every row of a CSV). */
        public Row(int number, List<String> cells) {
            this(number, cells, new java.util.TreeMap<>());
        }

        /** True when every cell is blank and none is refused: such rows are ignored. */
        public boolean blank() {
            return refusedCells.isEmpty() && cells.stream().allMatch(String::isBlank);
        }
    }
}
