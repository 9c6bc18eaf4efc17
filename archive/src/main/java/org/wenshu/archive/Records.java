package org.wenshu.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads committed records, their files, responses and register entries from the database. */
final class Records {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Units units;

    Records(JdbcTemplate jdbc, TransactionTemplate tx, Units units) {
        this.jdbc = jdbc;
        // One connection per read: a read is several queries (a record's rows, then its units, deliveries and files;
        // a response's files), and outside a transaction each would take another pooled connection.
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.units = units;
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        return readOnly.execute(status -> query.get());
    }

    Optional<InstrumentRecord> find(String id) {
        return read(() -> records("SELECT * FROM instruments WHERE id = ?", id).stream().findFirst());
    }

    /** The record with this id or printed document number. */
    InstrumentRecord resolve(String idOrNumber) {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            throw new RequestInvalid("缺少文书编号或记录号");
        }
        return find(idOrNumber.strip()).or(() -> findByNumber(idOrNumber.strip()))
                .orElseThrow(() -> new RecordNotFound(idOrNumber));
    }

    /** Locks the record's row for the rest of the current transaction and reads it. */
    InstrumentRecord locked(String id) {
        jdbc.queryForList("SELECT id FROM instruments WHERE id = ? FOR UPDATE", id);
        return find(id).orElseThrow(() -> new RecordNotFound(id));
    }

    Optional<InstrumentRecord> findByNumber(String numberText) {
        return read(() -> records("SELECT * FROM instruments WHERE number_text = ?", numberText).stream().findFirst());
    }

    /** See {@link Archive#committedAt}: COALESCE for a row an older version committed before the column existed. */
    Optional<Instant> committedAt(String key) {
        return read(() -> jdbc.query("SELECT COALESCE(committed_at, issued_at) FROM instruments WHERE idempotency_key = ?",
                (rs, row) -> RecordFiles.toInstant(rs.getObject(1)), key).stream().findFirst());
    }

    Optional<InstrumentRecord> findByKey(String key) {
        return read(() -> records("SELECT * FROM instruments WHERE idempotency_key = ?", key).stream().findFirst());
    }

    /** See {@link Archive#findIssuedAlike}: candidates by type, issuing unit and title (indexed), then the fields. */
    Optional<InstrumentRecord> findAlike(String typeId, String issuingUnitId, String title, Map<String, Object> fields) {
        Map<String, Object> wanted = Json.readMap(Json.compact(fields));
        return read(() -> records("SELECT * FROM instruments WHERE type_id = ? AND title = ? AND issuing_unit = ? "
                + "AND status <> 'WITHDRAWN' ORDER BY issued_at", typeId, title, issuingUnitId).stream()
                .filter(record -> Json.readMap(Json.compact(record.fields())).equals(wanted)).findFirst());
    }

    List<InstrumentRecord> list(int offset, int limit) {
        return read(() -> records("SELECT * FROM instruments ORDER BY issued_at, issuing_unit, prefix, num_year, serial "
                + "LIMIT ? OFFSET ?", limit, offset));
    }

    /** Stands for the 主送 condition in a query's WHERE, written one way for counting and another for paging. */
    private static final String ADDRESSED = " AND {addressed}";

    /** Records matching {@code query}, newest first, {@code limit} from {@code offset}, with the total count. */
    RecordQuery.Page query(RecordQuery query, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        // First, so that its argument is the first whichever way it is written below.
        query.addressedTo().ifPresent(unit -> {
            where.append(ADDRESSED);
            args.add(unit);
        });
        // Addressed (主送) to a unit the viewer sees through is visible already: the inbox then skips the per-row test.
        var visible = query.visibleTo().filter(units -> query.addressedTo().map(u -> !units.contains(u)).orElse(true));
        visible.ifPresent(units -> {
            if (units.isEmpty()) {
                where.append(" AND 1 = 0");
                return;
            }
            String marks = String.join(", ", java.util.Collections.nCopies(units.size(), "?"));
            where.append(" AND (i.issuing_unit IN (").append(marks).append(") OR EXISTS (SELECT 1 FROM instrument_units u ")
                    .append("WHERE u.instrument_id = i.id AND u.unit_id IN (").append(marks).append(")))");
            args.addAll(units);
            args.addAll(units);
        });
        query.issuingUnits().ifPresent(units -> {
            if (units.isEmpty()) {
                where.append(" AND 1 = 0");
                return;
            }
            where.append(" AND i.issuing_unit IN (").append(String.join(", ", java.util.Collections.nCopies(units.size(), "?")))
                    .append(")");
            args.addAll(units);
        });
        query.typeId().ifPresent(type -> {
            where.append(" AND i.type_id = ?");
            args.add(type);
        });
        query.status().ifPresent(status -> {
            where.append(" AND i.status = ?");
            args.add(status.name());
        });
        query.year().ifPresent(year -> {
            where.append(" AND i.num_year = ?");
            args.add(year);
        });
        query.overdueOn().ifPresent(day -> {
            where.append(" AND i.status IN ('ISSUED', 'DELIVERED') AND i.due_date < ?");
            args.add(day);
        });
        List<Object> pageArgs = new java.util.ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        return read(() -> {
            // Counted from the addressed unit's rows (a join on instrument_units' primary key: at most one per record),
            // not by testing every record. Not "i.id IN (SELECT …)": H2 runs such a subquery again for every outer row
            // whenever any table changed since its last run, so under concurrent issuing one inbox count took 10–30 s.
            String count = query.addressedTo().isPresent()
                    ? "SELECT COUNT(*) FROM instruments i JOIN instrument_units m ON m.instrument_id = i.id"
                            + " AND m.role = 'MAIN' AND m.unit_id = ?" + where.toString().replace(ADDRESSED, "")
                    : "SELECT COUNT(*) FROM instruments i" + where;
            Long total = jdbc.queryForObject(count, Long.class, args.toArray());
            // Paged newest first through instruments_newest, testing each record (EXISTS) until the page is full: the
            // join made the database read and sort all of a unit's thousands of records for 20. Then the 20 rows with
            // their JSON fields, by id.
            List<String> ids = jdbc.queryForList("SELECT i.id FROM instruments i" + where.toString().replace(ADDRESSED,
                    " AND EXISTS (SELECT 1 FROM instrument_units m WHERE m.instrument_id = i.id AND m.role = 'MAIN'"
                            + " AND m.unit_id = ?)")
                    + " ORDER BY i.issued_at DESC, i.id DESC LIMIT ? OFFSET ?", String.class, pageArgs.toArray());
            return new RecordQuery.Page(byIds(ids), total == null ? 0 : total, offset, limit);
        });
    }

    static StoredFile file(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getString("object_key"), rs.getString("sha256"), rs.getLong("size_bytes"),
                rs.getString("media_type"));
    }

    List<StoredResponse> responses(String instrumentId) {
        return read(() -> jdbc.query("SELECT * FROM responses WHERE instrument_id = ? ORDER BY submitted_at, id", (rs, i) -> {
            String responseId = rs.getString("id");
            List<ResponseFile> attachments = jdbc.query(
                    "SELECT * FROM files WHERE response_id = ? AND role = 'RESPONSE_FILE' ORDER BY object_key",
                    (f, j) -> new ResponseFile(f.getString("original_name"), file(f),
                            Optional.ofNullable(f.getString("extracted_text")).orElse("")), responseId);
            StoredFile json = jdbc.queryForObject("SELECT * FROM files WHERE response_id = ? AND role = 'RESPONSE_JSON'",
                    (f, j) -> file(f), responseId);
            return new StoredResponse(responseId, instrumentId, units.byId(rs.getString("unit_id")),
                    rs.getString("measures"), rs.getString("results"), Adoption.valueOf(rs.getString("adoption")),
                    rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), attachments, json);
        }, instrumentId));
    }

    List<RegisterEntry> register(Optional<String> issuingUnit, Optional<Integer> year) {
        return register(issuingUnit.map(List::of), year, Optional.empty(), 0, Integer.MAX_VALUE).items();
    }

    /**
     * Register entries of {@code issuingUnits} (in that order of units; empty: every unit, by unit id), optionally of
     * one year and state, then by prefix, year and serial: {@code limit} from {@code offset}, counted in SQL.
     */
    RegisterEntry.Page register(Optional<List<String>> issuingUnits, Optional<Integer> year,
                                Optional<RegisterEntry.State> state, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        StringBuilder order = new StringBuilder(" ORDER BY ");
        List<Object> orderArgs = new java.util.ArrayList<>();
        if (issuingUnits.isPresent()) {
            List<String> unitIds = issuingUnits.get();
            if (unitIds.isEmpty()) {
                return new RegisterEntry.Page(List.of(), 0, offset, limit);
            }
            where.append(" AND issuing_unit IN (").append(String.join(", ", java.util.Collections.nCopies(unitIds.size(), "?")))
                    .append(")");
            args.addAll(unitIds);
            if (unitIds.size() > 1) {
                order.append("CASE issuing_unit");
                for (int i = 0; i < unitIds.size(); i++) {
                    order.append(" WHEN ? THEN ").append(i);
                    orderArgs.add(unitIds.get(i));
                }
                order.append(" END, ");
            }
        }
        order.append("issuing_unit, prefix, num_year, serial");
        year.ifPresent(y -> {
            where.append(" AND num_year = ?");
            args.add(y);
        });
        state.ifPresent(s -> {
            where.append(" AND state = ?");
            args.add(s.name());
        });
        return read(() -> {
            Long total = jdbc.queryForObject("SELECT COUNT(*) FROM register_entries" + where, Long.class, args.toArray());
            List<Object> pageArgs = new java.util.ArrayList<>(args);
            pageArgs.addAll(orderArgs);
            pageArgs.add(limit);
            pageArgs.add(offset);
            List<RegisterEntry> items = jdbc.query("SELECT * FROM register_entries" + where + order + " LIMIT ? OFFSET ?",
                    (rs, i) -> new RegisterEntry(rs.getString("issuing_unit"),
                            new DocumentNumber(rs.getString("prefix"), rs.getInt("num_year"), rs.getInt("serial")),
                            RegisterEntry.State.valueOf(rs.getString("state")), rs.getString("record_id"),
                            rs.getString("type_id"), rs.getString("title"),
                            rs.getObject("reserved_at", OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rs.getString("void_reason"))),
                    pageArgs.toArray());
            return new RegisterEntry.Page(items, total == null ? 0 : total, offset, limit);
        });
    }

    /** The records with these ids, in the order given (ids without a record are left out). */
    private List<InstrumentRecord> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, InstrumentRecord> found = new java.util.HashMap<>();
        for (InstrumentRecord record : records("SELECT * FROM instruments WHERE id IN (" + marks(ids.size()) + ")",
                ids.toArray())) {
            found.put(record.id(), record);
        }
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The records a query over {@code instruments} selects, in its order: the rows, then their deliveries, 主送 / 抄送
     * units and files in one query each for all of them (a page of 20 asked 80 small queries before).
     */
    private List<InstrumentRecord> records(String sql, Object... args) {
        List<Row> rows = jdbc.query(sql, (rs, i) -> row(rs), args);
        if (rows.isEmpty()) {
            return List.of();
        }
        // Units by id once per read: a page names the same few units again and again.
        Map<String, Unit> named = new java.util.HashMap<>();
        java.util.function.Function<String, Unit> unit = id -> named.computeIfAbsent(id, units::byId);
        Map<String, Delivery> deliveries = new java.util.HashMap<>();
        Map<String, List<Unit>> mains = new java.util.HashMap<>();
        Map<String, List<Unit>> copies = new java.util.HashMap<>();
        Map<String, List<StoredFile>> files = new java.util.HashMap<>();
        List<String> all = rows.stream().map(Row::id).toList();
        // In slices: a long read (the fixity job's range of records) would pass PostgreSQL's 65,535 parameters.
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> ids = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String in = " IN (" + marks(ids.size()) + ")";
            Object[] idArgs = ids.toArray();
            // The latest delivery of each record (highest id), as the single-record read took it.
            jdbc.query("SELECT * FROM deliveries WHERE instrument_id" + in + " ORDER BY id", (RowCallbackHandler) d ->
                    deliveries.put(d.getString("instrument_id"), new Delivery(DeliveryMethod.valueOf(d.getString("method")),
                            d.getObject("delivered_on", LocalDate.class), Optional.ofNullable(d.getString("note")))),
                    idArgs);
            jdbc.query("SELECT instrument_id, unit_id, role FROM instrument_units WHERE instrument_id" + in
                    + " AND role IN ('MAIN', 'COPY') ORDER BY instrument_id, role, position", (RowCallbackHandler) u ->
                    ("MAIN".equals(u.getString("role")) ? mains : copies)
                            .computeIfAbsent(u.getString("instrument_id"), k -> new java.util.ArrayList<>())
                            .add(unit.apply(u.getString("unit_id"))), idArgs);
            jdbc.query("SELECT * FROM files WHERE instrument_id" + in + " AND response_id IS NULL ORDER BY object_key",
                    (RowCallbackHandler) f -> files.computeIfAbsent(f.getString("instrument_id"),
                            k -> new java.util.ArrayList<>()).add(file(f)), idArgs);
        }
        return rows.stream().map(r -> new InstrumentRecord(r.id, r.number, r.typeId, r.typeName, r.title,
                unit.apply(r.issuingUnit), List.copyOf(mains.getOrDefault(r.id, List.of())),
                List.copyOf(copies.getOrDefault(r.id, List.of())), r.urgent, r.term, r.status, r.issuedAt, r.dueDate,
                Optional.ofNullable(deliveries.get(r.id)), r.closing, r.withdrawReason, r.fields,
                List.copyOf(files.getOrDefault(r.id, List.of())), r.idempotencyKey)).toList();
    }

    /** Ids per {@code IN (…)} list of the follow-up queries. */
    private static final int IN_LIST = 1_000;

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** The columns of one {@code instruments} row, before its units, delivery and files are joined in. */
    private record Row(String id, DocumentNumber number, String typeId, String typeName, String title,
                       String issuingUnit, boolean urgent, ReplyTerm term, RecordStatus status, Instant issuedAt,
                       Optional<LocalDate> dueDate, Optional<Closing> closing, Optional<String> withdrawReason,
                       Map<String, Object> fields, String idempotencyKey) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        Optional<Closing> closing = Optional.empty();
        String evaluation = rs.getString("evaluation");
        if (evaluation != null) {
            closing = Optional.of(new Closing(Adoption.valueOf(evaluation),
                    Optional.ofNullable(rs.getString("closing_note")).orElse(""),
                    rs.getObject("closed_at", OffsetDateTime.class).toInstant()));
        }
        String period = rs.getString("reply_period");
        LocalDate fixed = rs.getObject("fixed_due_date", LocalDate.class);
        ReplyTerm term = period != null ? ReplyTerm.within(Period.parse(period))
                : fixed != null ? ReplyTerm.by(fixed) : ReplyTerm.none();
        return new Row(rs.getString("id"),
                new DocumentNumber(rs.getString("prefix"), rs.getInt("num_year"), rs.getInt("serial")),
                rs.getString("type_id"), rs.getString("type_name"), rs.getString("title"), rs.getString("issuing_unit"),
                rs.getBoolean("urgent"), term, RecordStatus.valueOf(rs.getString("status")),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject("due_date", LocalDate.class)), closing,
                Optional.ofNullable(rs.getString("withdraw_reason")), Json.readMap(rs.getString("fields_json")),
                rs.getString("idempotency_key"));
    }
}
