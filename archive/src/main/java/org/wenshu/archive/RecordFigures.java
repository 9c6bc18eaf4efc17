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

/**
 * 统计数字: SQL aggregates over the record database for the dashboard and the yearly supervision report. Portable SQL
 * (H2 2.x and PostgreSQL); every figure is computed by the database, never by loading records.
 *
 * <p>Terms. An <em>owed reply</em> (应回复事项) is a pair of an instrument with a reply deadline (回复期限) that was not
 * withdrawn and one of its 主送 units. Its <em>first reply</em> is the earliest response that unit submitted. Dates
 * of instants are calendar dates in the archive's zone (Asia/Shanghai unless configured). A reply is <em>on time</em>
 * (按期回复) when the first reply's date is on or before the deadline, <em>late</em> (逾期回复) when after it; an owed
 * reply without any response is <em>overdue</em> (逾期未回复) while the instrument still awaits replies (已发出 /
 * 已送达) and its deadline is before {@code today}, <em>pending</em> (未到期) while the deadline is today or later.
 * An instrument closed without a reply from a unit is none of these (the procuratorate recorded why).
 *
 * <p>Plain joins: the first reply instant and the latest reply's adoption of each 主送 unit
 * ({@code instrument_units.first_response_at}, {@code latest_adoption}) and an instrument's first delivery date
 * ({@code instruments.delivered_on}) are columns set by migration V8 and kept in the transactions that record a
 * response or a delivery ({@link #REPLY_SQL}, {@link #DELIVERED_ON_SQL}), so no figure re-aggregates the responses
 * or deliveries per owed reply.
 *
 * <p>Memoised: each figure is kept with the head of the record change log it was computed at and served again while
 * the head has not moved. Every change to instruments, deliveries and responses appends to that log in its own
 * transaction (issuing, lifecycle, responses), and the head is read from the shared database, so a figure is never
 * served after a change any node committed; between changes the dashboard asks the database one indexed row instead
 * of the aggregates (at 10,000 instruments each of them costs hundreds of milliseconds on a busy H2). The scope,
 * including its {@code today} and the viewer's issuing units, is part of the key.
 */
public final class RecordFigures {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Units units;
    private final ZoneId zone;
    private final Map<List<Object>, Memo> memo = Collections.synchronizedMap(
            new LinkedHashMap<List<Object>, Memo>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Memo> eldest) {
                    return size() > MEMO_ENTRIES;
                }
            });

    /** Figures kept: enough for every year and unit filter the dashboard offers to a handful of viewers at once. */
    static final int MEMO_ENTRIES = 512;

    /**
     * Sets an instrument's {@code delivered_on} (送达日期 the figures count reply days from) to its earliest delivery;
     * parameters: instrument id twice. Run in the transaction that records a delivery (V8 set the stored ones).
     */
    static final String DELIVERED_ON_SQL = "UPDATE instruments SET delivered_on ="
            + " (SELECT MIN(d.delivered_on) FROM deliveries d WHERE d.instrument_id = ?) WHERE id = ?";

    /**
     * Sets a 主送 unit's {@code first_response_at} (earliest response) and {@code latest_adoption} (adoption of its
     * latest response by submitted_at, then id) on its instrument_units row; parameters: instrument id, unit id,
     * three times over. Run in the transaction that records a response (V8 set the stored ones).
     */
    static final String REPLY_SQL = "UPDATE instrument_units SET"
            + " first_response_at = (SELECT MIN(r.submitted_at) FROM responses r"
            + " WHERE r.instrument_id = ? AND r.unit_id = ?),"
            + " latest_adoption = (SELECT r.adoption FROM responses r WHERE r.instrument_id = ? AND r.unit_id = ?"
            + " ORDER BY r.submitted_at DESC, r.id DESC FETCH FIRST 1 ROW ONLY)"
            + " WHERE instrument_id = ? AND unit_id = ? AND role = 'MAIN'";

    private record Memo(long head, Object value) {
    }

    RecordFigures(JdbcTemplate jdbc, TransactionTemplate tx, Units units, ZoneId zone) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.units = units;
        this.zone = zone;
    }

    /**
     * Which instruments the figures count.
     *
     * @param year         year of the document number (发文年度), when present
     * @param unitId       when present, only instruments this unit issued or receives as 主送
     * @param issuingUnits when present, only instruments issued by one of these units (a prosecutor's procuratorate)
     * @param today        the day overdue is judged on
     */
    public record Scope(Optional<Integer> year, Optional<String> unitId, Optional<Set<String>> issuingUnits,
                        LocalDate today) {

        public Scope {
            issuingUnits = issuingUnits.map(Set::copyOf);
        }
    }

    /**
     * The reply figures of one agency (主送 unit) over the owed replies in scope.
     *
     * @param owed              owed replies
     * @param answered          owed replies with at least one response
     * @param onTime            first reply on or before the deadline
     * @param late              first reply after the deadline
     * @param overdue           no response, deadline passed, instrument still awaiting replies
     * @param pending           no response, deadline not yet passed
     * @param adopted           answered replies whose latest response reports 采纳
     * @param partlyAdopted     … 部分采纳
     * @param notAdopted        … 未采纳
     * @param replyDaysTotal    sum over answered replies of the days from delivery (送达) to the first reply
     * @param replyDaysCount    answered replies with a delivery date (the divisor of the average)
     */
    public record AgencyReplies(Unit unit, long owed, long answered, long onTime, long late, long overdue, long pending,
                                long adopted, long partlyAdopted, long notAdopted, long replyDaysTotal,
                                long replyDaysCount) {
    }

    /** A count for one calendar month ({@code month} 1–12 of {@code year}) and, when grouped so, one key. */
    public record MonthCount(String key, int year, int month, long count) {
    }

    /** State of an owed reply that is not (yet) answered on time. */
    public enum Lapse {
        LATE("逾期回复"), OVERDUE("逾期未回复"), PENDING("未到期未回复");

        private final String label;

        Lapse(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One owed reply that was answered late or is not answered, for the lists of the yearly report. */
    public record LapsedReply(String recordId, String number, String title, Unit unit, LocalDate dueDate,
                              Optional<LocalDate> firstReplyOn, Lapse lapse) {
    }

    /** Instruments in scope per stored status (every status present, zero when none). */
    public Map<RecordStatus, Long> countByStatus(Scope scope) {
        return memoised(List.of("countByStatus", scope), () -> Collections.unmodifiableMap(computeCountByStatus(scope)));
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
        return memoised(List.of("countOverdue", scope), () -> computeCountOverdue(scope));
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
        return memoised(List.of("repliesByAgency", scope), () -> List.copyOf(computeRepliesByAgency(scope)));
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
        return memoised(List.of("instrumentsByDomainAndMonth", scope, List.copyOf(knownDomains)),
                () -> computeInstrumentsByDomainAndMonth(scope, knownDomains));
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
        return memoised(List.of("lapsesByDueMonth", scope), () -> List.copyOf(computeLapsesByDueMonth(scope)));
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
        return memoised(List.of("lapsedReplies", scope), () -> List.copyOf(computeLapsedReplies(scope)));
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
     * reply, awaiting flag; plain columns kept by {@link #DELIVERED_ON_SQL} and {@link #REPLY_SQL}.
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

    /**
     * The figure under {@code key} as computed at the current head of the change log. The head is read before
     * computing: a change committed meanwhile moves the head past the one stored, so the next call computes again.
     */
    @SuppressWarnings("unchecked")
    private <T> T memoised(List<Object> key, Supplier<T> compute) {
        Long head = jdbc.queryForObject("SELECT last_seq FROM chain_heads WHERE name = 'changes'", Long.class);
        long at = head == null ? -1 : head;
        Memo kept = memo.get(key);
        if (kept != null && kept.head() == at) {
            return (T) kept.value();
        }
        T value = compute.get();
        memo.put(key, new Memo(at, value));
        return value;
    }

    private <T> T read(Supplier<T> query) {
        return readOnly.execute(status -> query.get());
    }

    private void read(Runnable query) {
        readOnly.executeWithoutResult(status -> query.run());
    }
}
