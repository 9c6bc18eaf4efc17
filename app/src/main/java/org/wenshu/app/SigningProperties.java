package org.wenshu.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing settings ({@code wenshu.signing.*}). Secrets come from the environment, e.g.
 * {@code WENSHU_SIGNING_KEYSTORE_SECRET} or {@code WENSHU_SIGNING_PKCS11_PIN}, never from files in git.
 *
 * <p>Every issuing unit (发文单位) seals with its own key: {@code units.<id>} names the unit and the alias of its key
 * in the one PKCS#12 keystore or HSM configured here. A unit without a key cannot issue; no unit ever falls back to
 * another unit's seal.</p>
 *
 * @param level        {@code auto} (B-LT where revocation data is available, else B-T), or B-B, B-T, B-LT, B-LTA
 * @param keystore     a PKCS#12 keystore holding the units' seal keys
 * @param pkcs11       a PKCS#11 token (HSM) holding them instead
 * @param tsaUrl       the RFC 3161 timestamp authority; empty in development starts a local one
 * @param trustAnchors PEM certificates verification trusts; empty in development trusts the development CA
 * @param crls         CRL files (DER or PEM) used for B-LT and verification
 * @param units        the issuing units by a short ASCII id (e.g. {@code procuratorate}); development creates a TEST
 *                     key for each
 */
@ConfigurationProperties("wenshu.signing")
public record SigningProperties(
        @DefaultValue("auto") String level,
        @DefaultValue Keystore keystore,
        @DefaultValue Pkcs11 pkcs11,
        String tsaUrl,
        @DefaultValue List<Path> trustAnchors,
        @DefaultValue List<Path> crls,
        @DefaultValue Map<String, UnitKey> units) {

    /** A PKCS#12 keystore file holding one seal key per unit, and its secret. */
    public record Keystore(Path path, String secret) {
        public Optional<Path> file() {
            return Optional.ofNullable(path);
        }
    }

    /** A SunPKCS11 configuration file and the token's PIN. */
    public record Pkcs11(Path config, String pin) {
        public Optional<Path> configFile() {
            return Optional.ofNullable(config);
        }
    }

    /**
     * One issuing unit's seal ({@code wenshu.signing.units.<id>.*}).
     *
     * @param name      the unit's full name as the archive and the instruments spell it, e.g. 荆门市人民检察院; the
     *                  seal shows it and the key's certificate subject must contain it
     * @param keyAlias  the alias of its key in the PKCS#12 keystore, or its label (CKA_LABEL) on the HSM; unused in
     *                  development, where a TEST key is created
     * @param roleText  the seal's role text, e.g. 检察建议专用章; empty for none
     * @param sealImage an image of the unit's real seal to show instead of the drawn one
     */
    public record UnitKey(String name, String keyAlias, @DefaultValue("") String roleText, Path sealImage) {

        public Optional<String> alias() {
            return Optional.ofNullable(keyAlias).filter(text -> !text.isBlank());
        }

        public Optional<Path> sealImageFile() {
            return Optional.ofNullable(sealImage);
        }
    }

    /** The timestamp authority URL, when one is configured. */
    public Optional<String> tsa() {
        return Optional.ofNullable(tsaUrl).filter(url -> !url.isBlank());
    }

    /** Whether a production key is configured. */
    public boolean keyConfigured() {
        return keystore.file().isPresent() || pkcs11.configFile().isPresent();
    }
}
