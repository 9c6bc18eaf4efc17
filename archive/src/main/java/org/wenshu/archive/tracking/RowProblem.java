package org.wenshu.archive.tracking;

/**
 * One reason a row of a work-point list was refused.
 *
 * @param row    the sheet's row number as Excel shows it (1-based), or the item's position for a list sent as JSON
 * @param column the column (序号, 工作要点, 牵头单位, …) at fault, or empty for the whole row
 */
public record RowProblem(int row, String column, String reason) {

    /** As shown to people: 第 5 行「牵头单位」：没有找到单位「市外星局」. */
    public String describe() {
        return "第 " + row + " 行" + (column.isEmpty() ? "" : "「" + column + "」") + "：" + reason;
    }
}
