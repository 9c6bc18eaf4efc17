package org.wenshu.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.wenshu.generator.keys.DevelopmentKeys;
import org.wenshu.generator.keys.LocalTsa;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.PdfSigner;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SealAppearance;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;
import org.wenshu.generator.signing.TimestampAuthority;
import org.wenshu.generator.signing.TsaClient;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.app.signing.UnitSeal;

/**
 * Wires signing and verification: the unit's seal key (PKCS#12, PKCS#11, or development keys created on first run),
 * the timestamp authority, revocation data and trust anchors. The {@code production} profile refuses to start
 * without a configured key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningProperties.class)
public class SigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

    /** Development keys, present only when no key is configured outside production. */
    public record DevelopmentSetup(Optional<DevelopmentKeys> keys) {
    }

    @Bean
    DevelopmentSetup developmentSetup(SigningProperties properties, Environment environment,
                                      @Value("${wenshu.home:./data}") Path home) {
        if (properties.keyConfigured()) {
            return new DevelopmentSetup(Optional.empty());
        }
        if (environment.acceptsProfiles(Profiles.of("production", "prod"))) {
            throw new IllegalStateException("wenshu.signing: no signing key is configured and the production profile "
                    + "does not create development keys; set wenshu.signing.keystore.path (PKCS#12) or "
                    + "wenshu.signing.pkcs11.config (HSM), with the secret in WENSHU_SIGNING_KEYSTORE_SECRET or "
                    + "WENSHU_SIGNING_PKCS11_PIN");
        }
        List<String> units = new ArrayList<>(properties.devUnits());
        if (!units.contains(properties.unit())) {
            units.add(properties.unit());
        }
        Path directory = home.resolve("keys");
        DevelopmentKeys keys = DevelopmentKeys.openOrCreate(directory, units, Clock.systemUTC());
        if (keys.created()) {
            log.warn("Created development TEST keys in {}: a development CA, seal certificates for {}, a TSA "
                    + "certificate and the CA's CRL ({} and {}). They are for development only; configure "
                    + "wenshu.signing.keystore or wenshu.signing.pkcs11 for real instruments.",
                    directory.toAbsolutePath(), units, keys.caCertificateFile(), keys.crlFile());
        }
        return new DevelopmentSetup(Optional.of(keys));
    }

    @Bean
    SigningKey sealKey(SigningProperties properties, DevelopmentSetup development) {
        SigningProperties.Keystore keystore = properties.keystore();
        if (keystore.file().isPresent()) {
            return SigningKey.fromPkcs12(keystore.file().get(), keystore.keyAlias(), secret(keystore.secret(),
                    "wenshu.signing.keystore.secret (WENSHU_SIGNING_KEYSTORE_SECRET)"));
        }
        SigningProperties.Pkcs11 pkcs11 = properties.pkcs11();
        if (pkcs11.configFile().isPresent()) {
            return SigningKey.fromPkcs11(pkcs11.configFile().get(), pkcs11.keyAlias(), secret(pkcs11.pin(),
                    "wenshu.signing.pkcs11.pin (WENSHU_SIGNING_PKCS11_PIN)"));
        }
        return development.keys().orElseThrow().sealKey(properties.unit());
    }

    private static char[] secret(String value, String name) {
        return Optional.ofNullable(value).filter(secret -> !secret.isEmpty())
                .orElseThrow(() -> new IllegalStateException(name + " is not set"))
                .toCharArray();
    }

    /** The local TSA, started only in development when no TSA URL is configured. */
    public record LocalTimestamps(Optional<LocalTsa> tsa) implements AutoCloseable {
        @Override
        public void close() {
            tsa.ifPresent(LocalTsa::close);
        }
    }

    @Bean(destroyMethod = "close")
    LocalTimestamps localTimestamps(SigningProperties properties, DevelopmentSetup development) {
        if (properties.tsa().isPresent() || development.keys().isEmpty()) {
            return new LocalTimestamps(Optional.empty());
        }
        return new LocalTimestamps(Optional.of(LocalTsa.start(development.keys().get().tsaKey(), Clock.systemUTC())));
    }

    @Bean
    RevocationSource revocationSource(SigningProperties properties, DevelopmentSetup development) {
        List<Path> files = new ArrayList<>(properties.crls());
        development.keys().ifPresent(keys -> files.add(keys.crlFile()));
        // Read afresh on each use, so a renewed CRL file is picked up without a restart.
        return RevocationSource.fresh(() -> files.stream().flatMap(SigningConfiguration::readCrls).toList());
    }

    @Bean
    PdfSigner pdfSigner(SigningProperties properties, LocalTimestamps local, RevocationSource revocation) {
        Optional<TimestampAuthority> tsa = properties.tsa()
                .<TimestampAuthority>map(url -> new TsaClient(URI.create(url)))
                .or(() -> local.tsa().map(running -> new TsaClient(running.url())));
        return new PdfSigner(tsa, revocation, Clock.systemUTC());
    }

    @Bean
    PdfVerifier pdfVerifier(SigningProperties properties, DevelopmentSetup development, RevocationSource revocation) {
        List<X509Certificate> anchors = new ArrayList<>(properties.trustAnchors().stream()
                .flatMap(SigningConfiguration::readCertificates).toList());
        if (properties.trustAnchors().isEmpty()) {
            development.keys().ifPresent(keys -> anchors.add(keys.ca().certificate()));
        }
        return new PdfVerifier(anchors, revocation, Clock.systemUTC());
    }

    @Bean
    UnitSeal unitSeal(SigningProperties properties, SigningKey sealKey, PdfSigner signer) {
        Optional<byte[]> image = properties.sealImageFile().map(SigningConfiguration::read);
        return new UnitSeal(properties.level(), properties.unit(), properties.roleText(), sealKey, signer, image);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Stream<X509CRL> readCrls(Path file) {
        if (!Files.exists(file)) {
            return Stream.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCRLs(in).stream().map(X509CRL.class::cast).toList().stream();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read CRL file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Stream<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList().stream();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read trust anchor file " + file + ": " + e.getMessage(), e);
        }
    }
}
