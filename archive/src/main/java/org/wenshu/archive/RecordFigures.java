package org.wenshu.archive;

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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 统计数字: the figures of the dashboard and the yearly supervision report, counted over an in-memory projection of
 * the record database ({@link FigureRows}) that follows the record change log. Portable SQL (H2 2.x and PostgreSQL)
 * reads the projection; the figures themselves are plain loops over at most a few tens of thousands of small rows.
 *
 * <p>Terms. An <em>owed reply</em> (应回复事项) is a pair of an instrument with a reply deadline (回复期限) that was not
 * withdrawn and one of its 主送 units. Its <em>first reply</em> is the earliest response that unit submitted. Dates
 * of instants are calendar dates in the archive's zone (Asia/Shanghai unless configured). A reply is <em>on time</em>
 * (按期回复) when the first reply's date is on or before the deadline, <em>late</em> (逾期回复) when after it; an owed
 * reply without any response is <em>overdue</em> (逾期未回复) while the instrument still awaits replies (已发出 /
 * 已送达) and its deadline is before {@code today}, <em>pending</em> (未到期) while the deadline is today or later.
 * An instrument closed without a reply from a unit is none of these (the procuratorate recorded why).
 *
 * <p>Kept columns: the first reply instant and the latest reply's adoption of each 主送 unit
 * ({@code instrument_units.first_response_at}, {@code latest_adoption}) and an instrument's first delivery date
 * ({@code instruments.delivered_on}) are columns set by migration V8 and kept in the transactions that record a
 * response or a delivery ({@link #REPLY_SQL}, {@link #DELIVERED_ON_SQL}), so the projection never reads the responses
 * or deliveries themselves.
 *
 * <p>Fresh: every change to instruments, deliveries and responses appends to the record change log in the
 * transaction that makes it (issuing, lifecycle, responses); each figure first reads the log's head from the shared
 * database (one indexed row) and brings the projection up to it by reloading only the records changed since, so a
 * figure is never served after a change any node committed. The figure is then kept with that head for its scope (including
 * {@code today} and the viewer's issuing units) until the head moves. Under 20 users issuing and answering, the SQL
 * aggregates this replaced ran on every change at 0.3–2 s each on a 10,000-record H2 database; a reload of the few
 * changed rows takes a millisecond. A write that bypasses the archive (and so the change log) is not seen until
 * that record's next logged change or a full read (a restart, or a backlog of changes).
 *
 * <p>Order: agencies by unit id and lapsed replies by unit id, deadline and document number compare the Java strings
 * (code points), the same on H2 and on PostgreSQL whatever the database's collation. Not to be called inside a
 * transaction that writes records: the projection would take in a head not yet committed.
 */
public final class RecordFigures {

    private final Units units;
    private final FigureRows rows;
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
        this(jdbc, tx, units, zone, FigureRows.DELTA_LIMIT);
    }

    /** As in service, reading everything again after more than {@code deltaLimit} changes (tests use a small one). */
    RecordFigures(JdbcTemplate jdbc, TransactionTemplate tx, Units units, ZoneId zone, int deltaLimit) {
        TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
        readOnly.setReadOnly(true);
        this.units = units;
        this.rows = new FigureRows(jdbc, readOnly, zone, deltaLimit);
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

    /**
     * Reads the projection the figures count now (a second or two at 10,000 instruments), so that the first dashboard
     * after a start does not wait for it; later calls only bring in what changed.
     */
    public void prepare() {
        rows.at(rows.head());
    }

    /** Instruments in scope per stored status (every status present, zero when none). */
    public Map<RecordStatus, Long> countByStatus(Scope scope) {
        return memoised(List.of("countByStatus", scope), at -> Collections.unmodifiableMap(computeCountByStatus(at, scope)));
    }

    private Map<RecordStatus, Long> computeCountByStatus(FigureRows.Snapshot at, Scope scope) {
        Map<RecordStatus, Long> counts = new EnumMap<>(RecordStatus.class);
        for (RecordStatus status : RecordStatus.values()) {
            counts.put(status, 0L);
        }
        for (FigureRows.Row row : at.rows()) {
            if (inScope(row, scope)) {
                counts.merge(row.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Instruments in scope awaiting replies (已发出 / 已送达) whose due date is before {@code scope.today()}. */
    public long countOverdue(Scope scope) {
        return memoised(List.of("countOverdue", scope), at -> computeCountOverdue(at, scope));
    }

    private long computeCountOverdue(FigureRows.Snapshot at, Scope scope) {
        return at.rows().stream().filter(row -> inScope(row, scope) && row.awaiting() && row.dueDate() != null
                && row.dueDate().isBefore(scope.today())).count();
    }

    /** Reply figures per agency with at least one owed reply in scope, ordered by unit id. */
    public List<AgencyReplies> repliesByAgency(Scope scope) {
        return memoised(List.of("repliesByAgency", scope), at -> List.copyOf(computeRepliesByAgency(at, scope)));
    }

    private List<AgencyReplies> computeRepliesByAgency(FigureRows.Snapshot at, Scope scope) {
        Map<String, long[]> byUnit = new java.util.TreeMap<>();
        LocalDate today = scope.today();
        for (Owed owed : owedReplies(at, scope)) {
            long[] n = byUnit.computeIfAbsent(owed.main().unitId(), k -> new long[11]);
            LocalDate first = owed.main().firstDay();
            LocalDate due = owed.row().dueDate();
            n[0]++;
            if (first != null) {
                n[1]++;
                n[first.isAfter(due) ? 3 : 2]++;
                if (owed.row().deliveredOn() != null) {
                    n[9] += java.time.temporal.ChronoUnit.DAYS.between(owed.row().deliveredOn(), first);
                    n[10]++;
                }
            } else if (owed.row().awaiting()) {
                n[due.isBefore(today) ? 4 : 5]++;
            }
            String adoption = owed.main().adoption();
            if (Adoption.ADOPTED.name().equals(adoption)) {
                n[6]++;
            } else if (Adoption.PARTLY_ADOPTED.name().equals(adoption)) {
                n[7]++;
            } else if (Adoption.NOT_ADOPTED.name().equals(adoption)) {
                n[8]++;
            }
        }
        List<AgencyReplies> replies = new ArrayList<>();
        byUnit.forEach((unit, n) -> replies.add(new AgencyReplies(units.byId(unit), n[0], n[1], n[2], n[3], n[4], n[5],
                n[6], n[7], n[8], n[9], n[10])));
        return replies;
    }

    /**
     * Instruments in scope per 领域 (domain) and month of issue (in the archive's zone). An instrument's domain is
     * its {@code domain} field, else its {@code kind} field (建议类别), when that value is one of {@code knownDomains};
     * otherwise its type name (e.g. 联席会议通知). Fields are stored as JSON text, so the known values are matched as
     * {@code "domain":"…"} / {@code "kind":"…"} members of that text.
     */
    public List<MonthCount> instrumentsByDomainAndMonth(Scope scope, List<String> knownDomains) {
        return memoised(List.of("instrumentsByDomainAndMonth", scope, List.copyOf(knownDomains)),
                at -> computeInstrumentsByDomainAndMonth(at, scope, knownDomains));
    }

    private List<MonthCount> computeInstrumentsByDomainAndMonth(FigureRows.Snapshot at, Scope scope,
                                                                 List<String> knownDomains) {
        record Cell(String key, java.time.YearMonth month) {
        }
        Map<Cell, Long> counts = new java.util.HashMap<>();
        for (FigureRows.Row row : at.rows()) {
            if (!inScope(row, scope)) {
                continue;
            }
            String key = knownDomains.stream().filter(row.domains()::contains).findFirst()
                    .or(() -> knownDomains.stream().filter(row.kinds()::contains).findFirst())
                    .orElse(row.typeName());
            counts.merge(new Cell(key, java.time.YearMonth.from(row.issuedOn())), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .map(e -> new MonthCount(e.getKey().key(), e.getKey().month().getYear(),
                        e.getKey().month().getMonthValue(), e.getValue()))
                .sorted(java.util.Comparator.comparing(MonthCount::year).thenComparing(MonthCount::month)
                        .thenComparing(MonthCount::key)).toList();
    }

    /**
     * 逾期趋势: owed replies in scope that went past their deadline unanswered — answered late, or overdue — per month
     * of the deadline (key empty), oldest first; only deadlines before {@code today}.
     */
    public List<MonthCount> lapsesByDueMonth(Scope scope) {
        return memoised(List.of("lapsesByDueMonth", scope), at -> List.copyOf(computeLapsesByDueMonth(at, scope)));
    }

    private List<MonthCount> computeLapsesByDueMonth(FigureRows.Snapshot at, Scope scope) {
        Map<java.time.YearMonth, Long> months = new java.util.TreeMap<>();
        for (Owed owed : owedReplies(at, scope)) {
            LocalDate due = owed.row().dueDate();
            if (due.isBefore(scope.today()) && owed.lapsed()) {
                months.merge(java.time.YearMonth.from(due), 1L, Long::sum);
            }
        }
        return months.entrySet().stream()
                .map(e -> new MonthCount("", e.getKey().getYear(), e.getKey().getMonthValue(), e.getValue())).toList();
    }

    /** Owed replies in scope answered late, overdue or still pending, by unit id, then deadline and number. */
    public List<LapsedReply> lapsedReplies(Scope scope) {
        return memoised(List.of("lapsedReplies", scope), at -> List.copyOf(computeLapsedReplies(at, scope)));
    }

    private List<LapsedReply> computeLapsedReplies(FigureRows.Snapshot at, Scope scope) {
        LocalDate today = scope.today();
        return owedReplies(at, scope).stream().filter(Owed::lapsed)
                .sorted(java.util.Comparator.comparing((Owed o) -> o.main().unitId())
                        .thenComparing(o -> o.row().dueDate()).thenComparing(o -> o.row().numberText()))
                .map(o -> {
                    Optional<LocalDate> first = Optional.ofNullable(o.main().firstDay());
                    LocalDate due = o.row().dueDate();
                    Lapse lapse = first.isPresent() ? Lapse.LATE : due.isBefore(today) ? Lapse.OVERDUE : Lapse.PENDING;
                    return new LapsedReply(o.row().id(), o.row().numberText(), o.row().title(),
                            units.byId(o.main().unitId()), due, first, lapse);
                }).toList();
    }

    /** One owed reply: an instrument in scope with a deadline, not withdrawn, and one of its 主送 units. */
    private record Owed(FigureRows.Row row, FigureRows.Main main) {

        /** Answered after the deadline, or not answered while the instrument still awaits replies. */
        boolean lapsed() {
            return main.firstDay() != null ? main.firstDay().isAfter(row.dueDate()) : row.awaiting();
        }
    }

    private static List<Owed> owedReplies(FigureRows.Snapshot at, Scope scope) {
        List<Owed> owed = new ArrayList<>();
        for (FigureRows.Row row : at.rows()) {
            if (row.status() != RecordStatus.WITHDRAWN && row.dueDate() != null && inScope(row, scope)) {
                for (FigureRows.Main main : row.mains()) {
                    owed.add(new Owed(row, main));
                }
            }
        }
        return owed;
    }

    /**
     * Whether {@code row} is in {@code scope}: of its year; issued by its unit or addressed (主送) to it; issued by one
     * of its issuing units.
     */
    private static boolean inScope(FigureRows.Row row, Scope scope) {
        if (scope.year().isPresent() && scope.year().get() != row.year()) {
            return false;
        }
        if (scope.unitId().isPresent()) {
            String unit = scope.unitId().get();
            if (!row.issuingUnit().equals(unit) && row.mains().stream().noneMatch(m -> m.unitId().equals(unit))) {
                return false;
            }
        }
        return scope.issuingUnits().map(issuers -> issuers.contains(row.issuingUnit())).orElse(true);
    }

    /**
     * The figure under {@code key} as computed at the current head of the record change log. The head is read
     * first: a change committed meanwhile moves the head past the one stored, so the next call computes again.
     */
    @SuppressWarnings("unchecked")
    private <T> T memoised(List<Object> key, java.util.function.Function<FigureRows.Snapshot, T> compute) {
        long head = rows.head();
        Memo kept = memo.get(key);
        if (kept != null && kept.head() == head) {
            return (T) kept.value();
        }
        FigureRows.Snapshot at = rows.at(head);
        T value = compute.apply(at);
        memo.put(key, new Memo(at.head(), value));
        return value;
    }
}
