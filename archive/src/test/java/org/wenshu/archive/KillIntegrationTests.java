package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.archive.storage.EmbeddedS3;
import org.wenshu.archive.storage.S3Credentials;
import org.wenshu.archive.storage.S3ObjectStore;

class KillIntegrationTests {

    @ParameterizedTest
    @EnumSource(Database.class)
    void afterKillNineEveryRecordIsCompleteOrAbsent(Database database) throws Exception {
        Path home = Files.createTempDirectory("wenshu-kill-test");
        Database.TestDatabase db = database.open(home);
        List<String> reported = new ArrayList<>();
        try {
            Process child = new ProcessBuilder(javaBinary(), "-Xmx512m", "-cp", testClassPath(),
                    IssuingLoop.class.getName(), home.toString(), db.url(), db.user(), db.password())
                    .redirectError(home.resolve("child.err").toFile())
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ISSUED ")) {
                        reported.add(line.split(" ")[1]);
                        if (reported.size() == 25) {
                            Thread.sleep(7); // land somewhere inside the next issuing
                            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
                            assertThat(kill.waitFor()).isZero();
                        }
                    }
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL; stderr in " + home.resolve("child.err")).isEqualTo(137);

            try (HikariDataSource dataSource = db.pool();
                 EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("objects"), S3Credentials.generatedIn(home.resolve("s3-credentials.properties")))) {
                S3ObjectStore store = new S3ObjectStore(s3.settings("wenshu-archive"));
                Archive archive = Archive.open(dataSource, store, ArchiveLimits.defaults(), Clock.system(ArchiveFixture.ZONE));

                List<InstrumentRecord> committed = archive.records(0, 10_000);
                Set<String> committedIds = new HashSet<>(committed.stream().map(InstrumentRecord::id).toList());
                assertThat(committedIds).as("every record the child saw committed survived").containsAll(reported);
                FixityReport fixity = archive.fixity(Optional.empty());
                assertThat(fixity.problems()).as("objects present and hashes match").isEmpty();
                assertThat(fixity.objectsChecked()).isEqualTo(2 * committed.size());
                List<RegisterEntry> register = archive.register(Optional.empty(), Optional.empty());
                assertThat(register).extracting(e -> e.number().serial())
                        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, register.size()).boxed().toList());
                for (RegisterEntry entry : register) {
                    assertThat(committedIds.contains(entry.recordId()))
                            .as("register entry %s is ISSUED exactly when its record is committed", entry.number())
                            .isEqualTo(entry.state() == RegisterEntry.State.ISSUED);
                }

                archive.reconcile(Duration.ZERO);

                assertThat(archive.register(Optional.empty(), Optional.empty()))
                        .noneMatch(e -> e.state() == RegisterEntry.State.RESERVED);
                for (String key : store.list("instruments/")) {
                    assertThat(committedIds).as("object %s belongs to a committed record", key).contains(key.split("/")[2]);
                }
                InstrumentRecord next = archive.issue(ArchiveFixture.suggestion("重启后的检察建议", "市公安局"), TestPdfs.producer());
                assertThat(next.number().serial()).isEqualTo(register.size() + 1);
            }
        } finally {
            db.drop().run();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Failsafe runs the tests from a manifest-only jar whose Class-Path lists the real test classpath. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
