package org.wenshu.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.RecordFigures.AgencyReplies;
import org.wenshu.archive.RecordFigures.Lapse;
import org.wenshu.archive.RecordFigures.LapsedReply;
import org.wenshu.archive.RecordFigures.MonthCount;
import org.wenshu.archive.RecordFigures.Scope;

/**
 * The figures as the SQL aggregates computed them before {@link RecordFigures} counted an in-memory projection: the
 * oracle the projection's figures are compared with ({@code RecordFiguresOracleIntegrationTests}). Same scopes, same
 * records, no memo.
 */
final class SqlFigures {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Units units;
    private final ZoneId zone;

    SqlFigures(JdbcTemplate jdbc, TransactionTemplate tx, Units units, ZoneId zone) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.units = units;
        this.zone = zone;
    }

    /** Instruments in scope per stored status (every status present, zero when none). */
    public Map<RecordStatus, Long> countByStatus(Scope scope) {
        return Collections.unmodifiableMap(computeCountByStatus(scope));
    }

    private Map<RecordStatus, Long> computeCountByStatus(Scope scope) {
        Where where = where(scope);
        Map<RecordStatus, Long> counts = new EnumMap<>(RecordStatus.class);
        for (RecordStatus status : RecordStatus.values()) {
            counts.put(status, 0L);
        }
        read(() -> jdbc.query("SELECT i.status, COUNT(*) AS n FROM instruments i" + where.sql + " GROUP BY i.status",
                rs -> {
                    counts.put(RecordStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                }, where.values()));
        return counts;
    }

    /** Instruments in scope awaiting replies (已发出 / 已送达) whose due date is before {@code scope.today()}. */
    public long countOverdue(Scope scope) {
        return computeCountOverdue(scope);
    }

    private long computeCountOverdue(Scope scope) {
        Where where = where(scope);
        List<Object> args = new ArrayList<>(where.args);
        args.add(scope.today());
        Long n = read(() -> jdbc.queryForObject("SELECT COUNT(*) FROM instruments i" + where.sql
                + " AND i.status IN ('ISSUED', 'DELIVERED') AND i.due_date < ?", Long.class, args.toArray()));
        return n == null ? 0 : n;
    }

    /** Reply figures per agency with at least one owed reply in scope, ordered by unit id. */
    public List<AgencyReplies> repliesByAgency(Scope scope) {
        return List.copyOf(computeRepliesByAgency(scope));
    }

    private List<AgencyReplies> computeRepliesByAgency(Scope scope) {
        Where where = where(scope);
        String sql = "SELECT p.unit_id, COUNT(*) AS owed,"
                + " SUM(CASE WHEN p.first_day IS NOT NULL THEN 1 ELSE 0 END) AS answered,"
                + " SUM(CASE WHEN p.first_day <= p.due_date THEN 1 ELSE 0 END) AS on_time,"
                + " SUM(CASE WHEN p.first_day > p.due_date THEN 1 ELSE 0 END) AS late,"
                + " SUM(CASE WHEN p.first_day IS NULL AND p.awaiting = 1 AND p.due_date < ? THEN 1 ELSE 0 END) AS overdue,"
                + " SUM(CASE WHEN p.first_day IS NULL AND p.awaiting = 1 AND p.due_date >= ? THEN 1 ELSE 0 END) AS pending,"
                + " SUM(CASE WHEN p.adoption = '" + Adoption.ADOPTED.name() + "' THEN 1 ELSE 0 END) AS adopted,"
                + " SUM(CASE WHEN p.adoption = '" + Adoption.PARTLY_ADOPTED.name() + "' THEN 1 ELSE 0 END) AS partly,"
                + " SUM(CASE WHEN p.adoption = '" + Adoption.NOT_ADOPTED.name() + "' THEN 1 ELSE 0 END) AS not_adopted,"
                + " SUM(CASE WHEN p.first_day IS NOT NULL AND p.delivered_on IS NOT NULL THEN "
                + daysBetween("p.delivered_on", "p.first_day") + " ELSE 0 END) AS days_total,"
                + " SUM(CASE WHEN p.first_day IS NOT NULL AND p.delivered_on IS NOT NULL THEN 1 ELSE 0 END) AS days_count"
                + " FROM (" + owedReplies(where) + ") p GROUP BY p.unit_id ORDER BY p.unit_id";
        List<Object> args = new ArrayList<>();
        args.add(scope.today());
        args.add(scope.today());
        args.addAll(where.args);
        return read(() -> jdbc.query(sql, (rs, i) -> new AgencyReplies(units.byId(rs.getString("unit_id")),
                rs.getLong("owed"), rs.getLong("answered"), rs.getLong("on_time"), rs.getLong("late"),
                rs.getLong("overdue"), rs.getLong("pending"), rs.getLong("adopted"), rs.getLong("partly"),
                rs.getLong("not_adopted"), rs.getLong("days_total"), rs.getLong("days_count")), args.toArray()));
    }

    /**
     * Instruments in scope per 领域 (domain) and month of issue (in the archive's zone). An instrument's domain is
     * its {@code domain} field, else its {@code kind} field (建议类别), when that value is one of {@code knownDomains};
     * otherwise its type name (e.g. 联席会议通知). Fields are stored as JSON text, so the known values are matched as
     * {@code "domain":"…"} / {@code "kind":"…"} members of that text.
     */
    public List<MonthCount> instrumentsByDomainAndMonth(Scope scope, List<String> knownDomains) {
        return computeInstrumentsByDomainAndMonth(scope, knownDomains);
    }

    private List<MonthCount> computeInstrumentsByDomainAndMonth(Scope scope, List<String> knownDomains) {
        Where where = where(scope);
        StringBuilder domain = new StringBuilder("CASE");
        List<Object> args = new ArrayList<>();
        for (int k = 0; k < knownDomains.size(); k++) {
            domain.append(" WHEN i.fields_json LIKE ? ESCAPE '!' THEN ").append(k + 1);
            args.add("%\"domain\":\"" + likeEscaped(knownDomains.get(k)) + "\"%");
        }
        for (int k = 0; k < knownDomains.size(); k++) {
            domain.append(" WHEN i.fields_json LIKE ? ESCAPE '!' THEN ").append(k + 1);
            args.add("%\"kind\":\"" + likeEscaped(knownDomains.get(k)) + "\"%");
        }
        domain.append(" ELSE 0 END");
        String issued = "(i.issued_at AT TIME ZONE '" + zone.getId() + "')";
        String sql = "SELECT t.d, t.type_name, t.y, t.m, COUNT(*) AS n FROM (SELECT " + domain + " AS d, i.type_name,"
                + " EXTRACT(YEAR FROM " + issued + ") AS y, EXTRACT(MONTH FROM " + issued + ") AS m FROM instruments i"
                + where.sql + ") t GROUP BY t.d, t.type_name, t.y, t.m";
        args.addAll(where.args);
        Map<String, Long> merged = new LinkedHashMap<>();
        read(() -> jdbc.query(sql, rs -> {
            int d = rs.getInt("d");
            String key = (d == 0 ? rs.getString("type_name") : knownDomains.get(d - 1)) + "\n" + rs.getInt("y") + "\n"
                    + rs.getInt("m");
            merged.merge(key, rs.getLong("n"), Long::sum);
        }, args.toArray()));
        return merged.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("\n");
            return new MonthCount(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), e.getValue());
        }).sorted(java.util.Comparator.comparing(MonthCount::year).thenComparing(MonthCount::month)
                .thenComparing(MonthCount::key)).toList();
    }

    /**
     * 逾期趋势: owed replies in scope that went past their deadline unanswered — answered late, or overdue — per month
     * of the deadline (key empty), oldest first; only deadlines before {@code today}.
     */
    public List<MonthCount> lapsesByDueMonth(Scope scope) {
        return List.copyOf(computeLapsesByDueMonth(scope));
    }

    private List<MonthCount> computeLapsesByDueMonth(Scope scope) {
        Where where = where(scope);
        String sql = "SELECT EXTRACT(YEAR FROM p.due_date) AS y, EXTRACT(MONTH FROM p.due_date) AS m, COUNT(*) AS n"
                + " FROM (" + owedReplies(where) + ") p"
                + " WHERE p.due_date < ? AND (p.first_day > p.due_date OR (p.first_day IS NULL AND p.awaiting = 1))"
                + " GROUP BY EXTRACT(YEAR FROM p.due_date), EXTRACT(MONTH FROM p.due_date)";
        List<Object> args = new ArrayList<>(where.args);
        args.add(scope.today());
        List<MonthCount> months = new ArrayList<>(read(() -> jdbc.query(sql,
                (rs, i) -> new MonthCount("", rs.getInt("y"), rs.getInt("m"), rs.getLong("n")), args.toArray())));
        months.sort(java.util.Comparator.comparing(MonthCount::year).thenComparing(MonthCount::month));
        return months;
    }

    /** Owed replies in scope answered late, overdue or still pending, by unit id, then deadline and number. */
    public List<LapsedReply> lapsedReplies(Scope scope) {
        return List.copyOf(computeLapsedReplies(scope));
    }

    private List<LapsedReply> computeLapsedReplies(Scope scope) {
        Where where = where(scope);
        String sql = "SELECT p.* FROM (" + owedReplies(where) + ") p"
                + " WHERE p.first_day > p.due_date OR (p.first_day IS NULL AND p.awaiting = 1)"
                + " ORDER BY p.unit_id, p.due_date, p.number_text";
        return read(() -> jdbc.query(sql, (rs, i) -> lapsed(rs, scope.today()), where.values()));
    }

    private LapsedReply lapsed(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = rs.getObject("due_date", LocalDate.class);
        Optional<LocalDate> first = Optional.ofNullable(rs.getObject("first_day", LocalDate.class));
        Lapse lapse = first.isPresent() ? Lapse.LATE : due.isBefore(today) ? Lapse.OVERDUE : Lapse.PENDING;
        return new LapsedReply(rs.getString("id"), rs.getString("number_text"), rs.getString("title"),
                units.byId(rs.getString("unit_id")), due, first, lapse);
    }

    /**
     * One row per owed reply: instrument, 主送 unit, deadline, delivery date, first reply date, adoption of the latest
     * reply, awaiting flag; plain columns kept by {@link RecordFigures#DELIVERED_ON_SQL} and
     * {@link RecordFigures#REPLY_SQL}.
     */
    private String owedReplies(Where where) {
        return "SELECT i.id, i.number_text, i.title, u.unit_id, i.due_date, i.delivered_on, u.latest_adoption AS adoption,"
                + " CASE WHEN i.status IN ('ISSUED', 'DELIVERED') THEN 1 ELSE 0 END AS awaiting,"
                + " " + localDate("u.first_response_at") + " AS first_day"
                + " FROM instruments i JOIN instrument_units u ON u.instrument_id = i.id AND u.role = 'MAIN'"
                + where.sql + " AND i.status <> 'WITHDRAWN' AND i.due_date IS NOT NULL";
    }

    /** The calendar date in the archive's zone of a TIMESTAMP WITH TIME ZONE column (same SQL on H2 and PostgreSQL). */
    private String localDate(String column) {
        // ZoneId ids are letters, digits, '/', '_', '+', '-': safe to inline; neither database takes it as a parameter here.
        // Not CAST(… AT TIME ZONE … AS DATE): H2 casts a TIMESTAMP WITH TIME ZONE to a date in the session's zone (the
        // JVM's), so 00:30 on 2 May in Shanghai became 1 May on a UTC server. The text of the shifted timestamp starts
        // with its local date on both databases ('2024-05-02 00:30:00+08' on H2, '2024-05-02 00:30:00' on PostgreSQL).
        return "CAST(SUBSTRING(CAST((" + column + " AT TIME ZONE '" + zone.getId() + "') AS VARCHAR(40)) FROM 1 FOR 10) AS DATE)";
    }

    /** Whole days from one DATE expression to a later one: an interval of timestamps, portable unlike date minus date. */
    private static String daysBetween(String from, String to) {
        return "EXTRACT(DAY FROM (CAST(" + to + " AS TIMESTAMP) - CAST(" + from + " AS TIMESTAMP)))";
    }

    private static String likeEscaped(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private record Where(String sql, List<Object> args) {
        Object[] values() {
            return args.toArray();
        }
    }

    private static Where where(Scope scope) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        scope.year().ifPresent(year -> {
            sql.append(" AND i.num_year = ?");
            args.add(year);
        });
        scope.unitId().ifPresent(unit -> {
            sql.append(" AND (i.issuing_unit = ? OR EXISTS (SELECT 1 FROM instrument_units s WHERE s.instrument_id = i.id"
                    + " AND s.role = 'MAIN' AND s.unit_id = ?))");
            args.add(unit);
            args.add(unit);
        });
        scope.issuingUnits().ifPresent(issuers -> {
            if (issuers.isEmpty()) {
                sql.append(" AND 1 = 0");
                return;
            }
            sql.append(" AND i.issuing_unit IN (").append(String.join(", ", Collections.nCopies(issuers.size(), "?")))
                    .append(")");
            args.addAll(issuers);
        });
        return new Where(sql.toString(), args);
    }

    private <T> T read(Supplier<T> query) {
        return readOnly.execute(status -> query.get());
    }

    private void read(Runnable query) {
        readOnly.executeWithoutResult(status -> query.run());
    }
}
