package org.wenshu.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing settings ({@code wenshu.signing.*}). Secrets come from the environment, e.g.
 * {@code WENSHU_SIGNING_KEYSTORE_SECRET} or {@code WENSHU_SIGNING_PKCS11_PIN}, never from files in git.
 *
 * @param level        {@code auto} (B-LT where revocation data is available, else B-T), or B-B, B-T, B-LT, B-LTA
 * @param keystore     a PKCS#12 keystore holding the unit's seal key
 * @param pkcs11       a PKCS#11 token (HSM) holding it instead
 * @param tsaUrl       the RFC 3161 timestamp authority; empty in development starts a local one
 * @param trustAnchors PEM certificates verification trusts; empty in development trusts the development CA
 * @param crls         CRL files (DER or PEM) used for B-LT and verification
 * @param unit         the issuing unit named on the seal
 * @param roleText     the seal's role text, e.g. 检察建议专用章
 * @param sealImage    an image of the real seal to show instead of the drawn one
 * @param devUnits     units that get a development seal certificate on first run
 */
@ConfigurationProperties("wenshu.signing")
public record SigningProperties(
        @DefaultValue("auto") String level,
        @DefaultValue Keystore keystore,
        @DefaultValue Pkcs11 pkcs11,
        String tsaUrl,
        @DefaultValue List<Path> trustAnchors,
        @DefaultValue List<Path> crls,
        @DefaultValue("荆门市人民检察院") String unit,
        @DefaultValue("") String roleText,
        Path sealImage,
        @DefaultValue List<String> devUnits) {

    /** A PKCS#12 keystore: path, alias (may be left out when it holds one key) and secret. */
    public record Keystore(Path path, String alias, String secret) {
        public Optional<Path> file() {
            return Optional.ofNullable(path);
        }

        public Optional<String> keyAlias() {
            return Optional.ofNullable(alias).filter(text -> !text.isBlank());
        }
    }

    /** A SunPKCS11 configuration file, key alias and PIN. */
    public record Pkcs11(Path config, String alias, String pin) {
        public Optional<Path> configFile() {
            return Optional.ofNullable(config);
        }

        public Optional<String> keyAlias() {
            return Optional.ofNullable(alias).filter(text -> !text.isBlank());
        }
    }

    /** The timestamp authority URL, when one is configured. */
    public Optional<String> tsa() {
        return Optional.ofNullable(tsaUrl).filter(url -> !url.isBlank());
    }

    /** The configured seal image file, if any. */
    public Optional<Path> sealImageFile() {
        return Optional.ofNullable(sealImage);
    }

    /** Whether a production key is configured. */
    public boolean keyConfigured() {
        return keystore.file().isPresent() || pkcs11.configFile().isPresent();
    }
}
