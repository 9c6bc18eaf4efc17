package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database closes when the application closes its pool, not on its own at VM shutdown: H2's shutdown
 * hook would otherwise close it while Spring's, running at the same time, still rolls back a job's transaction
 * ("JDBC rollback; Database is already closed").
 */
class ShutdownOrderIntegrationTests {

    @Test
    void aTransactionOpenAtExitIsRolledBackByTheApplicationNotCutOffByH2(@TempDir Path home) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", testClassPath(), ShutdownWhileInTransaction.class.getName(), home.resolve("db").toString())
                .redirectError(home.resolve("child.err").toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).as(out + Files.readString(home.resolve("child.err"))).contains("ROLLED BACK")
                .doesNotContain("FAILED");
    }

    /** Failsafe runs the tests from a manifest-only jar whose Class-Path lists the real test classpath. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
