package org.wenshu.generator.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private key with its certificate chain (signer first), e.g. a unit's seal key (印章密钥).
 *
 * @param privateKey the key; for a hardware token only a handle, the key never leaves the token
 * @param chain      the signer's certificate followed by its issuers (the root may be omitted)
 * @param provider   the JCA provider that owns the key (a PKCS#11 token), or empty for software keys
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain, Optional<Provider> provider) {

    public SigningKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
        chain = List.copyOf(chain);
    }

    /** A software key. */
    public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new SigningKey(privateKey, chain, Optional.empty());
    }

    /** The signer's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Opens a PKCS#12 keystore file; with an empty alias the keystore must hold exactly one key. */
    public static SigningKey fromPkcs12(Path keystore, Optional<String> alias, char[] secret) {
        KeyStore store = loadPkcs12(keystore, secret);
        try {
            return fromKeyStore(store, alias, secret, Optional.empty(), "PKCS#12 keystore " + keystore);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailable("cannot open PKCS#12 keystore " + keystore + ": " + rootMessage(e), e);
        }
    }

    /**
     * Opens a PKCS#12 keystore file once and takes the key under each alias, e.g. one seal per issuing unit.
     *
     * @return the keys by alias, in the order asked
     * @throws KeyUnavailable naming the file or the missing alias
     */
    public static Map<String, SigningKey> fromPkcs12(Path keystore, Collection<String> aliases, char[] secret) {
        KeyStore store = loadPkcs12(keystore, secret);
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        try {
            for (String alias : aliases) {
                keys.put(alias, fromKeyStore(store, Optional.of(alias), secret, Optional.empty(), "PKCS#12 keystore " + keystore));
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailable("cannot open PKCS#12 keystore " + keystore + ": " + rootMessage(e), e);
        }
    }

    private static KeyStore loadPkcs12(Path keystore, char[] secret) {
        if (!Files.isReadable(keystore)) {
            throw new KeyUnavailable("PKCS#12 keystore " + keystore + " does not exist or is not readable");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyUnavailable("cannot open PKCS#12 keystore " + keystore + ": " + rootMessage(e), e);
        }
    }

    /**
     * Opens a key on a PKCS#11 token (hardware security module) through the JDK's SunPKCS11 provider.
     *
     * @param sunPkcs11Config a SunPKCS11 configuration file (name, library, slot or slotListIndex)
     */
    public static SigningKey fromPkcs11(Path sunPkcs11Config, Optional<String> alias, char[] pin) {
        return withPkcs11(sunPkcs11Config, pin, (store, provider) ->
                fromKeyStore(store, alias, pin, Optional.of(provider), "PKCS#11 token " + provider.getName()));
    }

    /**
     * Logs in to a PKCS#11 token (HSM) once, through one SunPKCS11 provider, and takes the key labelled with each
     * alias (its CKA_LABEL), e.g. one seal per issuing unit.
     *
     * @return the keys by alias, in the order asked
     * @throws KeyUnavailable naming the configuration or the missing label
     */
    public static Map<String, SigningKey> fromPkcs11(Path sunPkcs11Config, Collection<String> aliases, char[] pin) {
        return withPkcs11(sunPkcs11Config, pin, (store, provider) -> {
            Map<String, SigningKey> keys = new LinkedHashMap<>();
            for (String alias : aliases) {
                keys.put(alias, fromKeyStore(store, Optional.of(alias), pin, Optional.of(provider),
                        "PKCS#11 token " + provider.getName()));
            }
            return keys;
        });
    }

    private interface TokenUse<T> {
        T apply(KeyStore store, Provider provider) throws GeneralSecurityException;
    }

    private static <T> T withPkcs11(Path sunPkcs11Config, char[] pin, TokenUse<T> use) {
        if (!Files.isReadable(sunPkcs11Config)) {
            throw new KeyUnavailable("PKCS#11 configuration " + sunPkcs11Config + " does not exist or is not readable");
        }
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(sunPkcs11Config.toString());
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return use.apply(store, provider);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof KeyUnavailable unavailable) {
                throw unavailable;
            }
            throw new KeyUnavailable("cannot open PKCS#11 token with " + sunPkcs11Config + ": " + rootMessage(e), e);
        }
    }

    static SigningKey fromKeyStore(KeyStore store, Optional<String> alias, char[] secret, Optional<Provider> provider,
                                   String description) throws GeneralSecurityException {
        List<String> keyAliases = new ArrayList<>();
        for (String candidate : Collections.list(store.aliases())) {
            if (store.isKeyEntry(candidate)) {
                keyAliases.add(candidate);
            }
        }
        String chosen;
        if (alias.isPresent()) {
            if (!keyAliases.contains(alias.get())) {
                throw new KeyUnavailable(description + " has no key with alias '" + alias.get() + "' (keys: " + keyAliases + ")");
            }
            chosen = alias.get();
        } else if (keyAliases.size() == 1) {
            chosen = keyAliases.get(0);
        } else {
            throw new KeyUnavailable(description + " holds " + keyAliases.size() + " keys " + keyAliases + ": configure an alias");
        }
        PrivateKey key = (PrivateKey) store.getKey(chosen, secret);
        Certificate[] certificates = store.getCertificateChain(chosen);
        if (certificates == null || certificates.length == 0) {
            throw new KeyUnavailable(description + " has no certificate for key '" + chosen + "'");
        }
        List<X509Certificate> chain = Arrays.stream(certificates).map(X509Certificate.class::cast).toList();
        return new SigningKey(key, chain, provider);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
