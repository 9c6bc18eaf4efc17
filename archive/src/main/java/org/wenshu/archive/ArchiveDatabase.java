package org.wenshu.archive;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for the record database: the embedded H2 file or a PostgreSQL server. */
public final class ArchiveDatabase {

    /** The user of the embedded database; its password is generated on first use. */
    public static final String EMBEDDED_USER = "wenshu";

    private ArchiveDatabase() {
    }

    /**
     * The JDBC URL of the embedded database in {@code directory}. WRITE_DELAY=0: H2's default 500 ms delay lost
     * already-committed transactions on kill -9. AUTO_SERVER lets a CLI command and a running server share the file;
     * H2 then listens with -tcpAllowOthers, which is why the database has a generated password, never a default one.
     */
    public static String embeddedUrl(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("wenshu") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
    }

    /** The embedded database's password, generated into {@code directory/credentials.properties} (owner-only) once. */
    public static synchronized String embeddedPassword(Path directory) {
        Path file = directory.resolve("credentials.properties");
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                return properties.getProperty("password");
            }
            Files.createDirectories(directory);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            properties.setProperty("user", EMBEDDED_USER);
            properties.setProperty("password", password);
            Path temp = Files.createTempFile(directory, ".credentials", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the home directory's ACL applies.
            }
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, "wenshu embedded database login (generated, keep private)");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the database credentials in " + file, e);
        }
    }

    /** A pool on the embedded H2 database in {@code directory}. */
    public static HikariDataSource embedded(Path directory) {
        return pool(embeddedUrl(directory), EMBEDDED_USER, embeddedPassword(directory));
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
