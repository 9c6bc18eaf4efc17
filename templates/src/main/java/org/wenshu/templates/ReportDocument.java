package org.wenshu.templates;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * 府检联动工作情况报告: the yearly supervision report's content, already in print form, for
 * {@link TemplateRenderer#render(ReportDocument)}. Laid out like an instrument (GB/T 9704: red issuer line, title,
 * signature and date) with numbered sections of tables and charts.
 *
 * @param issuingUnit    the office that issues and seals the report (发文机关)
 * @param year           the reported year (发文年度 of the instruments counted)
 * @param statisticsDate the day the figures were computed (统计截至), also the report's date
 * @param summary        the text summary, one paragraph per item
 * @param sections       the figure sections, in order
 * @param lapses         owed replies answered late or not answered, grouped by agency
 */
public record ReportDocument(String issuingUnit, int year, LocalDate statisticsDate, List<String> summary,
                             List<Section> sections, List<LapseGroup> lapses) {

    /** The report's type id, e.g. for the PDF's document information. */
    public static final String TYPE_ID = "supervision-report";
    /** The report's type name. */
    public static final String TYPE_NAME = "府检联动工作情况报告";

    public ReportDocument {
        summary = List.copyOf(summary);
        sections = List.copyOf(sections);
        lapses = List.copyOf(lapses);
    }

    /** The printed title, e.g. 2024年度府检联动工作情况报告. */
    public String title() {
        return year + "年度" + TYPE_NAME;
    }

    /**
     * One section: a caption, a table of printed cells and, optionally, its chart as an SVG document.
     *
     * @param svg a complete {@code <svg xmlns="http://www.w3.org/2000/svg" …>} element drawn by the application from
     *            numbers (vector paths only, no text, scripts or images); it is placed in the XHTML unescaped
     */
    public record Section(String caption, List<String> columns, List<List<String>> rows, Optional<String> svg) {

        public Section {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            svg.ifPresent(s -> {
                if (!s.startsWith("<svg ") || s.contains("<script") || s.contains("<image") || s.contains("<foreignObject")) {
                    throw new IllegalArgumentException("a report chart must be a plain SVG element without scripts or images");
                }
            });
        }
    }

    /** The lapsed replies of one agency: each row 发文字号, 标题, 回复期限, 首次回复日期, 情况. */
    public record LapseGroup(String unit, List<List<String>> rows) {

        public LapseGroup {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
