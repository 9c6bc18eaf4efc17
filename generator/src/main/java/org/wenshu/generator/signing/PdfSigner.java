package org.wenshu.generator.signing;

import java.io.Closeable;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Signs PDF/A documents with PAdES baseline signatures (电子签章): each signature is an incremental update, so the
 * signed revision and its PDF/A conformance stay intact, and several signatures can follow one another (the
 * handling prosecutor's, then the unit seal).
 *
 * <p>Thread-safe; keep one instance per configuration, the seal fonts are parsed once.</p>
 */
public final class PdfSigner {

    /** PAdES: the CAdES signature is detached and referenced by this SubFilter. */
    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    /** PAdES document timestamp SubFilter. */
    static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    private final Optional<TimestampAuthority> tsa;
    private final RevocationSource revocation;
    private final Clock clock;
    private final SealArtwork artwork;
    /** Last /Contents length per kind of signature: usually right, so one signing pass suffices. */
    private final Map<String, Integer> contentsLengths = new ConcurrentHashMap<>();

    /**
     * @param tsa        the timestamp authority for B-T and above; empty allows B-B only
     * @param revocation where CRLs for B-LT come from
     * @param clock      the clock for the claimed signing time (/M)
     */
    public PdfSigner(Optional<TimestampAuthority> tsa, RevocationSource revocation, Clock clock) {
        this.tsa = tsa;
        this.revocation = revocation;
        this.clock = clock;
        this.artwork = SealArtwork.withShippedFonts();
    }

    /** Loads the fonts the visible seal is lettered in now rather than at the first signature (a server's warm-up). */
    public void prepareSeals() {
        artwork.prepare();
    }

    /** Returns {@code pdf} with one more signature, at the request's level. */
    public byte[] sign(byte[] pdf, SignatureRequest request) {
        if (request.level().includes(PadesLevel.B_T) && tsa.isEmpty()) {
            throw new SigningFailed("PAdES " + request.level() + " needs a timestamp authority, none is configured");
        }
        Calendar signingTime = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        signingTime.setTimeInMillis(clock.millis());
        Optional<TimestampAuthority> signatureTsa = request.level().includes(PadesLevel.B_T) ? tsa : Optional.empty();
        String lengthKey = request.key().certificate().getSerialNumber() + "/" + signatureTsa.isPresent();

        ExactLengthSigning.Signed signed = ExactLengthSigning.sign(pdf,
                (document, reserved) -> prepareSignature(document, request, signingTime, reserved),
                signedBytes -> CadesSignature.create(signedBytes, request.key(), signatureTsa),
                contentsLengths.getOrDefault(lengthKey, 8192));
        contentsLengths.put(lengthKey, signed.contentsLength());
        byte[] result = signed.pdf();

        if (request.level().includes(PadesLevel.B_LT)) {
            result = addValidationData(result, signed.contents(), request.key());
        }
        if (request.level().includes(PadesLevel.B_LTA)) {
            result = addDocumentTimestamp(result);
        }
        return result;
    }

    /** The level issued instruments get by default: B-LT where revocation data is available, else B-T (B-B without TSA). */
    public PadesLevel defaultLevel(SigningKey key) {
        if (tsa.isEmpty()) {
            return PadesLevel.B_B;
        }
        boolean revocationKnown = key.chain().stream()
                .filter(certificate -> !isSelfSigned(certificate))
                .allMatch(certificate -> !revocation.crlsFor(certificate).isEmpty());
        return revocationKnown ? PadesLevel.B_LT : PadesLevel.B_T;
    }

    /** Adds a document timestamp (/DocTimeStamp) over the whole document, e.g. to renew a B-LTA archive copy. */
    public byte[] addDocumentTimestamp(byte[] pdf) {
        TimestampAuthority authority = tsa.orElseThrow(
                () -> new SigningFailed("a document timestamp needs a timestamp authority, none is configured"));
        ExactLengthSigning.Signed signed = ExactLengthSigning.sign(pdf,
                (document, reserved) -> {
                    PDSignature timestamp = new PDSignature();
                    timestamp.setType(COSName.DOC_TIME_STAMP);
                    timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                    timestamp.setSubFilter(ETSI_RFC3161);
                    SignatureOptions options = new SignatureOptions();
                    options.setPreferredSignatureSize(reserved);
                    document.addSignature(timestamp, options);
                    return options;
                },
                signedBytes -> authority.timestamp(sha256(signedBytes)),
                contentsLengths.getOrDefault("doc-timestamp", 4096));
        contentsLengths.put("doc-timestamp", signed.contentsLength());
        return signed.pdf();
    }

    private Closeable prepareSignature(PDDocument document, SignatureRequest request, Calendar signingTime,
                                       int reserved) throws IOException {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(ETSI_CADES_DETACHED);
        signature.setName(commonName(request.key().certificate()));
        signature.setReason(request.reason());
        request.location().ifPresent(signature::setLocation);
        signature.setSignDate(signingTime);
        SignatureOptions options = new SignatureOptions();
        options.setPreferredSignatureSize(reserved);
        if (request.appearance().isPresent()) {
            SealAppearance seal = request.appearance().get();
            SealPlacement.Placement placement = SealPlacement.place(document, seal);
            String fieldName = "Seal" + (signatureCount(document) + 1);
            options.setVisualSignature(artwork.template(document.getPage(placement.pageIndex()).getMediaBox(),
                    placement.rectangle(), seal, fieldName));
            options.setPage(placement.pageIndex());
        }
        document.addSignature(signature, options);
        return options;
    }

    private static int signatureCount(PDDocument document) {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        return form == null ? 0 : document.getSignatureDictionaries().size();
    }

    /**
     * Adds the DSS for the signature whose /Contents is {@code contents}: the CMS just written, taken as it is rather
     * than read back from the saved PDF (a third parse of the document per signature).
     */
    private byte[] addValidationData(byte[] pdf, byte[] contents, SigningKey key) {
        List<X509Certificate> tsaChain = timestampCertificates(contents);
        Set<X509Certificate> certificates = new LinkedHashSet<>(key.chain());
        certificates.addAll(tsaChain);
        List<X509CRL> crls = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (isSelfSigned(certificate)) {
                continue;
            }
            List<X509CRL> found = revocation.crlsFor(certificate);
            if (found.isEmpty()) {
                throw new SigningFailed("PAdES B-LT needs revocation data for " + certificate.getSubjectX500Principal()
                        + " and none is available; sign at B-T or configure the issuer's CRL");
            }
            found.stream().filter(crl -> !crls.contains(crl)).forEach(crls::add);
        }
        return DocumentSecurityStore.add(pdf, contents, certificates, crls);
    }

    /** The certificates inside the signature timestamp token, so the TSA chain is validated long-term too. */
    private static List<X509Certificate> timestampCertificates(byte[] contents) {
        try {
            CMSSignedData signedData = new CMSSignedData(contents);
            var signer = signedData.getSignerInfos().getSigners().iterator().next();
            var attributes = signer.getUnsignedAttributes();
            if (attributes == null) {
                return List.of();
            }
            var attribute = attributes.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attribute == null) {
                return List.of();
            }
            TimeStampToken token = new TimeStampToken(new CMSSignedData(
                    attribute.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> certificates = new ArrayList<>();
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                certificates.add(converter.getCertificate(holder));
            }
            return certificates;
        } catch (CMSException | TSPException | IOException | java.security.cert.CertificateException e) {
            throw new SigningFailed("cannot read the signature timestamp: " + e.getMessage(), e);
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        try {
            for (var rdn : new javax.naming.ldap.LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return name;
        }
        return name;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
