package org.wenshu.app.dashboard;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.wenshu.app.accounts.Role;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.instruments.AccessRefused;
import org.wenshu.app.instruments.InstrumentAccess;
import org.wenshu.archive.Archive;
import org.wenshu.archive.RecordFigures;
import org.wenshu.archive.RecordFigures.MonthCount;
import org.wenshu.archive.RecordStatus;
import org.wenshu.templates.FieldSpec;
import org.wenshu.templates.InstrumentCatalog;

/**
 * 府检联动统计: the one figures service behind the dashboard page, its JSON and the yearly supervision report. Counts
 * by state, on-time reply rate, adoption and average days to reply per agency, instruments per domain and month and
 * the overdue trend, all counted by {@link RecordFigures} over the record database (where "on time" is defined: the
 * first reply submitted on or before the reply deadline, dates in the archive's zone, Asia/Shanghai by default).
 * Further sections come from {@link FigureContributor} beans.
 */
public final class SupervisionFigures {

    private final Archive archive;
    private final InstrumentAccess access;
    private final List<String> domains;
    private final List<FigureContributor> contributors;

    public SupervisionFigures(Archive archive, InstrumentAccess access, InstrumentCatalog catalog,
                              List<FigureContributor> contributors) {
        this.archive = archive;
        this.access = access;
        this.domains = domains(catalog);
        this.contributors = List.copyOf(contributors);
    }

    /** The choices of every {@code domain} or {@code kind} field of the catalog: the 领域 the figures know by name. */
    private static List<String> domains(InstrumentCatalog catalog) {
        Set<String> names = new LinkedHashSet<>();
        catalog.types().forEach(type -> type.fields().stream()
                .filter(f -> f.name().equals("domain") || f.name().equals("kind"))
                .map(FieldSpec::choices).forEach(names::addAll));
        return List.copyOf(names);
    }

    /**
     * The figures {@code viewer} may see: the office (ADMIN) sees every instrument; a prosecutor those their
     * procuratorate (and offices within it) issued, as on the register. Without the list of lapsed replies (empty),
     * which only the yearly report prints: at 10,000 instruments it is thousands of rows the dashboard never shows.
     *
     * @throws AccessRefused for agencies and researchers
     */
    public FigureSet figures(FigureFilter filter, WenshuUser viewer) {
        if (viewer.role() == Role.ADMIN) {
            return figures(filter, Optional.empty(), false);
        }
        if (viewer.role() == Role.PROSECUTOR) {
            return figures(filter, Optional.of(access.issuingScope(viewer)), false);
        }
        throw new AccessRefused("统计分析仅供领导小组办公室和检察官查看");
    }

    /** The figures over every instrument (the office's view, also the yearly report's). */
    public FigureSet figures(FigureFilter filter) {
        return figures(filter, Optional.empty(), true);
    }

    private FigureSet figures(FigureFilter filter, Optional<Set<String>> issuers, boolean withLapsed) {
        RecordFigures.Scope scope = new RecordFigures.Scope(filter.year(), filter.unit().map(u -> u.id()), issuers,
                archive.today());
        RecordFigures db = archive.figures();
        Map<RecordStatus, Long> byStatus = db.countByStatus(scope);
        List<FigureSet.StateCount> states = byStatus.entrySet().stream()
                .map(e -> new FigureSet.StateCount(e.getKey(), e.getValue())).toList();
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long overdue = db.countOverdue(scope);
        List<RecordFigures.AgencyReplies> replies = db.repliesByAgency(scope);
        List<AgencyFigures> agencies = replies.stream().map(AgencyFigures::of).toList();
        AgencyFigures overall = AgencyFigures.of(total(replies));
        List<MonthCount> domainMonths = db.instrumentsByDomainAndMonth(scope, domains);
        List<MonthCount> trend = db.lapsesByDueMonth(scope);
        List<FigureTable> tables = new ArrayList<>();
        tables.add(statesTable(states, total, overdue));
        tables.add(onTimeTable(agencies, overall));
        tables.add(domainTable(filter, domainMonths));
        tables.add(trendTable(trend));
        tables.add(adoptionTable(agencies, overall));
        tables.add(daysTable(agencies, overall));
        contributors.forEach(c -> tables.addAll(c.tables(scope, agencies)));
        return new FigureSet(filter.year(), filter.unit(), scope.today(), archive.zone(), states, total, overdue, agencies, overall, domainMonths, trend, withLapsed ? db.lapsedReplies(scope) : List.of(), tables);
    }

    /** The unit of the totals row (合计) of the per-agency tables. */
    static final org.wenshu.archive.Unit ALL_AGENCIES = new org.wenshu.archive.Unit("", "合计", "合计", "TOTAL", Optional.empty());

    private static RecordFigures.AgencyReplies total(List<RecordFigures.AgencyReplies> all) {
        long[] sum = new long[11];
        for (RecordFigures.AgencyReplies a : all) {
            long[] v = {a.owed(), a.answered(), a.onTime(), a.late(), a.overdue(), a.pending(), a.adopted(),
                    a.partlyAdopted(), a.notAdopted(), a.replyDaysTotal(), a.replyDaysCount()};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        return new RecordFigures.AgencyReplies(ALL_AGENCIES, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
                sum[8], sum[9], sum[10]);
    }

    /** The rows of {@code agencies} with the totals row after them, when there is any agency. */
    private static List<AgencyFigures> withTotal(List<AgencyFigures> agencies, AgencyFigures overall) {
        List<AgencyFigures> rows = new ArrayList<>(agencies);
        if (!agencies.isEmpty()) {
            rows.add(overall);
        }
        return rows;
    }

    // ------------------------------------------------------------------ the printed tables

    /** Prints a count. */
    public static String count(long n) {
        return Long.toString(n);
    }

    /** Prints a percentage with one decimal, or a dash. */
    public static String percent(Optional<BigDecimal> rate) {
        return rate.map(r -> r.toPlainString() + "%").orElse("—");
    }

    /** Prints days with one decimal, or a dash. */
    static String days(Optional<BigDecimal> days) {
        return days.map(BigDecimal::toPlainString).orElse("—");
    }

    private static FigureTable statesTable(List<FigureSet.StateCount> states, long total, long overdue) {
        List<List<String>> rows = new ArrayList<>();
        states.forEach(s -> rows.add(List.of(s.label(), count(s.count()))));
        rows.add(List.of("合计", count(total)));
        rows.add(List.of("其中逾期未回复", count(overdue)));
        return new FigureTable("states", "文书办理状态", List.of("状态", "件数"), rows, Optional.of(new FigureTable.Chart(
                FigureTable.Kind.BAR, "件", states.stream().map(FigureSet.StateCount::label).toList(),
                List.of(new FigureTable.Series("件数", states.stream().map(s -> (double) s.count()).toList())))));
    }

    private static FigureTable onTimeTable(List<AgencyFigures> agencies, AgencyFigures overall) {
        List<List<String>> rows = withTotal(agencies, overall).stream().map(a -> List.of(a.unit().shortName(), count(a.owed()), count(a.answered()),
                count(a.onTime()), count(a.late()), count(a.overdue()), count(a.pending()), percent(a.onTimeRate()))).toList();
        return new FigureTable("on-time", "各单位按期回复率",
                List.of("单位", "应回复", "已回复", "按期回复", "逾期回复", "逾期未回复", "未到期", "按期回复率"), rows,
                Optional.of(new FigureTable.Chart(FigureTable.Kind.BAR, "%", shortNames(agencies),
                        List.of(new FigureTable.Series("按期回复率", agencies.stream()
                                .map(a -> a.onTimeRate().map(BigDecimal::doubleValue).orElse(0.0)).toList())))));
    }

    private static FigureTable adoptionTable(List<AgencyFigures> agencies, AgencyFigures overall) {
        List<AgencyFigures> answered = agencies.stream().filter(a -> a.answered() > 0).toList();
        List<List<String>> rows = withTotal(answered, overall).stream().map(a -> List.of(a.unit().shortName(), count(a.adopted()),
                count(a.partlyAdopted()), count(a.notAdopted()))).toList();
        return new FigureTable("adoption", "各单位采纳情况（以最近一次回复为准）", List.of("单位", "采纳", "部分采纳", "未采纳"),
                rows, Optional.of(new FigureTable.Chart(FigureTable.Kind.STACKED_BAR, "件", shortNames(answered), List.of(
                series("采纳", answered, a -> a.adopted()), series("部分采纳", answered, a -> a.partlyAdopted()),
                series("未采纳", answered, a -> a.notAdopted())))));
    }

    private static FigureTable daysTable(List<AgencyFigures> agencies, AgencyFigures overall) {
        List<AgencyFigures> answered = agencies.stream().filter(a -> a.averageDaysToReply().isPresent()).toList();
        List<List<String>> rows = withTotal(answered, overall).stream().map(a -> List.of(a.unit().shortName(), count(a.answered()),
                days(a.averageDaysToReply()))).toList();
        return new FigureTable("reply-days", "各单位平均回复用时（自送达之日起）", List.of("单位", "已回复", "平均用时（天）"),
                rows, Optional.of(new FigureTable.Chart(FigureTable.Kind.BAR, "天", shortNames(answered),
                List.of(new FigureTable.Series("平均用时", answered.stream()
                        .map(a -> a.averageDaysToReply().orElseThrow().doubleValue()).toList())))));
    }

    private static FigureTable domainTable(FigureFilter filter, List<MonthCount> counts) {
        List<YearMonth> months = filter.year().map(y -> {
            List<YearMonth> all = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                all.add(YearMonth.of(y, m));
            }
            return all;
        }).orElseGet(() -> consecutive(counts));
        Map<String, Map<YearMonth, Long>> byDomain = new LinkedHashMap<>();
        counts.stream().map(MonthCount::key).distinct().sorted().forEach(d -> byDomain.put(d, new LinkedHashMap<>()));
        counts.forEach(c -> byDomain.get(c.key()).merge(YearMonth.of(c.year(), c.month()), c.count(), Long::sum));
        List<String> columns = new ArrayList<>();
        columns.add("领域");
        months.forEach(m -> columns.add(monthLabel(m, filter.year().isEmpty())));
        columns.add("合计");
        List<List<String>> rows = new ArrayList<>();
        List<FigureTable.Series> series = new ArrayList<>();
        byDomain.forEach((domain, perMonth) -> {
            List<String> row = new ArrayList<>();
            row.add(domain);
            months.forEach(m -> row.add(count(perMonth.getOrDefault(m, 0L))));
            row.add(count(perMonth.values().stream().mapToLong(Long::longValue).sum()));
            rows.add(row);
            series.add(new FigureTable.Series(domain, months.stream().map(m -> (double) perMonth.getOrDefault(m, 0L)).toList()));
        });
        return new FigureTable("domains", "各领域每月发文数", columns, rows, Optional.of(new FigureTable.Chart(
                FigureTable.Kind.STACKED_BAR, "件", months.stream().map(m -> monthLabel(m, filter.year().isEmpty())).toList(),
                series)));
    }

    private static FigureTable trendTable(List<MonthCount> trend) {
        List<YearMonth> months = consecutive(trend);
        Map<YearMonth, Long> counts = new LinkedHashMap<>();
        trend.forEach(c -> counts.put(YearMonth.of(c.year(), c.month()), c.count()));
        List<List<String>> rows = months.stream().map(m -> List.of(monthLabel(m, true), count(counts.getOrDefault(m, 0L))))
                .toList();
        return new FigureTable("overdue-trend", "逾期趋势（按回复期限届满月份，含逾期回复和逾期未回复）",
                List.of("期限届满月份", "逾期件数"), rows, Optional.of(new FigureTable.Chart(FigureTable.Kind.LINE, "件",
                months.stream().map(m -> monthLabel(m, true)).toList(), List.of(new FigureTable.Series("逾期件数",
                months.stream().map(m -> (double) counts.getOrDefault(m, 0L)).toList())))));
    }

    private static List<YearMonth> consecutive(List<MonthCount> counts) {
        List<YearMonth> months = new ArrayList<>();
        if (counts.isEmpty()) {
            return months;
        }
        YearMonth first = counts.stream().map(c -> YearMonth.of(c.year(), c.month())).min(YearMonth::compareTo).orElseThrow();
        YearMonth last = counts.stream().map(c -> YearMonth.of(c.year(), c.month())).max(YearMonth::compareTo).orElseThrow();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static String monthLabel(YearMonth month, boolean withYear) {
        return (withYear ? month.getYear() + "年" : "") + month.getMonthValue() + "月";
    }

    private static List<String> shortNames(List<AgencyFigures> agencies) {
        return agencies.stream().map(a -> a.unit().shortName()).toList();
    }

    private static FigureTable.Series series(String name, List<AgencyFigures> agencies, Function<AgencyFigures, Long> value) {
        return new FigureTable.Series(name, agencies.stream().map(a -> (double) value.apply(a)).toList());
    }
}
