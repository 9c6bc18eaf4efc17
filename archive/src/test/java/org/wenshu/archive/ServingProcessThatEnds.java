package org.wenshu.archive;

import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first process on a home (it serves the embedded database to the others), as a short CLI command: prints
 * {@code SERVING} once it has the database, ends when the file {@code args[1]} appears, closing its pool as the
 * application context does, then exits.
 */
public final class ServingProcessThatEnds {

    private ServingProcessThatEnds() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource dataSource = ArchiveDatabase.embedded(Path.of(args[0]));
        new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS shutdown_probe (id INT)");
        System.out.println("SERVING");
        System.out.flush();
        while (!Files.exists(Path.of(args[1]))) {
            Thread.sleep(20);
        }
        dataSource.close();
        System.exit(0);
    }
}
