package org.wenshu.archive;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A second process on the same home, as a CLI command beside a running server: prints the number of units. */
public final class EmbeddedDatabaseClient {

    private EmbeddedDatabaseClient() {
    }

    public static void main(String[] args) {
        try (HikariDataSource dataSource = ArchiveDatabase.embedded(Path.of(args[0]))) {
            System.out.println("UNITS " + new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM units", Integer.class));
        }
    }
}
