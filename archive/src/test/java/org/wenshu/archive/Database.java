package org.wenshu.archive;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

/** The two databases every database test runs against: the embedded H2 file and PostgreSQL. */
enum Database {
    H2, POSTGRESQL;

    /** A fresh, empty database: an H2 file under {@code dir}, or a new schema in the test PostgreSQL database. */
    TestDatabase open(Path dir) {
        if (this == H2) {
            Path db = dir.resolve("db");
            return new TestDatabase(ArchiveDatabase.embeddedUrl(db), ArchiveDatabase.EMBEDDED_USER,
                    ArchiveDatabase.embeddedPassword(db), () -> { });
        }
        String url = System.getenv("WENSHU_TEST_PG_URL");
        String user = System.getenv("WENSHU_TEST_PG_USER");
        String password = System.getenv("WENSHU_TEST_PG_PASSWORD");
        if (url == null || user == null || password == null) {
            fail("PostgreSQL tests need WENSHU_TEST_PG_URL, WENSHU_TEST_PG_USER and WENSHU_TEST_PG_PASSWORD: "
                    + "run the tests through ./wenshu test, which starts PostgreSQL and exports them");
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
            new org.springframework.jdbc.core.JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(schemaUrl, user, password, () -> {
            try (HikariDataSource admin = ArchiveDatabase.pool(url, user, password)) {
                new org.springframework.jdbc.core.JdbcTemplate(admin).execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
    }

    /** Connection details of one test database and how to drop it. */
    record TestDatabase(String url, String user, String password, Runnable drop) {
        HikariDataSource pool() {
            return ArchiveDatabase.pool(url, user, password);
        }
    }
}
