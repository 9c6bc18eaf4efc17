package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The embedded defaults listen on the loopback interface only: with the archive open (H2 with AUTO_SERVER, the
 * embedded S3 endpoint), every listening TCP socket of this process is bound to 127.0.0.1 or ::1, read from
 * {@code /proc/self/net/tcp{,6}} (Linux). A second process on the same home still shares the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackOnlyIntegrationTests {

    private ArchiveFixture fixture;

    @BeforeAll
    void open() {
        fixture = new ArchiveFixture(Database.H2);
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    @Test
    void everyListeningSocketOfTheProcessIsOnLoopback() throws IOException {
        int s3 = fixture.store.settings().endpoint().getPort();
        int h2 = h2ServerPort();

        List<Listener> listeners = listeners();

        assertThat(listeners).extracting(Listener::port).contains(s3, h2);
        assertThat(listeners).allSatisfy(listener -> assertThat(listener.loopback()).as(listener.toString()).isTrue());
    }

    @Test
    void aSecondProcessOnTheSameHomeSharesTheDatabase() throws Exception {
        int units = fixture.jdbc().queryForObject("SELECT COUNT(*) FROM units", Integer.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", testClassPath(),
                EmbeddedDatabaseClient.class.getName(), fixture.home.resolve("db").toString())
                .redirectError(fixture.home.resolve("client.err").toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(fixture.home.resolve("client.err"))).isZero();
        assertThat(out).contains("UNITS " + units);
        assertThat(units).isPositive();
    }

    /** The port H2 announces in its lock file for other processes ({@code server=host:port}). */
    private int h2ServerPort() throws IOException {
        Properties lock = new Properties();
        try (Reader reader = Files.newBufferedReader(fixture.home.resolve("db").resolve("wenshu.lock.db"),
                StandardCharsets.ISO_8859_1)) {
            lock.load(reader);
        }
        String server = lock.getProperty("server");
        assertThat(server).as("AUTO_SERVER announces a loopback address").matches("(127\\.0\\.0\\.1|localhost):\\d+");
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    record Listener(String address, int port, boolean loopback) {
    }

    /** Listening TCP sockets whose inode is one of this process's file descriptors. */
    private static List<Listener> listeners() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the directory stream itself, or one closed since listing
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (!columns[3].equals("0A") || !inodes.contains(columns[9])) {
                    continue; // 0A = LISTEN
                }
                String[] local = columns[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                listeners.add(new Listener(local[0], port, isLoopback(local[0])));
            }
        }
        return listeners;
    }

    /** /proc prints IPv4 as one little-endian word, IPv6 as four: 127.0.0.1, ::1 and ::ffff:127.0.0.1. */
    private static boolean isLoopback(String hex) {
        return hex.length() == 8 && hex.endsWith("7F") // 127.0.0.0/8
                || hex.equals("00000000000000000000000001000000")
                || hex.equals("0000000000000000FFFF00000100007F");
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
