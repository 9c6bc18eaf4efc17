package org.wenshu.generator.signing;

import java.util.Optional;

/**
 * One signature to add to a PDF: who signs, to which PAdES level, and how it looks.
 *
 * @param key        the signer's key and certificate chain
 * @param level      the PAdES baseline level to reach
 * @param appearance the visible seal; empty for an invisible signature (e.g. the handling prosecutor's, 承办检察官)
 * @param reason     the signature's /Reason, e.g. 签发
 * @param location   the signature's /Location, e.g. the unit's city
 */
public record SignatureRequest(SigningKey key, PadesLevel level, Optional<SealAppearance> appearance, String reason,
                               Optional<String> location) {

    /** An invisible signature. */
    public static SignatureRequest invisible(SigningKey key, PadesLevel level) {
        return new SignatureRequest(key, level, Optional.empty(), "签发", Optional.empty());
    }

    /** A signature shown as the given seal. */
    public static SignatureRequest sealed(SigningKey key, PadesLevel level, SealAppearance seal) {
        return new SignatureRequest(key, level, Optional.of(seal), "签发", Optional.empty());
    }

    /** The same request with another /Reason. */
    public SignatureRequest withReason(String newReason) {
        return new SignatureRequest(key, level, appearance, newReason, location);
    }

    /** The same request with a /Location. */
    public SignatureRequest withLocation(String newLocation) {
        return new SignatureRequest(key, level, appearance, reason, Optional.of(newLocation));
    }

    /** The same request at another level. */
    public SignatureRequest atLevel(PadesLevel newLevel) {
        return new SignatureRequest(key, newLevel, appearance, reason, location);
    }
}
