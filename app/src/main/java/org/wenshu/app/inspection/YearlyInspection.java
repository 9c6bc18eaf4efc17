package org.wenshu.app.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.wenshu.app.dashboard.AgencyFigures;
import org.wenshu.app.dashboard.FigureContributor;
import org.wenshu.app.dashboard.FigureTable;
import org.wenshu.app.dashboard.SupervisionFigures;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RecordFigures;
import org.wenshu.archive.Unit;
import org.wenshu.archive.leads.LeadTally;
import org.wenshu.archive.leads.Leads;
import org.wenshu.archive.tracking.Decision;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.SourceKind;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.archive.tracking.UnitTally;

/**
 * 年度检查: the yearly inspection of each member unit (kind PROCURATORATE or AGENCY) as figure sections of the
 * dashboard, its JSON and the yearly report — work points (工作要点) done on time / late / open, meeting resolutions
 * (议定事项) done / open, leads sent (线索移送) by the decision reached, the unit's on-time instrument replies (the core
 * section's own {@link AgencyFigures}, not counted again), and its accepted progress reports (进展报告) as evidence.
 *
 * <p>The year is the filter's year, or the current year (in the archive's zone) when none is chosen; a unit filter
 * keeps that unit's rows only. Counting rules: {@link TrackedItems#tally} (each (item, unit) pair once, as of today;
 * "late" = the completing report submitted after the due date) and {@link Leads#tally} (leads by the year of filing).
 *
 * <p>Access: the office (a scope without issuing units) sees every unit. A prosecutor (a scope narrowed to the units of
 * their procuratorate) sees what their pages show them: work points, resolutions and progress reports of their own
 * procuratorate only (other units' cells print "—"), the leads sent to their procuratorate, and replies to the
 * instruments it issued.
 */
public final class YearlyInspection implements FigureContributor {

    /** Accepted progress reports listed per unit in the evidence section; the rest are counted in one line. */
    public static final int EVIDENCE_PER_UNIT = 5;

    /** The printed cell of a figure the viewer may not see. */
    static final String HIDDEN = "—";

    private final Archive archive;
    private final TrackedItems trackedItems;
    private final Leads leads;

    public YearlyInspection(Archive archive, TrackedItems trackedItems, Leads leads) {
        this.archive = archive;
        this.trackedItems = trackedItems;
        this.leads = leads;
    }

    @Override
    public List<FigureTable> tables(RecordFigures.Scope scope) {
        return tables(scope, List.of());
    }

    @Override
    public List<FigureTable> tables(RecordFigures.Scope scope, List<AgencyFigures> agencies) {
        int year = scope.year().orElse(scope.today().getYear());
        Optional<Set<String>> visible = scope.issuingUnits();
        List<Unit> members = archive.units().stream()
                .filter(u -> u.kind().equals("PROCURATORATE") || u.kind().equals("AGENCY"))
                .filter(u -> scope.unitId().map(u.id()::equals).orElse(true)).toList();
        Set<String> memberIds = members.stream().map(Unit::id).collect(java.util.stream.Collectors.toSet());
        Map<String, UnitTally> points = byUnit(trackedItems.tally(year, Optional.of(SourceKind.WORK_POINT)), visible,
                memberIds, UnitTally::unit);
        Map<String, UnitTally> resolutions = byUnit(trackedItems.tally(year, Optional.of(SourceKind.RESOLUTION)), visible,
                memberIds, UnitTally::unit);
        Map<String, LeadTally> sent = byUnit(leads.tally(year, visible), Optional.empty(), memberIds, LeadTally::unit);
        Map<String, List<Evidence>> evidence = evidence(year, visible, memberIds);
        Map<String, AgencyFigures> replies = new LinkedHashMap<>();
        agencies.forEach(a -> replies.put(a.unit().id(), a));

        List<FigureTable> tables = new ArrayList<>();
        tables.add(inspectionTable(year, members, visible, points, resolutions, sent, replies, evidence));
        tables.add(pointsTable(year, "work-points", "工作要点落实情况", points));
        tables.add(resolutionsTable(year, resolutions));
        tables.add(leadsTable(year, sent));
        tables.add(evidenceTable(year, members, evidence));
        return tables;
    }

    /** One accepted progress report: which item, when submitted and accepted (days in the archive's zone). */
    record Evidence(String item, LocalDate submitted, LocalDate accepted) {
    }

    private static <T> Map<String, T> byUnit(List<T> tallies, Optional<Set<String>> visible, Set<String> members,
                                             Function<T, Unit> unit) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : tallies) {
            String id = unit.apply(t).id();
            if (members.contains(id) && visible.map(v -> v.contains(id)).orElse(true)) {
                map.put(id, t);
            }
        }
        return map;
    }

    /** The accepted reports of the year's active items per visible member unit, newest submission first. */
    private Map<String, List<Evidence>> evidence(int year, Optional<Set<String>> visible, Set<String> members) {
        Map<String, List<Evidence>> byUnit = new LinkedHashMap<>();
        for (TrackedItem item : trackedItems.items(ItemQuery.all().year(year).active())) {
            String label = item.source().label() + "第" + item.number() + "项 " + item.title();
            for (ProgressReport report : trackedItems.reports(item.id(), Optional.empty())) {
                String unit = report.unit().id();
                if (report.decision() == Decision.ACCEPTED && members.contains(unit)
                        && visible.map(v -> v.contains(unit)).orElse(true)) {
                    byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(new Evidence(label, day(report.submittedAt()),
                            day(report.decidedAt().orElse(report.submittedAt()))));
                }
            }
        }
        byUnit.values().forEach(list -> list.sort(Comparator.comparing(Evidence::submitted).reversed()
                .thenComparing(Evidence::item)));
        return byUnit;
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(archive.zone()).toLocalDate();
    }

    private static String count(long n) {
        return SupervisionFigures.count(n);
    }

    private static FigureTable inspectionTable(int year, List<Unit> members, Optional<Set<String>> visible,
                                               Map<String, UnitTally> points, Map<String, UnitTally> resolutions,
                                               Map<String, LeadTally> sent, Map<String, AgencyFigures> replies,
                                               Map<String, List<Evidence>> evidence) {
        List<List<String>> rows = new ArrayList<>();
        for (Unit unit : members) {
            boolean seen = visible.map(v -> v.contains(unit.id())).orElse(true);
            List<String> row = new ArrayList<>();
            row.add(unit.shortName());
            UnitTally p = points.get(unit.id());
            row.add(seen ? count(p == null ? 0 : p.onTime()) : HIDDEN);
            row.add(seen ? count(p == null ? 0 : p.late()) : HIDDEN);
            row.add(seen ? count(p == null ? 0 : p.open()) : HIDDEN);
            UnitTally r = resolutions.get(unit.id());
            row.add(seen ? count(r == null ? 0 : r.onTime() + r.late()) : HIDDEN);
            row.add(seen ? count(r == null ? 0 : r.open()) : HIDDEN);
            LeadTally l = sent.get(unit.id());
            row.add(count(l == null ? 0 : l.sent()));
            row.add(count(l == null ? 0 : l.decided()));
            row.add(count(l == null ? 0 : l.openCase()));
            AgencyFigures a = replies.get(unit.id());
            row.add(count(a == null ? 0 : a.onTime()));
            row.add(a == null ? "—" : SupervisionFigures.percent(a.onTimeRate()));
            row.add(seen ? count(evidence.getOrDefault(unit.id(), List.of()).size()) : HIDDEN);
            rows.add(row);
        }
        return new FigureTable("inspection", year + "年度检查：各成员单位执行情况",
                List.of("单位", "要点按期完成", "要点逾期完成", "要点未完成", "议定事项已完成", "议定事项未完成", "移送线索",
                        "线索已决定", "其中立案", "文书按期回复", "按期回复率", "已验收进展报告"), rows, Optional.empty());
    }

    private static FigureTable pointsTable(int year, String id, String caption, Map<String, UnitTally> tallies) {
        List<UnitTally> list = List.copyOf(tallies.values());
        List<List<String>> rows = new ArrayList<>();
        list.forEach(t -> rows.add(List.of(t.unit().shortName(), count(t.total()), count(t.onTime()), count(t.late()),
                count(t.open()), count(t.overdue()))));
        if (!list.isEmpty()) {
            rows.add(List.of("合计", sum(list, UnitTally::total), sum(list, UnitTally::onTime), sum(list, UnitTally::late),
                    sum(list, UnitTally::open), sum(list, UnitTally::overdue)));
        }
        return new FigureTable(id, year + "年度" + caption, List.of("单位", "负责事项", "按期完成", "逾期完成", "未完成", "其中逾期"),
                rows, Optional.of(new FigureTable.Chart(FigureTable.Kind.STACKED_BAR, "项", names(list, UnitTally::unit),
                List.of(series("按期完成", list, UnitTally::onTime), series("逾期完成", list, UnitTally::late),
                        series("未完成", list, UnitTally::open)))));
    }

    private static FigureTable resolutionsTable(int year, Map<String, UnitTally> tallies) {
        List<UnitTally> list = List.copyOf(tallies.values());
        List<List<String>> rows = new ArrayList<>();
        list.forEach(t -> rows.add(List.of(t.unit().shortName(), count(t.total()), count(t.onTime() + t.late()),
                count(t.open()), count(t.overdue()))));
        if (!list.isEmpty()) {
            rows.add(List.of("合计", sum(list, UnitTally::total), sum(list, t -> t.onTime() + t.late()),
                    sum(list, UnitTally::open), sum(list, UnitTally::overdue)));
        }
        return new FigureTable("resolutions", year + "年度联席会议议定事项落实情况",
                List.of("单位", "负责事项", "已完成", "未完成", "其中逾期"), rows,
                Optional.of(new FigureTable.Chart(FigureTable.Kind.STACKED_BAR, "项", names(list, UnitTally::unit),
                        List.of(series("已完成", list, t -> t.onTime() + t.late()), series("未完成", list, UnitTally::open)))));
    }

    private static FigureTable leadsTable(int year, Map<String, LeadTally> tallies) {
        List<LeadTally> list = List.copyOf(tallies.values());
        List<List<String>> rows = new ArrayList<>();
        list.forEach(t -> rows.add(List.of(t.unit().shortName(), count(t.sent()), count(t.awaiting()), count(t.undecided()),
                count(t.openCase()), count(t.noCase()), count(t.transferred()), count(t.concluded()))));
        if (!list.isEmpty()) {
            rows.add(List.of("合计", sum(list, LeadTally::sent), sum(list, LeadTally::awaiting), sum(list, LeadTally::undecided),
                    sum(list, LeadTally::openCase), sum(list, LeadTally::noCase), sum(list, LeadTally::transferred),
                    sum(list, LeadTally::concluded)));
        }
        return new FigureTable("leads", year + "年度线索移送及处理情况（按移送单位）",
                List.of("移送单位", "移送线索", "待受理", "审查中", "立案", "不立案", "移送其他机关", "已反馈结果"), rows,
                Optional.of(new FigureTable.Chart(FigureTable.Kind.STACKED_BAR, "件", names(list, LeadTally::unit), List.of(
                        series("待受理", list, LeadTally::awaiting), series("审查中", list, LeadTally::undecided),
                        series("立案", list, LeadTally::openCase), series("不立案", list, LeadTally::noCase),
                        series("移送其他机关", list, LeadTally::transferred)))));
    }

    private static FigureTable evidenceTable(int year, List<Unit> members, Map<String, List<Evidence>> evidence) {
        List<List<String>> rows = new ArrayList<>();
        for (Unit unit : members) {
            List<Evidence> reports = evidence.getOrDefault(unit.id(), List.of());
            reports.stream().limit(EVIDENCE_PER_UNIT).forEach(e -> rows.add(List.of(unit.shortName(), e.item(),
                    e.submitted().toString(), e.accepted().toString())));
            if (reports.size() > EVIDENCE_PER_UNIT) {
                rows.add(List.of(unit.shortName(), "另有" + (reports.size() - EVIDENCE_PER_UNIT) + "份已验收进展报告，详见督办事项页面",
                        "—", "—"));
            }
        }
        return new FigureTable("inspection-evidence", year + "年度检查佐证：已验收的进展报告（每单位最近" + EVIDENCE_PER_UNIT + "份）",
                List.of("单位", "事项", "报告提交日期", "验收日期"), rows, Optional.empty());
    }

    private static <T> String sum(List<T> list, ToLongFunction<T> value) {
        return count(list.stream().mapToLong(value).sum());
    }

    private static <T> List<String> names(List<T> list, Function<T, Unit> unit) {
        return list.stream().map(t -> unit.apply(t).shortName()).toList();
    }

    private static <T> FigureTable.Series series(String name, List<T> list, ToLongFunction<T> value) {
        return new FigureTable.Series(name, list.stream().map(t -> (double) value.applyAsLong(t)).toList());
    }
}
