package org.wenshu.app.research;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 检索日志: every search run through the page or the API — the query as typed, the number of records it found for
 * the user, the time it took in milliseconds and when — so that the coordination office can review the searches
 * that found nothing. Nothing that identifies a person is stored (no account, unit, address or session).
 *
 * <p>The table is bounded: it keeps the newest {@link #KEEP} rows; older rows are deleted at the first search after
 * the application starts and then every {@link #PRUNE_EVERY} searches. Writing the log never fails a search: a
 * database error is logged and the search result is still returned.
 */
public final class QueryLog {

    /** Rows kept: the newest 10,000 searches. */
    public static final int KEEP = 10_000;
    /** Searches between two prunings. */
    static final int PRUNE_EVERY = 100;

    private static final Logger log = LoggerFactory.getLogger(QueryLog.class);

    /** Where a search came from. */
    public enum Channel { PAGE, API }

    /**
     * One logged search.
     *
     * @param query         the query as typed
     * @param results       records found (the total the user may see, not the page)
     * @param elapsedMillis time to answer, in milliseconds
     * @param at            when it ran
     * @param channel       page or API
     */
    public record Entry(String query, long results, long elapsedMillis, Instant at, Channel channel) {
    }

    /**
     * A query that found nothing, with how often and when last it was searched.
     *
     * @param query the query as typed
     * @param times how many logged searches it was
     * @param last  the latest of them
     */
    public record EmptyQuery(String query, long times, Instant last) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();

    public QueryLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Logs one search; {@code query} longer than the column (1,000 characters) is cut. */
    public void record(String query, long results, long elapsedMillis, Channel channel) {
        String text = query.length() > 1000 ? query.substring(0, 1000) : query;
        try {
            jdbc.update("INSERT INTO query_log (query_text, result_count, elapsed_ms, searched_at, channel) "
                    + "VALUES (?, ?, ?, ?, ?)", text, results, (int) Math.min(Integer.MAX_VALUE, elapsedMillis),
                    Timestamp.from(clock.instant()), channel.name());
            if (written.getAndIncrement() % PRUNE_EVERY == 0) {
                prune();
            }
        } catch (DataAccessException e) {
            log.warn("cannot log a search: {}", e.getMessage());
        }
    }

    /** Deletes all but the newest {@link #KEEP} rows; returns how many were deleted. */
    int prune() {
        Long newest = jdbc.queryForObject("SELECT MAX(id) FROM query_log", Long.class);
        return newest == null ? 0 : jdbc.update("DELETE FROM query_log WHERE id <= ?", newest - KEEP);
    }

    /**
     * The latest searches, those that found nothing first, then newest first.
     *
     * @param containing only queries containing this text (case-sensitive); blank for all
     * @param emptyOnly  only searches that found nothing
     * @param limit      at most this many rows
     */
    public List<Entry> recent(String containing, boolean emptyOnly, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(containing, emptyOnly, args);
        args.add(limit);
        return jdbc.query("SELECT query_text, result_count, elapsed_ms, searched_at, channel FROM query_log" + where
                + " ORDER BY CASE WHEN result_count = 0 THEN 0 ELSE 1 END, searched_at DESC, id DESC"
                + " FETCH FIRST ? ROWS ONLY", QueryLog::entry, args.toArray());
    }

    /** Queries that found nothing, most often searched first; {@code containing} as in {@link #recent}. */
    public List<EmptyQuery> emptyQueries(String containing, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(containing, true, args);
        args.add(limit);
        return jdbc.query("SELECT query_text, COUNT(*) AS times, MAX(searched_at) AS last FROM query_log" + where
                + " GROUP BY query_text ORDER BY times DESC, last DESC FETCH FIRST ? ROWS ONLY",
                (rs, i) -> new EmptyQuery(rs.getString("query_text"), rs.getLong("times"),
                        rs.getTimestamp("last").toInstant()), args.toArray());
    }

    /** Number of logged searches, and of those that found nothing: {@code [all, empty]}. */
    public long[] counts() {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(CASE WHEN result_count = 0 THEN 1 ELSE 0 END), 0) "
                + "FROM query_log", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    private static String where(String containing, boolean emptyOnly, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (containing != null && !containing.isBlank()) {
            // POSITION rather than LIKE: the user's text needs no escaping of % and _ (H2 and PostgreSQL alike).
            conditions.add("POSITION(? IN query_text) > 0");
            args.add(containing.strip());
        }
        if (emptyOnly) {
            conditions.add("result_count = 0");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getString("query_text"), rs.getLong("result_count"), rs.getLong("elapsed_ms"),
                rs.getTimestamp("searched_at").toInstant(), Channel.valueOf(rs.getString("channel")));
    }
}
