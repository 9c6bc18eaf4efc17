package org.wenshu.generator.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.wenshu.generator.signing.SigningKey;

/**
 * The development key set under {@code $WENSHU_HOME/keys} (开发密钥): a development CA, one seal certificate per
 * issuing unit (发文单位), a TSA certificate and the CA's CRL, all marked TEST. Created on first use, reopened after.
 *
 * <p>Files: {@code dev-ca.pem} and {@code dev-ca.crl} (DER) for any validator to trust, PKCS#12 keystores for the
 * keys, {@code units.properties} naming each unit's keystore, and {@code secret} (owner-only) with their password.</p>
 */
public final class DevelopmentKeys {

    public static final String CA_CERTIFICATE = "dev-ca.pem";
    public static final String CA_CRL = "dev-ca.crl";
    private static final String CA_STORE = "dev-ca.p12";
    private static final String TSA_STORE = "dev-tsa.p12";
    private static final String UNITS = "units.properties";
    private static final String SECRET = "secret";
    private static final String ALIAS = "key";
    /** Renew the stored CRL when less than this is left of its validity. */
    private static final Duration CRL_RENEWAL = Duration.ofDays(5);

    private final Path directory;
    private final DevelopmentCa ca;
    private final char[] secret;
    private final Clock clock;
    private final boolean created;
    // Each PKCS#12 load derives its keys with 10,000 PBKDF2 rounds twice, slow before the JIT has warmed up: a seal
    // key is read once per process (at start: the set is opened, then each unit's seal is wired).
    private final Map<String, SigningKey> sealKeys = new HashMap<>();

    private DevelopmentKeys(Path directory, DevelopmentCa ca, char[] secret, Clock clock, boolean created) {
        this.directory = directory;
        this.ca = ca;
        this.secret = secret;
        this.clock = clock;
        this.created = created;
    }

    /** Opens the key set in {@code directory}, creating it (and a seal key for each unit) when absent. */
    public static synchronized DevelopmentKeys openOrCreate(Path directory, List<String> units, Clock clock) {
        try {
            Files.createDirectories(directory);
            boolean create = !Files.exists(directory.resolve(CA_STORE));
            DevelopmentKeys keys;
            if (create) {
                char[] secret = randomSecret();
                writePrivate(directory.resolve(SECRET), new String(secret).getBytes(StandardCharsets.US_ASCII));
                DevelopmentCa ca = DevelopmentCa.create("wenshu", clock);
                keys = new DevelopmentKeys(directory, ca, secret, clock, true);
                keys.store(CA_STORE, ca.key());
                keys.store(TSA_STORE, ca.issue("wenshu 开发时间戳服务", CertificatePurpose.TIMESTAMPING));
                Files.writeString(directory.resolve(CA_CERTIFICATE), pem(ca.certificate()), StandardCharsets.US_ASCII);
                Files.writeString(directory.resolve("README.txt"), """
                        TEST keys for development only (开发测试密钥，不得用于正式文书).
                        dev-ca.pem / dev-ca.crl: trust anchor and revocation list to give a validator.
                        """, StandardCharsets.UTF_8);
            } else {
                char[] secret = Files.readString(directory.resolve(SECRET), StandardCharsets.US_ASCII).trim().toCharArray();
                SigningKey caKey = SigningKey.fromPkcs12(directory.resolve(CA_STORE), Optional.of(ALIAS), secret);
                keys = new DevelopmentKeys(directory, DevelopmentCa.of(caKey, clock), secret, clock, false);
            }
            for (String unit : units) {
                keys.sealKey(unit);
            }
            keys.renewCrlIfDue();
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up development keys in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Whether this call created the key set (the application then says so at start). */
    public boolean created() {
        return created;
    }

    /** The directory holding the keys. */
    public Path directory() {
        return directory;
    }

    /** The development CA. */
    public DevelopmentCa ca() {
        return ca;
    }

    /** The trust anchor file for validators. */
    public Path caCertificateFile() {
        return directory.resolve(CA_CERTIFICATE);
    }

    /** The CRL file for validators. */
    public Path crlFile() {
        return directory.resolve(CA_CRL);
    }

    /** The current CRL as stored. */
    public X509CRL crl() {
        try (InputStream in = Files.newInputStream(crlFile())) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + crlFile() + ": " + e.getMessage(), e);
        }
    }

    /** The TSA key for the local timestamp authority. */
    public SigningKey tsaKey() {
        return SigningKey.fromPkcs12(directory.resolve(TSA_STORE), Optional.of(ALIAS), secret);
    }

    /** The seal key of {@code unit}, issued and stored on first request. */
    public synchronized SigningKey sealKey(String unit) {
        SigningKey known = sealKeys.get(unit);
        if (known != null) {
            return known;
        }
        Properties index = units();
        String file = index.getProperty(unit);
        if (file != null) {
            SigningKey key = SigningKey.fromPkcs12(directory.resolve(file), Optional.of(ALIAS), secret);
            sealKeys.put(unit, key);
            return key;
        }
        file = "seal-" + HexFormat.of().formatHex(sha256(unit), 0, 6) + ".p12";
        SigningKey key = ca.issue(unit + " 电子印章", CertificatePurpose.SEAL);
        store(file, key);
        sealKeys.put(unit, key);
        index.setProperty(unit, file);
        try (OutputStream out = Files.newOutputStream(directory.resolve(UNITS))) {
            index.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "unit -> seal keystore (TEST)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(UNITS), e);
        }
        return key;
    }

    /** Issues a fresh CRL when the stored one is missing or about to expire. */
    public synchronized void renewCrlIfDue() {
        Path file = crlFile();
        if (Files.exists(file)) {
            X509CRL current = crl();
            if (current.getNextUpdate() != null
                    && current.getNextUpdate().toInstant().isAfter(clock.instant().plus(CRL_RENEWAL))) {
                return;
            }
        }
        try {
            Path temporary = directory.resolve(CA_CRL + ".tmp");
            Files.write(temporary, ca.crl().getEncoded());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Properties units() {
        Properties index = new Properties();
        Path file = directory.resolve(UNITS);
        if (Files.exists(file)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                index.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return index;
    }

    private void store(String file, SigningKey key) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key.privateKey(), secret, key.chain().toArray(new Certificate[0]));
            try (OutputStream out = Files.newOutputStream(directory.resolve(file))) {
                store.store(out, secret);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot store " + directory.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** PEM text of a certificate. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    private static char[] randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions have to do.
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
