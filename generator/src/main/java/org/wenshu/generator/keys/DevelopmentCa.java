package org.wenshu.generator.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wenshu.generator.signing.SigningKey;

/**
 * A certificate authority for development and tests (开发用测试CA): issues seal, personal and TSA certificates and
 * CRLs. Every subject it writes is marked TEST; nothing it issues may sign a real instrument.
 */
public final class DevelopmentCa {

    /** Marks every subject this CA writes, so no one mistakes its certificates for real ones. */
    public static final String TEST_MARK = "TEST";

    private static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();

    private record Revocation(Instant when, int reason) {
    }

    private DevelopmentCa(PrivateKey caKey, X509Certificate caCertificate, Clock clock) {
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.clock = clock;
    }

    /** Creates a new root CA, valid for ten years from now. */
    public static DevelopmentCa create(String name, Clock clock) {
        try {
            KeyPair keys = rsaKeys();
            Instant now = clock.instant();
            X500Name subject = subject(name + " 开发根证书");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(keys.getPrivate())));
            return new DevelopmentCa(keys.getPrivate(), certificate, clock);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the development CA: " + e.getMessage(), e);
        }
    }

    /** Reopens a CA from its key and certificate (as stored by {@link DevelopmentKeys}). */
    public static DevelopmentCa of(SigningKey caKey, Clock clock) {
        return new DevelopmentCa(caKey.privateKey(), caKey.certificate(), clock);
    }

    /** The CA's own key, to store it. */
    public SigningKey key() {
        return SigningKey.of(caKey, List.of(caCertificate));
    }

    /** The root certificate, the trust anchor validators must be given. */
    public X509Certificate certificate() {
        return caCertificate;
    }

    /** Issues a key and certificate valid for two years from now. */
    public SigningKey issue(String commonName, CertificatePurpose purpose) {
        Instant now = clock.instant();
        return issue(commonName, purpose, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(730)));
    }

    /** Issues a key and certificate valid between the given instants (tests use this for expired certificates). */
    public SigningKey issue(String commonName, CertificatePurpose purpose, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = rsaKeys();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject(commonName), keys.getPublic());
            addEndEntityExtensions(builder, keys.getPublic(), purpose);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer(caKey)));
            return SigningKey.of(keys.getPrivate(), List.of(certificate, caCertificate));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a development certificate: " + e.getMessage(), e);
        }
    }

    private void addEndEntityExtensions(X509v3CertificateBuilder builder, PublicKey publicKey, CertificatePurpose purpose)
            throws GeneralSecurityException, java.io.IOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(caCertificate));
        if (purpose == CertificatePurpose.TIMESTAMPING) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            // RFC 3161 2.3: the TSA certificate has exactly this extended key usage, marked critical.
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        } else {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
    }

    /** Revokes a certificate from {@code when} on (keyCompromise); the next {@link #crl()} lists it. */
    public void revoke(X509Certificate certificate, Instant when) {
        revoked.put(certificate.getSerialNumber(), new Revocation(when, CRLReason.keyCompromise));
    }

    /** A CRL signed now, valid for a week, listing every revoked certificate. */
    public X509CRL crl() {
        try {
            Instant now = clock.instant();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
            revoked.forEach((serial, revocation) ->
                    builder.addCRLEntry(serial, Date.from(revocation.when()), revocation.reason()));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(caCertificate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            X509CRLHolder holder = builder.build(signer(caKey));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue the development CRL: " + e.getMessage(), e);
        }
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static X500Name subject(String commonName) {
        String marked = commonName.contains(TEST_MARK) ? commonName : commonName + " (" + TEST_MARK + ")";
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "wenshu " + TEST_MARK)
                .addRDN(BCStyle.OU, TEST_MARK + " - not for real instruments")
                .addRDN(BCStyle.CN, marked)
                .build();
    }
}
