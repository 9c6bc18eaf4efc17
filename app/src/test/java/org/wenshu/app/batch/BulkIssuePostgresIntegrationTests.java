package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveDatabase;

/** The job repository in PostgreSQL (production): bulk-issue runs, is listed, and a rerun issues nothing twice. */
class BulkIssuePostgresIntegrationTests {

    @Test
    void bulkIssueKeepsItsJobRepositoryInPostgresql() throws IOException {
        String url = System.getenv("WENSHU_TEST_PG_URL");
        String user = System.getenv("WENSHU_TEST_PG_USER");
        String password = System.getenv("WENSHU_TEST_PG_PASSWORD");
        if (url == null || user == null || password == null) {
            fail("PostgreSQL tests need WENSHU_TEST_PG_URL, WENSHU_TEST_PG_USER and WENSHU_TEST_PG_PASSWORD: "
                    + "run the tests through ./wenshu test, which starts PostgreSQL and exports them");
        }
        String schema = "b_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
            new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        Path home = Files.createTempDirectory("wenshu-bulk-pg");
        try (InProcessCli cli = InProcessCli.start(home.resolve("data"),
                "wenshu.archive.database.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "wenshu.archive.database.username=" + user, "wenshu.archive.database.password=" + password)) {
            ConfigurableApplicationContext context = cli.context();
            Path data = BulkIssueFiles.baseData(home);
            Path list = home.resolve("list.csv");
            Files.writeString(list, "主送单位,标题\n市公安局,关于召开甲专题会议的通知\n市司法局,关于召开乙专题会议的通知\n",
                    StandardCharsets.UTF_8);

            Run first = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);
            Run again = cli.run("batch", "bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list);
            Run status = cli.run("batch", "status");

            assertThat(first.exitCode()).as(first.printed()).isZero();
            assertThat(again.out()).contains("已经完成");
            assertThat(status.out()).contains("bulk-issue", "COMPLETED", "2/2");
            assertThat(context.getBean(Archive.class).records(0, 10)).hasSize(2);
            assertThat(new JdbcTemplate(context.getBean(HikariDataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
        } finally {
            try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
                new JdbcTemplate(admin).execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
