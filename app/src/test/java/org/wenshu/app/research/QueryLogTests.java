package org.wenshu.app.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.JdbcTemplate;

/** The query log over the real migration (db/accounts/V2__query_log.sql) in an in-memory H2 database. */
class QueryLogTests {

    private JdbcTemplate jdbc;
    private QueryLog log;

    @BeforeEach
    void setUp() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:querylog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("db/accounts/V2__query_log.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        log = new QueryLog(jdbc, Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void listsSearchesThatFoundNothingFirstThenNewest() {
        log.record("社区矫正", 12, 7, QueryLog.Channel.PAGE);
        log.record("无此词", 0, 3, QueryLog.Channel.API);
        log.record("外出审批", 4, 5, QueryLog.Channel.PAGE);
        log.record("无此词", 0, 2, QueryLog.Channel.PAGE);

        List<QueryLog.Entry> recent = log.recent("", false, 10);

        assertThat(recent).extracting(QueryLog.Entry::query).containsExactly("无此词", "无此词", "外出审批", "社区矫正");
        assertThat(recent.get(2)).isEqualTo(new QueryLog.Entry("外出审批", 4, 5, Instant.parse("2026-03-01T02:00:00Z"),
                QueryLog.Channel.PAGE));
        assertThat(log.emptyQueries("", 10)).containsExactly(
                new QueryLog.EmptyQuery("无此词", 2, Instant.parse("2026-03-01T02:00:00Z")));
        assertThat(log.counts()).containsExactly(4, 2);
    }

    @Test
    void filtersByTextLiterallyWithoutWildcards() {
        log.record("100%_达标", 1, 1, QueryLog.Channel.PAGE);
        log.record("100 达标", 1, 1, QueryLog.Channel.PAGE);

        assertThat(log.recent("%_", false, 10)).extracting(QueryLog.Entry::query).containsExactly("100%_达标");
        assertThat(log.recent("达标", true, 10)).isEmpty();
    }

    @Test
    void keepsOnlyTheNewestRows() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < QueryLog.KEEP + 25; i++) {
            rows.add(new Object[] {"q" + i, i % 3, 1, Timestamp.from(Instant.now()), "API"});
        }
        jdbc.batchUpdate("INSERT INTO query_log (query_text, result_count, elapsed_ms, searched_at, channel) "
                + "VALUES (?, ?, ?, ?, ?)", rows);

        int deleted = log.prune();

        assertThat(deleted).isEqualTo(25);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM query_log", Long.class)).isEqualTo(QueryLog.KEEP);
        assertThat(jdbc.queryForObject("SELECT MIN(query_text) FROM query_log WHERE query_text IN ('q0', 'q24', 'q25')",
                String.class)).isEqualTo("q25");
    }

    @Test
    void theFirstSearchAfterStartPrunes() {
        jdbc.batchUpdate("INSERT INTO query_log (query_text, result_count, elapsed_ms, searched_at, channel) "
                + "VALUES (?, 0, 1, CURRENT_TIMESTAMP, 'API')", java.util.stream.IntStream.range(0, QueryLog.KEEP + 3)
                .mapToObj(i -> new Object[] {"old" + i}).toList());

        log.record("新的检索", 1, 1, QueryLog.Channel.PAGE);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM query_log", Long.class)).isEqualTo(QueryLog.KEEP);
        assertThat(log.recent("新的检索", false, 1)).hasSize(1);
    }

    @Test
    void aDatabaseFailureNeverFailsTheSearch() {
        jdbc.execute("DROP TABLE query_log");

        assertThatCode(() -> log.record("社区矫正", 1, 1, QueryLog.Channel.PAGE)).doesNotThrowAnyException();
    }

    @Test
    void cutsQueriesLongerThanTheColumn() {
        log.record("词".repeat(1500), 0, 1, QueryLog.Channel.API);

        assertThat(log.recent("", false, 1).get(0).query()).hasSize(1000);
    }
}
