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
     */
    public static String embeddedUrl(Path directory) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("wenshu") + ";WRITE_DELAY=0;CACHE_SIZE=65536";
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
        return new SharedEmbeddedPool(config(embeddedUrl(directory), EMBEDDED_USER, embeddedPassword(directory)),
                REMOTE_TRANSACTIONS_WAIT);
    }

    /** How long a process that serves the embedded database waits at close for other processes' transactions. */
    static final java.time.Duration REMOTE_TRANSACTIONS_WAIT = java.time.Duration.ofSeconds(30);

    /**
     * The pool of the embedded database. With AUTO_SERVER the first process serves the file to the others (a CLI
     * command beside another, or beside the server), and when it ends, H2 closes the database at its exit (H2 does
     * not allow AUTO_SERVER without DB_CLOSE_ON_EXIT): a transaction another process had open there was cut off and
     * failed at its end with "JDBC rollback; Database is already closed", e.g. a fixity job running beside a shorter
     * one. So before it closes, this pool waits while a session of another process holds uncommitted changes or runs
     * a statement, up to {@code wait}; the others' next transactions reconnect and serve the file themselves.
     */
    static final class SharedEmbeddedPool extends HikariDataSource {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ArchiveDatabase.class);
        private final java.time.Duration wait;

        SharedEmbeddedPool(HikariConfig config, java.time.Duration wait) {
            super(config);
            this.wait = wait;
        }

        @Override
        public void close() {
            if (!isClosed()) {
                awaitOtherProcesses();
            }
            super.close();
        }

        private void awaitOtherProcesses() {
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            try (java.sql.Connection connection = getConnection();
                 java.sql.PreparedStatement busy = connection.prepareStatement(
                         "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SERVER IS NOT NULL "
                                 + "AND SESSION_ID <> SESSION_ID() AND (CONTAINS_UNCOMMITTED OR SESSION_STATE = 'RUNNING')")) {
                connection.setAutoCommit(true);
                try (java.sql.Statement own = connection.createStatement();
                     java.sql.ResultSet server = own.executeQuery(
                             "SELECT SERVER FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
                    if (!server.next() || server.getString(1) != null) {
                        return; // a client of another process's server: its end cuts off no one
                    }
                }
                while (System.nanoTime() < deadline) {
                    try (java.sql.ResultSet count = busy.executeQuery()) {
                        if (!count.next() || count.getLong(1) == 0) {
                            return;
                        }
                    }
                    if (!told) {
                        LOG.warn("另一个 wenshu 进程正在使用数据库，等它的事务结束后再退出（最多 {} 秒）", wait.toSeconds());
                        told = true;
                    }
                    Thread.sleep(100);
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                // Not the serving process (the file is served by another), or the database is gone: nothing to wait for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A pool on any JDBC URL (PostgreSQL in production). */
    public static HikariDataSource pool(String url, String user, String password) {
        return new HikariDataSource(config(url, user, password));
    }

    private static HikariConfig config(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("wenshu-archive");
        return config;
    }
}
