package org.wenshu.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection of the record database that {@link RecordFigures} counts: one small row per instrument (no fields
 * JSON, no files) with its 主送 units, held in memory and brought up to the head of the record change log on demand.
 * A first call, or one that finds more changes since the last than its delta limit ({@value #DELTA_LIMIT} in
 * service), reads every instrument
 * (a second or two for 10,000 on a busy 2-core machine, most of it reading the fields JSON for the domain); later
 * calls reload only the instruments the log names since the head they were taken at. Well under a kilobyte per
 * instrument.
 *
 * <p>Consistency: the change log's seq follows commit order and each change moves the head in the transaction
 * that makes the change
 * ({@link ChangeLog}), so once head H is read every change up to H is committed and visible; rows read afterwards may
 * already show later changes, which the next refresh reads again.
 */
final class FigureRows {

    /** Changes since the last refresh above which the service reads everything again, not the changed records. */
    static final int DELTA_LIMIT = 2_000;

    /** Ids per {@code IN (…)} list when reloading changed records. */
    private static final int BATCH = 500;

    /** One 主送 unit of an instrument: its first reply's calendar date and its latest reply's adoption, if any. */
    record Main(String unitId, LocalDate firstDay, String adoption) {
    }

    /**
     * One instrument as the figures see it.
     *
     * @param issuedOn calendar date of issue in the archive's zone
     * @param domains  the raw values of every {@code "domain":"…"} member in the fields JSON text, in order
     * @param kinds    the same for {@code "kind":"…"}
     */
    record Row(String id, String numberText, String title, String issuingUnit, int year, RecordStatus status,
               LocalDate dueDate, LocalDate deliveredOn, LocalDate issuedOn, String typeName, List<String> domains,
               List<String> kinds, List<Main> mains) {

        boolean awaiting() {
            return status == RecordStatus.ISSUED || status == RecordStatus.DELIVERED;
        }
    }

    /** Every instrument's row at change-log head {@code head}. */
    record Snapshot(long head, Collection<Row> rows) {
    }

    private record Taken(long head, Map<String, Row> byId) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ZoneId zone;
    private final int deltaLimit;
    private volatile Taken taken;

    FigureRows(JdbcTemplate jdbc, TransactionTemplate readOnly, ZoneId zone, int deltaLimit) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
        this.zone = zone;
        this.deltaLimit = deltaLimit;
    }

    /** The head of the record change log, as committed in the shared database now. */
    long head() {
        Long head = jdbc.queryForObject("SELECT last_seq FROM chain_heads WHERE name = 'changes'", Long.class);
        return head == null ? 0 : head;
    }

    /** The projection at {@code head} or later (taken at least at that head; never older). */
    Snapshot at(long head) {
        Taken now = taken;
        if (now == null || now.head < head) {
            synchronized (this) {
                now = taken;
                if (now == null || now.head < head) {
                    Taken before = now;
                    now = readOnly.execute(status -> before == null ? all() : since(before));
                    taken = now;
                }
            }
        }
        return new Snapshot(now.head, Collections.unmodifiableCollection(now.byId.values()));
    }

    private Taken all() {
        long head = head();
        Map<String, Row> rows = new HashMap<>();
        load("", List.of(), rows);
        return new Taken(head, rows);
    }

    private Taken since(Taken before) {
        long head = head();
        if (head == before.head) {
            return before;
        }
        if (head < before.head) {
            // The log went back (a database restored or created anew under a running process): read everything.
            return all();
        }
        Set<String> changed = new LinkedHashSet<>(jdbc.queryForList(
                "SELECT record_id FROM record_changes WHERE seq > ? AND seq <= ?", String.class, before.head, head));
        if (changed.size() > deltaLimit) {
            return all();
        }
        Map<String, Row> rows = new HashMap<>(before.byId);
        List<String> ids = new ArrayList<>(changed);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            // Change-log ids also name reference texts, leads and meetings: those are not instruments and load nothing.
            batch.forEach(rows::remove);
            load(" WHERE i.id IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")", batch, rows);
        }
        return new Taken(head, rows);
    }

    /** Reads the instruments {@code where} selects, with their 主送 units, into {@code rows}. */
    private void load(String where, List<String> args, Map<String, Row> rows) {
        Map<String, List<Main>> mains = new HashMap<>();
        String unitsWhere = where.isEmpty() ? " WHERE u.role = 'MAIN'"
                : where.replace("i.id", "u.instrument_id") + " AND u.role = 'MAIN'";
        jdbc.query("SELECT u.instrument_id, u.unit_id, u.first_response_at, u.latest_adoption FROM instrument_units u"
                + unitsWhere + " ORDER BY u.instrument_id, u.position", (RowCallbackHandler) rs -> {
                    OffsetDateTime first = rs.getObject("first_response_at", OffsetDateTime.class);
                    mains.computeIfAbsent(rs.getString("instrument_id"), k -> new ArrayList<>()).add(new Main(
                            rs.getString("unit_id"), first == null ? null : first.atZoneSameInstant(zone).toLocalDate(),
                            rs.getString("latest_adoption")));
                }, args.toArray());
        jdbc.query("SELECT i.id, i.number_text, i.title, i.issuing_unit, i.num_year, i.status, i.due_date,"
                + " i.delivered_on, i.issued_at, i.type_name, i.fields_json FROM instruments i" + where,
                (RowCallbackHandler) rs -> {
                    String id = rs.getString("id");
                    String fields = rs.getString("fields_json");
                    Instant issuedAt = rs.getObject("issued_at", OffsetDateTime.class).toInstant();
                    rows.put(id, new Row(id, rs.getString("number_text"), rs.getString("title"),
                            rs.getString("issuing_unit"), rs.getInt("num_year"), RecordStatus.valueOf(rs.getString("status")),
                            rs.getObject("due_date", LocalDate.class), rs.getObject("delivered_on", LocalDate.class),
                            issuedAt.atZone(zone).toLocalDate(), rs.getString("type_name"), members(fields, "domain"),
                            members(fields, "kind"), List.copyOf(mains.getOrDefault(id, List.of()))));
                }, args.toArray());
    }

    /**
     * The raw text between {@code "name":"} and the next {@code "} at each place of the JSON text (canonical JSON: no
     * spaces around the colon), as a SQL {@code LIKE '%"name":"value"%'} over the text would match {@code value}.
     */
    static List<String> members(String json, String name) {
        String marker = "\"" + name + "\":\"";
        List<String> found = List.of();
        for (int at = json.indexOf(marker); at >= 0; at = json.indexOf(marker, at + 1)) {
            int start = at + marker.length();
            int end = json.indexOf('"', start);
            if (end < 0) {
                break;
            }
            if (found.isEmpty()) {
                found = new ArrayList<>(1);
            }
            found.add(json.substring(start, end));
        }
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }
}
