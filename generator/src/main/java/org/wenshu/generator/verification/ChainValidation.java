package org.wenshu.generator.verification;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.wenshu.generator.signing.RevocationSource;

/**
 * Validates a certificate chain to the configured trust anchors at a given time, with revocation checked against
 * CRLs we collect ourselves.
 *
 * <p>Why not PKIX revocation checking: the JDK only accepts CRLs issued around the validation time, but an archive
 * validates at the (past) timestamp time with CRLs issued later, which is exactly what proves no revocation
 * happened before the timestamp.</p>
 */
final class ChainValidation {

    /** The outcome: the chain as far as it goes, and every problem found. */
    record Result(List<X509Certificate> chain, boolean trusted, SignatureCheck.Revocation revocation,
                  List<String> problems, List<String> warnings) {
    }

    private final Set<TrustAnchor> anchors;

    ChainValidation(Collection<X509Certificate> trustAnchors) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate anchor : trustAnchors) {
            set.add(new TrustAnchor(anchor, null));
        }
        this.anchors = set;
    }

    /**
     * @param validationTime  when the certificate had to be valid: the proven (timestamp) time, else now
     * @param provenTime      the timestamp time, if a valid one exists; revocations after it do not count
     */
    Result validate(X509Certificate signer, Collection<X509Certificate> intermediates, Collection<X509CRL> crls,
                    Instant validationTime, Optional<Instant> provenTime, String what) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (validationTime.isAfter(signer.getNotAfter().toInstant())) {
            problems.add(what + " certificate expired on " + format(signer.getNotAfter().toInstant())
                    + (provenTime.isPresent() ? ", before the timestamp at " : ", and there is no timestamp proving signing before that; checked at ")
                    + format(validationTime) + " (证书已过期)");
        } else if (validationTime.isBefore(signer.getNotBefore().toInstant())) {
            problems.add(what + " certificate was not yet valid at " + format(validationTime) + " (证书尚未生效)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        boolean trusted = false;
        if (anchors.isEmpty()) {
            problems.add(what + " certificate cannot be trusted: no trust anchor is configured (未配置受信任的根证书，证书无法信任)");
            chain.add(signer);
        } else {
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(signer);
                PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
                List<X509Certificate> pool = new ArrayList<>(intermediates);
                pool.add(signer);
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
                parameters.setRevocationEnabled(false);
                // Expiry is reported above with a clearer message; build the path at a time the signer was valid.
                parameters.setDate(Date.from(clampToValidity(signer, validationTime)));
                PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
                result.getCertPath().getCertificates().forEach(certificate -> chain.add((X509Certificate) certificate));
                chain.add(result.getTrustAnchor().getTrustedCert());
                trusted = true;
            } catch (CertPathBuilderException e) {
                chain.add(signer);
                problems.add(what + " certificate does not chain to a trusted anchor (issuer: "
                        + signer.getIssuerX500Principal().getName() + ") (证书不受信任)");
            } catch (GeneralSecurityException e) {
                chain.add(signer);
                problems.add(what + " certificate chain cannot be checked: " + e.getMessage() + " (证书链无法检查)");
            }
        }
        SignatureCheck.Revocation revocation = trusted
                ? checkRevocation(chain, crls, provenTime, what, problems, warnings)
                : SignatureCheck.Revocation.UNKNOWN;
        return new Result(chain, trusted, revocation, problems, warnings);
    }

    private static Instant clampToValidity(X509Certificate signer, Instant time) {
        Instant notAfter = signer.getNotAfter().toInstant();
        Instant notBefore = signer.getNotBefore().toInstant();
        return time.isAfter(notAfter) ? notAfter : time.isBefore(notBefore) ? notBefore : time;
    }

    private static SignatureCheck.Revocation checkRevocation(List<X509Certificate> chain, Collection<X509CRL> crls,
                                                            Optional<Instant> provenTime, String what,
                                                            List<String> problems, List<String> warnings) {
        SignatureCheck.Revocation status = SignatureCheck.Revocation.GOOD;
        // The last element is the trust anchor itself: trusted by configuration, not by revocation data.
        for (int i = 0; i < chain.size() - 1; i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            List<X509CRL> issued = crls.stream()
                    .filter(crl -> crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()))
                    .filter(crl -> signedBy(crl, issuer))
                    .toList();
            if (issued.isEmpty()) {
                warnings.add("no revocation data (CRL) for " + certificate.getSubjectX500Principal().getName()
                        + "; revocation status unknown");
                status = SignatureCheck.Revocation.UNKNOWN;
                continue;
            }
            for (X509CRL crl : issued) {
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry == null) {
                    continue;
                }
                Instant revokedAt = entry.getRevocationDate().toInstant();
                if (provenTime.isPresent() && revokedAt.isAfter(provenTime.get())) {
                    warnings.add(what + " certificate " + serial(certificate.getSerialNumber()) + " was revoked on "
                            + format(revokedAt) + ", after the timestamp at " + format(provenTime.get()));
                } else {
                    problems.add(what + " certificate " + certificate.getSubjectX500Principal().getName()
                            + " was revoked on " + format(revokedAt)
                            + Optional.ofNullable(entry.getRevocationReason()).map(reason -> " (" + reason + ")").orElse("")
                            + " (证书已吊销)");
                    return SignatureCheck.Revocation.REVOKED;
                }
            }
        }
        return status;
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String serial(BigInteger serial) {
        return serial.toString(16);
    }

    /** Adds the CRLs {@code revocation} knows for {@code certificate} and {@code certificates}, without duplicates. */
    static void collectCrls(RevocationSource revocation, X509Certificate certificate, List<X509Certificate> certificates,
                            Collection<X509CRL> crls) {
        List<X509Certificate> all = new ArrayList<>(certificates);
        all.add(certificate);
        for (X509Certificate c : all) {
            for (X509CRL crl : revocation.crlsFor(c)) {
                if (!crls.contains(crl)) {
                    crls.add(crl);
                }
            }
        }
    }

    /** Both collections' certificates, each once, in order. */
    static Collection<X509Certificate> union(Collection<X509Certificate> a, Collection<X509Certificate> b) {
        Set<X509Certificate> set = new LinkedHashSet<>(a);
        set.addAll(b);
        return set;
    }

    /** Bouncy Castle certificate holders as JCA certificates. */
    static List<X509Certificate> certificates(Collection<X509CertificateHolder> holders) throws CertificateException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> result = new ArrayList<>();
        for (X509CertificateHolder holder : holders) {
            result.add(converter.getCertificate(holder));
        }
        return result;
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
