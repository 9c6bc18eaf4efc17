package org.wenshu.app.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.wenshu.app.dashboard.AgencyFigures;
import org.wenshu.app.dashboard.FigureFilter;
import org.wenshu.app.dashboard.FigureSet;
import org.wenshu.app.dashboard.FigureTable;
import org.wenshu.app.dashboard.SupervisionFigures;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RecordFigures.LapsedReply;
import org.wenshu.generator.PdfRenderer;
import org.wenshu.templates.ReportDocument;
import org.wenshu.templates.TemplateRenderer;

/**
 * 府检联动工作情况报告: the yearly supervision report of the leading group's office — the dashboard's figures for one
 * year (the same {@link SupervisionFigures}, over every instrument) as tables and vector charts, the owed replies
 * answered late or not at all per agency, and a generated summary; printed as PDF/A-2b in the house layout and sealed
 * with the office's seal like any instrument.
 *
 * <p>The report is not archived as a record: it is a view of the archive on the day it is printed (late replies keep
 * arriving and change the figures), it has no addressee and no number in the register, and archiving it would count it
 * in its own figures. Each copy says the day its figures were taken (统计截至).
 */
public final class SupervisionReports {

    private final SupervisionFigures figures;
    private final TemplateRenderer templates;
    private final PdfRenderer pdf;
    private final ObjectProvider<UnitSeals> seals;
    private final ReportCharts charts;
    private final Archive archive;
    private final String issuingUnit;

    /** @param issuingUnit the office that issues and seals the report, as the archive spells it */
    public SupervisionReports(SupervisionFigures figures, TemplateRenderer templates, PdfRenderer pdf,
                              ObjectProvider<UnitSeals> seals, ReportCharts charts, Archive archive, String issuingUnit) {
        this.figures = figures;
        this.templates = templates;
        this.pdf = pdf;
        this.seals = seals;
        this.charts = charts;
        this.archive = archive;
        this.issuingUnit = issuingUnit;
    }

    /** A printed report: the sealed PDF and the figures it shows. */
    public record Report(int year, byte[] pdf, FigureSet figures) {

        /** The download name, e.g. 2024年度府检联动工作情况报告.pdf. */
        public String fileName() {
            return year + "年度" + ReportDocument.TYPE_NAME + ".pdf";
        }
    }

    /**
     * The report of {@code year}, given as typed.
     *
     * @throws org.wenshu.app.api.InputInvalid for a year that is not four digits from 2000 to this year
     * @throws org.wenshu.app.signing.UnitSealMissing when the office has no seal configured
     */
    public Report report(String year) {
        return report(FigureFilter.year(year, archive.today()));
    }

    /** The report of {@code year} (already validated), sealed. */
    public Report report(int year) {
        FigureSet set = figures.figures(new FigureFilter(Optional.of(year), Optional.empty()));
        byte[] printed = pdf.render(templates.render(document(year, set))).content();
        byte[] sealed = seals.getObject().forUnit(issuingUnit).sign(printed, Optional.empty());
        return new Report(year, sealed, set);
    }

    /** The report's content in print form: summary, sections with charts, lapses per agency. */
    ReportDocument document(int year, FigureSet set) {
        List<ReportDocument.Section> sections = new ArrayList<>();
        for (FigureTable table : set.tables()) {
            Optional<String> svg = table.chart().filter(c -> !c.categories().isEmpty()).map(charts::svg);
            sections.add(new ReportDocument.Section(table.caption(), table.columns(), table.rows(), svg));
        }
        return new ReportDocument(issuingUnit, year, set.today(), summary(year, set), sections, lapses(set));
    }

    private static List<ReportDocument.LapseGroup> lapses(FigureSet set) {
        Map<String, List<List<String>>> byUnit = new LinkedHashMap<>();
        for (LapsedReply lapse : set.lapsed()) {
            byUnit.computeIfAbsent(lapse.unit().name(), u -> new ArrayList<>()).add(List.of(lapse.number(), lapse.title(),
                    lapse.dueDate().toString(), lapse.firstReplyOn().map(Object::toString).orElse("—"), lapse.lapse().label()));
        }
        return byUnit.entrySet().stream().map(e -> new ReportDocument.LapseGroup(e.getKey(), e.getValue())).toList();
    }

    /** The generated summary (总体情况): the year's totals in sentences, every number as in the tables. */
    static List<String> summary(int year, FigureSet set) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder states = new StringBuilder();
        set.states().forEach(s -> states.append(states.isEmpty() ? "" : "、").append(s.label()).append(s.count()).append("件"));
        paragraphs.add(year + "年度，纳入统计的府检联动文书共" + set.total() + "件，其中" + states + "。截至"
                + chineseDate(set.today()) + "，尚待回复且已超过回复期限的文书" + set.overdue() + "件。");
        AgencyFigures all = set.overall();
        if (all.owed() == 0) {
            paragraphs.add("本年度没有需要回复的文书。");
            return paragraphs;
        }
        paragraphs.add("各成员单位应回复事项" + all.owed() + "项，已回复" + all.answered() + "项，其中按期回复" + all.onTime()
                + "项、逾期回复" + all.late() + "项；逾期未回复" + all.overdue() + "项，未到期" + all.pending()
                + "项。按期回复率为" + rate(all) + "（按期回复 ÷（已回复 + 逾期未回复））。");
        if (all.answered() > 0) {
            paragraphs.add("从回复情况看，采纳" + all.adopted() + "项、部分采纳" + all.partlyAdopted() + "项、未采纳"
                    + all.notAdopted() + "项（以各单位最近一次回复为准）；自送达之日起平均"
                    + all.averageDaysToReply().map(d -> d.toPlainString() + "天").orElse("—") + "作出回复。");
        }
        List<String> lagging = set.agencies().stream().filter(a -> a.overdue() > 0)
                .map(a -> a.unit().name() + a.overdue() + "项").toList();
        paragraphs.add(lagging.isEmpty() ? "目前没有逾期未回复的事项。"
                : "逾期未回复的单位有：" + String.join("、", lagging) + "。请上述单位抓紧办理并书面回复，逾期和未回复文书清单附后。");
        return paragraphs;
    }

    private static String chineseDate(java.time.LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    private static String rate(AgencyFigures figures) {
        return figures.onTimeRate().map(r -> r.toPlainString() + "%").orElse("—");
    }
}
