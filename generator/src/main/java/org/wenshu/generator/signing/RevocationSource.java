package org.wenshu.generator.signing;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Finds revocation data (吊销信息: CRLs) for certificates, to embed for PAdES B-LT and to check chains. */
public interface RevocationSource {

    /** CRLs issued by the issuer of {@code certificate} that cover it; empty when none is known. */
    List<X509CRL> crlsFor(X509Certificate certificate);

    /** No revocation data at all. */
    static RevocationSource none() {
        return certificate -> List.of();
    }

    /** A fixed set of CRLs, e.g. the development CA's or ones configured as files. */
    static RevocationSource of(Collection<X509CRL> crls) {
        List<X509CRL> copy = List.copyOf(crls);
        return certificate -> copy.stream()
                .filter(crl -> crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()))
                .toList();
    }

    /** CRLs asked for afresh each time, e.g. from a CA that can revoke while the application runs. */
    static RevocationSource fresh(Supplier<? extends Collection<X509CRL>> crls) {
        return certificate -> of(crls.get()).crlsFor(certificate);
    }
}
