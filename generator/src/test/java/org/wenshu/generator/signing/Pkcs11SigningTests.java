package org.wenshu.generator.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenshu.generator.fixtures.PdfAFixtures;
import org.wenshu.generator.fixtures.TestPki;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.VerificationReport;

/** Signs with a key held by a PKCS#11 token: Debian's SoftHSM v2 through the JDK's SunPKCS11 provider. */
class Pkcs11SigningTests {

    private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "246810";

    private static TestPki pki;
    private static Path providerConfig;
    private static SigningKey officeSeal;

    @BeforeAll
    static void initialiseTokenWithSealKey() throws Exception {
        pki = TestPki.create();
        Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
        Path tokens = conf.getParent().resolve("tokens");
        deleteRecursively(conf.getParent());
        Files.createDirectories(tokens);
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        run("softhsm2-util", "--init-token", "--free", "--label", "wenshu-test", "--pin", PIN, "--so-pin", "13579111");
        providerConfig = conf.getParent().resolve("sunpkcs11.cfg");
        Files.writeString(providerConfig, "name = SoftHSM\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");

        // Put the seal key and its chain on the token, as an HSM administrator would.
        Provider provider = Security.getProvider("SunPKCS11").configure(providerConfig.toString());
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, PIN.toCharArray());
        token.setKeyEntry("seal", pki.seal.privateKey(), null, pki.seal.chain().toArray(new Certificate[0]));
        officeSeal = pki.ca.issue("某某领导小组办公室 电子印章", CertificatePurpose.SEAL);
        token.setKeyEntry("office-seal", officeSeal.privateKey(), null, officeSeal.chain().toArray(new Certificate[0]));
    }

    @AfterAll
    static void stopTsa() {
        pki.close();
    }

    @Test
    void signsWithTheTokenKeyAndTheSignatureVerifies() {
        SigningKey tokenKey = SigningKey.fromPkcs11(providerConfig, Optional.of("seal"), PIN.toCharArray());

        byte[] signed = pki.signer.sign(PdfAFixtures.instrument(), SignatureRequest.sealed(tokenKey, PadesLevel.B_LT,
                SealAppearance.drawn("某某市人民检察院", "检察建议专用章")));

        assertThat(tokenKey.provider()).isPresent();
        VerificationReport report = new PdfVerifier(List.of(pki.ca.certificate()),
                RevocationSource.of(List.of(pki.ca.crl())), Clock.systemUTC()).verify(signed);
        assertThat(report.problems()).isEmpty();
        assertThat(report.signatures().get(0).signer()).contains("某某市人民检察院 电子印章 (TEST)");
        assertThat(report.signatures().get(0).level()).contains(PadesLevel.B_LT);
    }

    @Test
    void eachUnitsLabelOpensItsOwnKeyInOneLogin() {
        Map<String, SigningKey> keys = SigningKey.fromPkcs11(providerConfig, List.of("seal", "office-seal"),
                PIN.toCharArray());

        assertThat(keys).containsOnlyKeys("seal", "office-seal");
        assertThat(keys.get("seal").certificate()).isEqualTo(pki.seal.certificate());
        assertThat(keys.get("office-seal").certificate()).isEqualTo(officeSeal.certificate());
        assertThat(keys.get("seal").provider()).isEqualTo(keys.get("office-seal").provider());
    }

    @Test
    void missingLibraryIsReportedAsUnavailableKey() throws IOException {
        // A wrong PIN cannot be shown here: PKCS#11 logins are per process, and the token is already logged in.
        Path broken = providerConfig.resolveSibling("broken.cfg");
        Files.writeString(broken, "name = Missing\nlibrary = /nonexistent/libpkcs11.so\n");

        assertThatThrownBy(() -> SigningKey.fromPkcs11(broken, Optional.of("seal"), PIN.toCharArray()))
                .isInstanceOf(KeyUnavailable.class)
                .hasMessageContaining("cannot open PKCS#11 token with " + broken);
    }

    @Test
    void unknownAliasNamesTheKeysThatExist() {
        assertThatThrownBy(() -> SigningKey.fromPkcs11(providerConfig, Optional.of("nope"), PIN.toCharArray()))
                .isInstanceOf(KeyUnavailable.class)
                .hasMessageContaining("no key with alias 'nope'")
                .hasMessageContaining("seal");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
