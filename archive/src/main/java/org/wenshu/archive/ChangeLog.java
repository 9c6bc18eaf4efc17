package org.wenshu.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record change log. A database sequence would hand out numbers in start order but commit them in any order,
 * and a follower reading "seq > last" would skip a late commit; taking the number from a locked head row at the end
 * of the transaction makes commit order and seq order the same.
 */
final class ChangeLog {

    private final JdbcTemplate jdbc;

    ChangeLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a change; must run inside a transaction, as late as possible (it holds the head row lock). */
    void append(String recordId, String kind, Instant at) {
        Long last = jdbc.queryForObject("SELECT last_seq FROM chain_heads WHERE name = 'changes' FOR UPDATE", Long.class);
        long seq = last + 1;
        jdbc.update("INSERT INTO record_changes (seq, record_id, kind, changed_at) VALUES (?, ?, ?, ?)",
                seq, recordId, kind, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        jdbc.update("UPDATE chain_heads SET last_seq = ? WHERE name = 'changes'", seq);
    }

    /** The seq of the last committed change, 0 when there is none. */
    long last() {
        Long last = jdbc.queryForObject("SELECT last_seq FROM chain_heads WHERE name = 'changes'", Long.class);
        return last == null ? 0 : last;
    }

    /** How many distinct records the changes up to {@code upToSeq} (inclusive) name. */
    long recordsChangedUpTo(long upToSeq) {
        Long count = jdbc.queryForObject("SELECT COUNT(DISTINCT record_id) FROM record_changes WHERE seq <= ?",
                Long.class, upToSeq);
        return count == null ? 0 : count;
    }

    List<RecordChange> since(long afterSeq, int limit) {
        return jdbc.query("SELECT seq, record_id, kind FROM record_changes WHERE seq > ? ORDER BY seq LIMIT ?",
                (rs, i) -> new RecordChange(rs.getLong("seq"), rs.getString("record_id"), rs.getString("kind")),
                afterSeq, limit);
    }
}
