package org.wenshu.app.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

import org.wenshu.archive.RecordFigures.MonthCount;
import org.wenshu.archive.Unit;

/** The JSON shape of a {@link FigureSet}, shared by {@code GET /api/v1/dashboard} and the page's own data request. */
public final class DashboardJson {

    private DashboardJson() {
    }

    /** The figures as JSON: filter, day and zone, the typed figures and the printed sections with their charts. */
    public static Map<String, Object> of(FigureSet figures) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("year", figures.year().orElse(null));
        json.put("unit", figures.unit().map(DashboardJson::unit).orElse(null));
        json.put("today", figures.today().toString());
        json.put("zone", figures.zone().getId());
        Map<String, Object> states = new LinkedHashMap<>();
        figures.states().forEach(s -> states.put(s.status().name(), s.count()));
        json.put("states", states);
        json.put("total", figures.total());
        json.put("overdue", figures.overdue());
        json.put("agencies", figures.agencies().stream().map(DashboardJson::agency).toList());
        Map<String, Object> overall = agency(figures.overall());
        overall.remove("unit");
        json.put("overall", overall);
        json.put("domainMonths", figures.domainMonths().stream().map(m -> month(m, "domain")).toList());
        json.put("overdueTrend", figures.overdueTrend().stream().map(m -> month(m, null)).toList());
        json.put("sections", figures.tables().stream().map(DashboardJson::table).toList());
        return json;
    }

    private static Map<String, Object> unit(Unit unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", unit.id());
        json.put("name", unit.name());
        json.put("shortName", unit.shortName());
        return json;
    }

    private static Map<String, Object> agency(AgencyFigures a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit(a.unit()));
        json.put("owed", a.owed());
        json.put("answered", a.answered());
        json.put("onTime", a.onTime());
        json.put("late", a.late());
        json.put("overdue", a.overdue());
        json.put("pending", a.pending());
        json.put("onTimeRate", a.onTimeRate().orElse(null));
        Map<String, Object> adoption = new LinkedHashMap<>();
        adoption.put("ADOPTED", a.adopted());
        adoption.put("PARTLY_ADOPTED", a.partlyAdopted());
        adoption.put("NOT_ADOPTED", a.notAdopted());
        json.put("adoption", adoption);
        json.put("averageDaysToReply", a.averageDaysToReply().orElse(null));
        return json;
    }

    private static Map<String, Object> month(MonthCount m, String keyName) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (keyName != null) {
            json.put(keyName, m.key());
        }
        json.put("month", String.format("%04d-%02d", m.year(), m.month()));
        json.put("count", m.count());
        return json;
    }

    private static Map<String, Object> table(FigureTable table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", table.id());
        json.put("caption", table.caption());
        json.put("columns", table.columns());
        json.put("rows", table.rows());
        table.chart().ifPresent(chart -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", chart.kind().name());
            c.put("unit", chart.unit());
            c.put("categories", chart.categories());
            c.put("series", chart.series().stream().map(s -> Map.of("name", s.name(), "values", s.values())).toList());
            json.put("chart", c);
        });
        return json;
    }
}
