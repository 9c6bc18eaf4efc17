package org.wenshu.batch.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * Why one row of a recipient list was skipped (跳过的行).
 *
 * @param row    the row number a spreadsheet shows (the header is row 1)
 * @param column the column's header, or the field's label when the value came from the base data; empty for the row
 * @param reason what is wrong, in Chinese
 */
public record RowProblem(int row, String column, String reason) {

    /** {@code 第 5 行 主送单位：未知单位「市外星局」}. */
    public String describe() {
        return "第 " + row + " 行" + (column.isEmpty() ? "" : " " + column) + "：" + reason;
    }

    /** One line per problem, tab-separated, as kept in the job execution context. */
    static String encode(List<RowProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (RowProblem p : problems) {
            text.append(p.row).append('\t').append(clean(p.column)).append('\t').append(clean(p.reason)).append('\n');
        }
        return text.toString();
    }

    /** The problems {@link #encode} wrote; empty for null or empty text. */
    public static List<RowProblem> decode(String text) {
        List<RowProblem> problems = new ArrayList<>();
        if (text == null) {
            return problems;
        }
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t", 3);
            problems.add(new RowProblem(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "",
                    parts.length > 2 ? parts[2] : ""));
        }
        return problems;
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
