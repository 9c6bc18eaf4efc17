package org.wenshu.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The append-only audit trail. Each event's hash covers its content and the previous event's hash, so a changed,
 * inserted or deleted event breaks the chain; the chain head (last seq and hash) catches a cut-off tail.
 * Appends run inside the caller's transaction and serialise on the head row.
 */
final class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private static final RowMapper<AuditEvent> ROW = (rs, i) -> new AuditEvent(rs.getLong("seq"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
            Optional.ofNullable(rs.getString("record_id")), rs.getString("detail"), rs.getString("prev_hash"),
            rs.getString("hash"));

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an event; must run inside a transaction. */
    AuditEvent append(Instant at, String actor, String action, String recordId, Map<String, Object> detail) {
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM chain_heads WHERE name = 'audit' FOR UPDATE");
        long seq = ((Number) head.get("last_seq")).longValue() + 1;
        String previous = (String) head.get("last_hash");
        Instant occurred = at.truncatedTo(ChronoUnit.MILLIS);
        String detailJson = Json.canonical(detail);
        String hash = hash(seq, occurred, actor, action, recordId, detailJson, previous);
        jdbc.update("INSERT INTO audit_events (seq, occurred_at, actor, action, record_id, detail, prev_hash, hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                seq, OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC), actor, action, recordId, detailJson, previous, hash);
        jdbc.update("UPDATE chain_heads SET last_seq = ?, last_hash = ? WHERE name = 'audit'", seq, hash);
        return new AuditEvent(seq, occurred, actor, action, Optional.ofNullable(recordId), detailJson, previous, hash);
    }

    List<AuditEvent> eventsOf(String recordId) {
        return jdbc.query("SELECT * FROM audit_events WHERE record_id = ? ORDER BY seq", ROW, recordId);
    }

    List<AuditEvent> events(long afterSeq, int limit) {
        return jdbc.query("SELECT * FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?", ROW, afterSeq, limit);
    }

    /** Events matching {@code query}, newest first, {@code limit} from {@code offset}, with the total count. */
    AuditQuery.Page search(AuditQuery query, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        query.recordId().ifPresent(id -> {
            where.append(" AND record_id = ?");
            args.add(id);
        });
        query.actor().ifPresent(actor -> {
            where.append(" AND LOWER(actor) LIKE ? ESCAPE '!'");
            args.add("%" + actor.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        });
        query.action().ifPresent(action -> {
            where.append(" AND action = ?");
            args.add(action);
        });
        query.from().ifPresent(from -> {
            where.append(" AND occurred_at >= ?");
            args.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        query.until().ifPresent(until -> {
            where.append(" AND occurred_at < ?");
            args.add(OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
        });
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_events" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<AuditEvent> items = jdbc.query("SELECT * FROM audit_events" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                ROW, pageArgs.toArray());
        return new AuditQuery.Page(items, total == null ? 0 : total, offset, limit);
    }

    /** The distinct actions recorded so far, alphabetically. */
    List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_events ORDER BY action", String.class);
    }

    AuditReport verify() {
        List<String> problems = new ArrayList<>();
        String previous = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        long after = 0;
        while (true) {
            List<AuditEvent> page = events(after, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEvent event : page) {
                checked++;
                if (event.seq() != expectedSeq) {
                    problems.add("审计事件 " + expectedSeq + (event.seq() - expectedSeq > 1 ? "–" + (event.seq() - 1) : "")
                            + " 缺失（已被删除）");
                }
                if (!event.previousHash().equals(previous)) {
                    problems.add("审计事件 " + event.seq() + " 的前序哈希与上一事件不符（链条断裂）");
                }
                String recomputed = hash(event.seq(), event.occurredAt(), event.actor(), event.action(),
                        event.recordId().orElse(null), event.detail(), event.previousHash());
                if (!recomputed.equals(event.hash())) {
                    problems.add("审计事件 " + event.seq() + " 的内容已被改动（哈希不符）");
                }
                previous = event.hash();
                expectedSeq = event.seq() + 1;
                after = event.seq();
            }
        }
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM chain_heads WHERE name = 'audit'");
        long headSeq = ((Number) head.get("last_seq")).longValue();
        if (headSeq != after) {
            problems.add("审计链末端应为事件 " + headSeq + "，实际为 " + after + "（尾部事件被删除）");
        } else if (!head.get("last_hash").equals(previous)) {
            problems.add("审计链末端哈希不符（最后的事件被改动）");
        }
        return new AuditReport(checked, problems);
    }

    static String hash(long seq, Instant at, String actor, String action, String recordId, String detail, String previous) {
        String canonical = seq + "\n" + at.truncatedTo(ChronoUnit.MILLIS) + "\n" + actor + "\n" + action + "\n"
                + (recordId == null ? "" : recordId) + "\n" + detail + "\n" + previous;
        return Hashes.sha256(canonical);
    }

}
