package org.wenshu.archive;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for the record database: the embedded H2 file or a PostgreSQL server. */
public final class ArchiveDatabase {

    private ArchiveDatabase() {
    }

    /**
     * The JDBC URL of the embedded database in {@code directory}. WRITE_DELAY=0: H2's default 500 ms delay lost
     * already-committed transactions on kill -9. AUTO_SERVER lets a CLI command and a running server share the file.
     */
    public static String embeddedUrl(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("wenshu") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    /** A pool on the embedded H2 database in {@code directory}. */
    public static HikariDataSource embedded(Path directory) {
        return pool(embeddedUrl(directory), "sa", "");
    }

    /** A pool on any JDBC URL (PostgreSQL in production). */
    public static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("wenshu-archive");
        return new HikariDataSource(config);
    }

}
