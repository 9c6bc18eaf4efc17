package org.wenshu.archive;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A process that ends (System.exit, as on SIGTERM or at the end of a CLI command) while a transaction is open, and
 * whose own shutdown hook, like Spring's closing of the application context, rolls that transaction back and then
 * closes the pool a moment later. Prints {@code ROLLED BACK} or {@code FAILED <message>}.
 */
public final class ShutdownWhileInTransaction {

    private ShutdownWhileInTransaction() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource dataSource = ArchiveDatabase.embedded(Path.of(args[0]));
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS shutdown_probe (id INT)");
            connection.commit();
            statement.execute("INSERT INTO shutdown_probe VALUES (1)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(500); // the other hooks (H2's among them) run meanwhile
                connection.rollback();
                connection.close();
                dataSource.close();
                System.out.println("ROLLED BACK");
            } catch (Exception e) {
                System.out.println("FAILED " + e.getMessage());
            }
            System.out.flush();
        }));
        System.exit(0);
    }
}
