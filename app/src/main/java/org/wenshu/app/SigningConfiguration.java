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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.wenshu.app.signing.UnitSeals;

/**
 * Wires signing and verification: each issuing unit's seal key (PKCS#12 alias or HSM label per unit, or development
 * keys created on first run), the timestamp authority, revocation data and trust anchors. The {@code production}
 * profile refuses to start without a configured key store.
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
                    + "WENSHU_SIGNING_PKCS11_PIN, and wenshu.signing.units.<id>.key-alias for each issuing unit");
        }
        List<String> units = unitNames(properties);
        Path directory = home.resolve("keys");
        DevelopmentKeys keys = DevelopmentKeys.openOrCreate(directory, units, Clock.systemUTC());
        if (keys.created()) {
            log.warn("Created development TEST keys in {}: a development CA, seal certificates for {}, a TSA "
                    + "certificate and the CA's CRL ({} and {}). They are for development only; configure "
                    + "wenshu.signing.keystore or wenshu.signing.pkcs11 and wenshu.signing.units.<id>.key-alias for real "
                    + "instruments.",
                    directory.toAbsolutePath(), units, keys.caCertificateFile(), keys.crlFile());
        }
        return new DevelopmentSetup(Optional.of(keys));
    }

    /**
     * Each configured unit's key: from the development key set, or by its alias from the one configured PKCS#12 file or
     * HSM. A unit without an alias gets no key (listed with the reason), never another unit's.
     */
    private static Map<String, Optional<SigningKey>> unitKeys(SigningProperties properties, DevelopmentSetup development,
                                                              Map<String, String> unsealed) {
        Map<String, Optional<SigningKey>> keys = new LinkedHashMap<>();
        if (development.keys().isPresent()) {
            properties.units().values().forEach(unit -> keys.put(unit.name(),
                    Optional.of(development.keys().get().sealKey(unit.name()))));
            return keys;
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        properties.units().forEach((id, unit) -> unit.alias().ifPresentOrElse(alias -> aliases.put(unit.name(), alias),
                () -> unsealed.put(unit.name(), "没有配置 wenshu.signing.units." + id + ".key-alias")));
        Map<String, SigningKey> byAlias;
        SigningProperties.Keystore keystore = properties.keystore();
        if (keystore.file().isPresent()) {
            byAlias = SigningKey.fromPkcs12(keystore.file().get(), aliases.values(), secret(keystore.secret(),
                    "wenshu.signing.keystore.secret (WENSHU_SIGNING_KEYSTORE_SECRET)"));
        } else {
            SigningProperties.Pkcs11 pkcs11 = properties.pkcs11();
            byAlias = SigningKey.fromPkcs11(pkcs11.configFile().orElseThrow(), aliases.values(), secret(pkcs11.pin(),
                    "wenshu.signing.pkcs11.pin (WENSHU_SIGNING_PKCS11_PIN)"));
        }
        aliases.forEach((unit, alias) -> keys.put(unit, Optional.of(requireSubject(unit, alias, byAlias.get(alias)))));
        return keys;
    }

    /** A unit's certificate must name that unit: a key configured under the wrong unit is refused at start. */
    private static SigningKey requireSubject(String unit, String alias, SigningKey key) {
        String subject = key.certificate().getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        String readable = key.certificate().getSubjectX500Principal().toString();
        if (!subject.contains(unit) && !readable.contains(unit)) {
            throw new IllegalStateException("wenshu.signing.units: the key '" + alias + "' configured for " + unit
                    + " has the certificate " + readable + ", which does not name that unit; a unit seals only with "
                    + "its own certificate (印章证书与发文单位不符)");
        }
        return key;
    }

    private static List<String> unitNames(SigningProperties properties) {
        properties.units().forEach((id, unit) -> {
            if (unit.name() == null || unit.name().isBlank()) {
                throw new IllegalStateException("wenshu.signing.units." + id + ".name is not set: name the issuing unit "
                        + "as the archive spells it, e.g. 荆门市人民检察院");
            }
        });
        return properties.units().values().stream().map(SigningProperties.UnitKey::name).distinct().toList();
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
    UnitSeals unitSeals(SigningProperties properties, DevelopmentSetup development, PdfSigner signer) {
        List<String> names = unitNames(properties);
        if (names.size() != properties.units().size()) {
            throw new IllegalStateException("wenshu.signing.units: two entries name the same unit; each unit has one seal");
        }
        Map<String, String> unsealed = new LinkedHashMap<>();
        Map<String, UnitSeal> seals = new LinkedHashMap<>();
        Map<String, Optional<SigningKey>> keys = unitKeys(properties, development, unsealed);
        properties.units().values().forEach(unit -> keys.getOrDefault(unit.name(), Optional.empty()).ifPresent(key ->
                seals.put(unit.name(), new UnitSeal(properties.level(), unit.name(), unit.roleText(), key, signer,
                        unit.sealImageFile().map(SigningConfiguration::read)))));
        if (!unsealed.isEmpty()) {
            log.warn("These issuing units have no seal key and cannot issue: {}", unsealed);
        }
        return new UnitSeals(seals, unsealed);
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
