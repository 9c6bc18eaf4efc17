package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one home share the embedded database through the first one's server (AUTO_SERVER). When the
 * first ends while the second is inside a transaction (a fixity job beside a shorter command), the second's
 * transaction still commits: the first waits for it before it closes the database, which H2 would otherwise close
 * under it at exit ("JDBC rollback; Database is already closed").
 */
class ShutdownOrderIntegrationTests {

    @Test
    void aProcessThatServesTheDatabaseLetsAnotherProcessFinishItsTransactionBeforeItEnds(@TempDir Path home)
            throws Exception {
        Path db = home.resolve("db");
        Path stop = home.resolve("stop");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", testClassPath(), ServingProcessThatEnds.class.getName(), db.toString(), stop.toString())
                .redirectError(home.resolve("owner.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as(() -> read(home.resolve("owner.err"))).isEqualTo("SERVING");

            try (HikariDataSource client = ArchiveDatabase.embedded(db); Connection connection = client.getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO shutdown_probe VALUES (1)");
                }
                Files.createFile(stop); // the serving process ends while this transaction is open
                Thread.sleep(1500);
                connection.commit();
            }
            assertThat(owner.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            owner.destroyForcibly();
        }
        try (HikariDataSource again = ArchiveDatabase.embedded(db)) {
            assertThat(new org.springframework.jdbc.core.JdbcTemplate(again)
                    .queryForObject("SELECT COUNT(*) FROM shutdown_probe", Integer.class)).isEqualTo(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Failsafe runs the tests from a manifest-only jar whose Class-Path lists the real test classpath. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
