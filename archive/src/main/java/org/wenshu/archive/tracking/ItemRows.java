package org.wenshu.archive.tracking;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.Unit;

/** Reads lists, items, their units and reports from the record database; the effective status is judged here. */
final class ItemRows {

    private static final String ITEM_SELECT = "SELECT i.*, l.state AS list_state FROM tracked_items i "
            + "LEFT JOIN tracked_lists l ON l.id = i.list_id";
    private static final String ACTIVE = "(i.list_id IS NULL OR l.state = 'PUBLISHED')";

    private final JdbcTemplate jdbc;
    private final Function<String, Unit> units;

    ItemRows(JdbcTemplate jdbc, Function<String, Unit> units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    List<ItemList> lists(Optional<Integer> year, boolean publishedOnly) {
        StringBuilder sql = new StringBuilder("SELECT l.*, (SELECT COUNT(*) FROM tracked_items i WHERE i.list_id = l.id) AS n "
                + "FROM tracked_lists l WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        year.ifPresent(y -> {
            sql.append(" AND l.list_year = ?");
            args.add(y);
        });
        if (publishedOnly) {
            sql.append(" AND l.state = 'PUBLISHED'");
        }
        sql.append(" ORDER BY l.list_year DESC, l.created_at DESC");
        return jdbc.query(sql.toString(), (rs, i) -> list(rs), args.toArray());
    }

    Optional<ItemList> list(String id) {
        return jdbc.query("SELECT l.*, (SELECT COUNT(*) FROM tracked_items i WHERE i.list_id = l.id) AS n "
                + "FROM tracked_lists l WHERE l.id = ?", (rs, i) -> list(rs), id).stream().findFirst();
    }

    private ItemList list(ResultSet rs) throws SQLException {
        return new ItemList(rs.getString("id"), rs.getInt("list_year"), rs.getString("title"),
                units.apply(rs.getString("published_by")), ListState.valueOf(rs.getString("state")),
                instant(rs, "created_at"), Optional.ofNullable(instantOrNull(rs, "published_at")), rs.getInt("n"));
    }

    List<TrackedItem> items(ItemQuery query, LocalDate today) {
        StringBuilder sql = new StringBuilder(ITEM_SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        query.year().ifPresent(y -> {
            sql.append(" AND i.item_year = ?");
            args.add(y);
        });
        query.listId().ifPresent(id -> {
            sql.append(" AND i.list_id = ?");
            args.add(id);
        });
        query.source().ifPresent(kind -> {
            sql.append(" AND i.source_kind = ?");
            args.add(kind.name());
        });
        query.sourceId().ifPresent(id -> {
            sql.append(" AND i.source_id = ?");
            args.add(id);
        });
        query.responsibleUnit().ifPresent(unit -> {
            sql.append(" AND EXISTS (SELECT 1 FROM tracked_item_units u WHERE u.item_id = i.id AND u.unit_id = ?)");
            args.add(unit);
        });
        if (query.activeOnly()) {
            sql.append(" AND ").append(ACTIVE);
        }
        if (query.overdueOnly()) {
            sql.append(" AND ").append(ACTIVE).append(" AND i.due_date < ? AND EXISTS (SELECT 1 FROM tracked_item_units u "
                    + "WHERE u.item_id = i.id AND u.status IN ('OPEN', 'RETURNED')");
            args.add(Date.valueOf(today));
            query.responsibleUnit().ifPresent(unit -> {
                sql.append(" AND u.unit_id = ?");
                args.add(unit);
            });
            sql.append(")");
        }
        sql.append(" ORDER BY i.item_year DESC, i.source_kind DESC, i.source_id, i.item_number");
        List<Map<String, Object>> rows = jdbc.queryForList(sql.toString(), args.toArray());
        return rows.stream().map(row -> item(row, today)).toList();
    }

    Optional<TrackedItem> item(String id, LocalDate today) {
        return jdbc.queryForList(ITEM_SELECT + " WHERE i.id = ?", id).stream().findFirst().map(row -> item(row, today));
    }

    private TrackedItem item(Map<String, Object> row, LocalDate today) {
        String id = (String) row.get("id");
        String listState = (String) row.get("list_state");
        boolean active = row.get("list_id") == null || "PUBLISHED".equals(listState);
        Deadline deadline = new Deadline(date(row.get("due_date")), Optional.ofNullable((String) row.get("frequency")),
                ((Number) row.get("target_count")).intValue());
        List<UnitProgress> progress = jdbc.query("SELECT * FROM tracked_item_units WHERE item_id = ? ORDER BY position",
                (rs, i) -> {
                    ProgressStatus stored = ProgressStatus.valueOf(rs.getString("status"));
                    boolean overdue = active && (stored == ProgressStatus.OPEN || stored == ProgressStatus.RETURNED)
                            && deadline.passedOn(today);
                    return new UnitProgress(units.apply(rs.getString("unit_id")), UnitRole.valueOf(rs.getString("role")),
                            overdue ? ProgressStatus.OVERDUE : stored, rs.getInt("accepted_count"),
                            Optional.ofNullable(instantOrNull(rs, "completed_at")));
                }, id);
        return new TrackedItem(id, Optional.ofNullable((String) row.get("list_id")),
                SourceKind.valueOf((String) row.get("source_kind")), (String) row.get("source_id"),
                ((Number) row.get("item_number")).intValue(), ((Number) row.get("item_year")).intValue(),
                (String) row.get("title"), (String) row.get("description"), deadline, active, progress,
                toInstant(row.get("created_at")));
    }

    List<ProgressReport> reports(String itemId, Optional<String> unitId) {
        String sql = "SELECT * FROM progress_reports WHERE item_id = ?" + (unitId.isPresent() ? " AND unit_id = ?" : "")
                + " ORDER BY seq";
        Object[] args = unitId.isPresent() ? new Object[] {itemId, unitId.get()} : new Object[] {itemId};
        return jdbc.query(sql, (rs, i) -> report(rs), args);
    }

    Optional<ProgressReport> report(String reportId) {
        return jdbc.query("SELECT * FROM progress_reports WHERE id = ?", (rs, i) -> report(rs), reportId).stream()
                .findFirst();
    }

    private ProgressReport report(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        List<EvidenceFile> files = jdbc.query("SELECT * FROM files WHERE reference_id = ? AND role = 'EVIDENCE_FILE' "
                + "ORDER BY object_key", (f, i) -> new EvidenceFile(i + 1, f.getString("original_name"),
                f.getString("media_type"), f.getLong("size_bytes"), f.getString("sha256"), f.getString("object_key")), id);
        Date completed = rs.getDate("completed_on");
        return new ProgressReport(id, rs.getString("item_id"), units.apply(rs.getString("unit_id")),
                rs.getString("report_text"), Optional.ofNullable(completed).map(Date::toLocalDate),
                instant(rs, "submitted_at"), rs.getString("submitted_by"), Decision.valueOf(rs.getString("decision")),
                Optional.ofNullable(rs.getString("decision_reason")), Optional.ofNullable(instantOrNull(rs, "decided_at")),
                Optional.ofNullable(rs.getString("decided_by")), files);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }

    static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
