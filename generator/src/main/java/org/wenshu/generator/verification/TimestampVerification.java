package org.wenshu.generator.verification;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.wenshu.generator.signing.RevocationSource;

/** Checks RFC 3161 timestamp tokens: signature timestamps inside a CMS signature and PAdES document timestamps. */
final class TimestampVerification {

    private static final String SHA_256 = "2.16.840.1.101.3.4.2.1";

    private final ChainValidation chains;
    private final CryptographicCheck crypto;
    private final RevocationSource revocation;

    TimestampVerification(ChainValidation chains, CryptographicCheck crypto, RevocationSource revocation) {
        this.chains = chains;
        this.crypto = crypto;
        this.revocation = revocation;
    }

    /**
     * Checks a token: intact, its SHA-256 message imprint equal to {@code expectedSha256}, from a TSA that chains to
     * a trust anchor, and with algorithms the policy accepts at {@code judgedAt} (violations go to
     * {@code violations}, named with {@code label}, e.g. 签名时间戳).
     */
    TimestampCheck check(ContentInfo contentInfo, byte[] expectedSha256, ValidationData embedded, String what,
                         String label, Instant judgedAt, List<PolicyViolation> violations) {
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(contentInfo));
            Instant time = token.getTimeStampInfo().getGenTime().toInstant();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID());
            if (matches.isEmpty()) {
                return new TimestampCheck(time, "(unknown TSA)", false,
                        Optional.of(what + " does not include the TSA certificate (" + label + "中没有时间戳机构的证书)"));
            }
            X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            String authority = tsa.getSubjectX500Principal().getName();
            if (!SHA_256.equals(token.getTimeStampInfo().getMessageImprintAlgOID().getId())
                    || !Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), expectedSha256)) {
                return new TimestampCheck(time, authority, false,
                        Optional.of("integrity: the " + what + " does not cover the signed data ("
                                + label + "与所签数据不符)"));
            }
            try {
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            } catch (TSPException e) {
                return new TimestampCheck(time, authority, false, Optional.of(what + " is invalid: " + e.getMessage()
                        + " (" + label + "无效)"));
            }
            List<X509Certificate> certificates = ChainValidation.certificates(token.getCertificates().getMatches(null));
            Collection<X509CRL> crls = new ArrayList<>(embedded.crls());
            ChainValidation.collectCrls(revocation, tsa, certificates, crls);
            ChainValidation.Result chain = chains.validate(tsa, ChainValidation.union(certificates, embedded.certificates()),
                    crls, time, Optional.of(time), what + " TSA");
            if (!chain.problems().isEmpty()) {
                return new TimestampCheck(time, authority, false, Optional.of(String.join("; ", chain.problems())));
            }
            SignerInformation tsaSigner = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
            List<PolicyViolation> found = new ArrayList<>(crypto.signer(tsaSigner, tsa, label, judgedAt));
            found.addAll(crypto.chain(chain.chain(), judgedAt));
            if (!found.isEmpty()) {
                violations.addAll(found);
                return new TimestampCheck(time, authority, false, Optional.of(what + " breaks the validation policy ("
                        + label + "不符合验证策略)"));
            }
            return new TimestampCheck(time, authority, true, Optional.empty());
        } catch (TSPException | IOException | CMSException | CertificateException | OperatorCreationException
                 | IllegalArgumentException e) {
            return new TimestampCheck(Instant.EPOCH, "(unreadable)", false,
                    Optional.of(what + " cannot be read: " + e.getMessage() + " (" + label + "无法读取)"));
        }
    }
}
