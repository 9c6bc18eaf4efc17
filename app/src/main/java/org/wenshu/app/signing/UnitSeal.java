package org.wenshu.app.signing;

import java.util.Optional;

import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.PdfSigner;
import org.wenshu.generator.signing.SealAppearance;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;

/** One issuing unit's seal (单位印章): its key and seal text; builds the request {@code generate} and {@code issue} sign with. */
public final class UnitSeal {

    private final String level;
    private final String unit;
    private final String roleText;
    private final SigningKey key;
    private final PdfSigner signer;
    private final Optional<byte[]> image;

    /** A seal of {@code unit} with {@code roleText}; {@code level} is a PAdES level label or {@code auto}. */
    public UnitSeal(String level, String unit, String roleText, SigningKey key, PdfSigner signer,
                    Optional<byte[]> image) {
        this.level = level;
        this.unit = unit;
        this.roleText = roleText;
        this.key = key;
        this.signer = signer;
        this.image = image;
    }

    /** A sealed signature request at {@code level}, or at the configured/default level when empty. */
    public SignatureRequest request(Optional<PadesLevel> requested) {
        PadesLevel chosen = requested.orElseGet(() -> "auto".equalsIgnoreCase(level)
                ? signer.defaultLevel(key) : PadesLevel.parse(level));
        SealAppearance seal = SealAppearance.drawn(unit, roleText);
        if (image.isPresent()) {
            seal = seal.withImage(image.get());
        }
        return SignatureRequest.sealed(key, chosen, seal);
    }

    /** The unit whose seal this is (its full name). */
    public String unit() {
        return unit;
    }

    /** The unit's key and certificate chain. */
    public SigningKey key() {
        return key;
    }

    /** Signs {@code pdf} with the unit seal. */
    public byte[] sign(byte[] pdf, Optional<PadesLevel> requested) {
        return signer.sign(pdf, request(requested));
    }
}
