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

    /** H2's system property for the address its servers bind to and announce in the lock file. */
    public static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";

    static {
        // AUTO_SERVER starts an H2 TCP server with -tcpAllowOthers on every interface unless h2.bindAddress says
        // otherwise. H2 reads the property once, when org.h2.engine.SysProperties loads, so it is set here, before
        // this class hands out any embedded URL; an address given on the command line (-Dh2.bindAddress) wins.
        if (System.getProperty(BIND_ADDRESS_PROPERTY) == null) {
            System.setProperty(BIND_ADDRESS_PROPERTY, "127.0.0.1");
        }
    }

    private ArchiveDatabase() {
    }

    /**
     * The JDBC URL of the embedded database in {@code directory}. WRITE_DELAY=0: H2's default 500 ms delay lost
     * already-committed transactions on kill -9. AUTO_SERVER lets a CLI command and a running server on the same
     * home share the file: the first process serves it over TCP on the loopback interface only (h2.bindAddress
     * 127.0.0.1, unless configured), and the generated password guards it from other local users. Should H2 have
     * been loaded before that address could be set, the URL goes without AUTO_SERVER rather than listen on every
     * interface (a second process then finds the database in use). CACHE_SIZE (KiB): H2 keeps at most 16 MB of
     * pages by default, less than the ~60 MB of 10,000 records with their fields, so lists that sort thousands of
     * rows read and decompress pages again on every call; up to 64 MB (filled only as pages are read) keeps them.
     * DB_CLOSE_ON_EXIT=FALSE: the application closes the database by closing its pool, after the beans that use it
     * (a running batch job rolls back or commits first); H2's own shutdown hook would close it at the same time as
     * Spring's, and a job's last transaction then failed with "JDBC rollback; Database is already closed".
     */
    public static String embeddedUrl(Path directory) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("wenshu") + ";WRITE_DELAY=0;CACHE_SIZE=65536;DB_CLOSE_ON_EXIT=FALSE";
        return serverBindsAsConfigured() ? url + ";AUTO_SERVER=TRUE" : url;
    }

    /** Whether H2's effective bind address is the one configured (loopback by default), never "all interfaces". */
    static boolean serverBindsAsConfigured() {
        String effective = org.h2.engine.SysProperties.BIND_ADDRESS;
        return effective != null && !effective.isBlank() && effective.equals(System.getProperty(BIND_ADDRESS_PROPERTY));
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
