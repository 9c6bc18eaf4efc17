package org.wenshu.app.dashboard;

import java.util.List;
import java.util.Optional;

/**
 * One section of figures (统计表): a captioned table of printed cells, and optionally how to chart it. The dashboard
 * page, its JSON and the yearly report all print these same tables, so their figures agree by construction.
 *
 * @param id      stable section id, e.g. {@code on-time}
 * @param caption the table's Chinese caption
 * @param columns column headings
 * @param rows    printed cells, one list per row, each as long as {@code columns}
 * @param chart   the chart drawn from the table, if any
 */
public record FigureTable(String id, String caption, List<String> columns, List<List<String>> rows,
                          Optional<Chart> chart) {

    public FigureTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " does not have the " + columns.size() + " columns of " + id);
            }
        }
    }

    /** How a chart shows a table: its kind, the unit of its values, the categories and one value per series and category. */
    public record Chart(Kind kind, String unit, List<String> categories, List<Series> series) {

        public Chart {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
        }
    }

    /** A named row of values, one per category. */
    public record Series(String name, List<Double> values) {

        public Series {
            values = List.copyOf(values);
        }
    }

    /** Chart kinds both ECharts (page) and JFreeChart (report) draw. */
    public enum Kind {
        BAR, STACKED_BAR, LINE
    }
}
