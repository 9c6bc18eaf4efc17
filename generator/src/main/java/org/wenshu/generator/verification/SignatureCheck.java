package org.wenshu.generator.verification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.wenshu.generator.signing.PadesLevel;

/**
 * The verification result of one signature or document timestamp in a PDF (签名验证结果).
 *
 * @param fieldName         the signature field's name
 * @param documentTimestamp whether this is a document timestamp (/DocTimeStamp) rather than a signature
 * @param signer            the signer's certificate subject (the TSA's for a document timestamp)
 * @param sealText          what the visible seal reads (its appearance's /ActualText), e.g. 荆门市人民检察院; empty for an
 *                          invisible signature or a seal that does not say
 * @param claimedTime       the signing time the signer claims (/M), not proof
 * @param timestamp         the signature timestamp, or the document timestamp itself
 * @param chain             certificate subjects from the signer up to the trust anchor (or as far as it goes)
 * @param trusted           whether the chain reaches a configured trust anchor
 * @param revocation        what the revocation data says about the chain
 * @param intact            whether the signed byte range still hashes to what was signed
 * @param coversWholeFile   whether the signature covers the file up to its end
 * @param changes           what changed after signing
 * @param level             the PAdES baseline level reached, empty when it is not a PAdES signature
 * @param problems          every reason other than the policy's that this signature is not valid
 * @param violations        every rule of the {@link SignaturePolicy} it breaks
 * @param warnings          things worth knowing that do not make it invalid
 */
public record SignatureCheck(String fieldName, boolean documentTimestamp, String signer, Optional<String> sealText,
                             Optional<Instant> claimedTime,
                             Optional<TimestampCheck> timestamp, List<String> chain, boolean trusted,
                             Revocation revocation, boolean intact, boolean coversWholeFile,
                             ChangesAfterSigning changes, Optional<PadesLevel> level, List<String> problems,
                             List<PolicyViolation> violations, List<String> warnings) {

    /** What the revocation data says about the signer's chain. */
    public enum Revocation {
        /** Every certificate is covered by a CRL and none is revoked. */
        GOOD,
        /** A certificate in the chain was revoked before the signature was proven to exist. */
        REVOKED,
        /** No revocation data was found for some certificate. */
        UNKNOWN
    }

    /** Valid: intact, trusted, not revoked or expired, within the policy, and nothing but allowed updates after it. */
    public boolean valid() {
        return problems.isEmpty() && violations.isEmpty();
    }

    /** Every reason it is not valid: the problems, then the policy violations as text. */
    public List<String> reasons() {
        List<String> reasons = new java.util.ArrayList<>(problems);
        violations.forEach(violation -> reasons.add(violation.text()));
        return reasons;
    }
}
