package org.wenshu.generator.verification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.RevocationSource;

/**
 * Verifies the signatures of a PDF (验证签名): integrity of each signed byte range, the signer's chain to the
 * configured trust anchors, revocation and expiry at the proven time, timestamps, changes after signing, the PAdES
 * level reached, and the PDF/A claim.
 */
public final class PdfVerifier {

    private static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    private static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    private final ChainValidation chains;
    private final RevocationSource revocation;
    private final Clock clock;
    private final SignaturePolicy policy;
    private final CryptographicCheck crypto;
    private final TimestampVerification timestamps;

    /**
     * A verifier applying {@link SignaturePolicy#standard()}.
     *
     * @param trustAnchors the root certificates to trust (the dev CA's in development)
     * @param revocation   CRLs known besides those embedded in documents
     */
    public PdfVerifier(Collection<X509Certificate> trustAnchors, RevocationSource revocation, Clock clock) {
        this(trustAnchors, revocation, clock, SignaturePolicy.standard());
    }

    /** A verifier applying {@code policy}. */
    public PdfVerifier(Collection<X509Certificate> trustAnchors, RevocationSource revocation, Clock clock,
                       SignaturePolicy policy) {
        this.chains = new ChainValidation(trustAnchors);
        this.revocation = revocation;
        this.clock = clock;
        this.policy = policy;
        this.crypto = new CryptographicCheck(policy);
        this.timestamps = new TimestampVerification(chains, crypto, revocation);
    }

    /** The validation policy this verifier applies. */
    public SignaturePolicy policy() {
        return policy;
    }

    /** Verifies {@code pdf}; throws {@link UnreadablePdf} when it is not a readable PDF. */
    public VerificationReport verify(byte[] pdf) {
        checkEnvelope(pdf);
        try (PDDocument document = load(pdf)) {
            List<PDSignature> signatures = orderedSignatures(document);
            ValidationData embedded = ValidationData.read(document);
            // Newest first: a valid later document timestamp proves when everything before it existed (its POE).
            SignatureCheck[] checks = new SignatureCheck[signatures.size()];
            Optional<Instant> laterProof = Optional.empty();
            for (int i = signatures.size() - 1; i >= 0; i--) {
                Optional<PDSignatureField> field = field(document, signatures.get(i));
                SignatureCheck check = check(pdf, document, signatures, i, embedded,
                        field.map(PDSignatureField::getFullyQualifiedName).orElse("signature " + (i + 1)),
                        field.flatMap(SealText::of), laterProof);
                checks[i] = check;
                if (check.documentTimestamp() && check.violations().isEmpty()) {
                    Optional<Instant> proof = check.timestamp().filter(TimestampCheck::valid).map(TimestampCheck::time);
                    if (proof.isPresent()) {
                        laterProof = proof;
                    }
                }
            }
            return new VerificationReport(List.of(checks), PdfAClaim.of(document), policy);
        } catch (IOException e) {
            throw new UnreadablePdf(UnreadablePdf.Reason.DAMAGED, "the PDF is damaged and cannot be read: " + e.getMessage()
                    + " (PDF文件已损坏)", e);
        }
    }

    private static void checkEnvelope(byte[] pdf) {
        if (indexOf(pdf, "%PDF-", 0, Math.min(pdf.length, 1024)) < 0) {
            throw new UnreadablePdf(UnreadablePdf.Reason.NOT_A_PDF, "not a PDF: the file does not start with a %PDF- header (不是PDF文件)");
        }
        int tailStart = Math.max(0, pdf.length - 1024);
        if (indexOf(pdf, "%%EOF", tailStart, pdf.length) < 0) {
            throw new UnreadablePdf(UnreadablePdf.Reason.TRUNCATED,
                    "the PDF is truncated: it does not end with the %%EOF marker (" + pdf.length + " bytes) (PDF文件不完整)");
        }
    }

    private static PDDocument load(byte[] pdf) {
        PDDocument document;
        try {
            document = Loader.loadPDF(pdf);
        } catch (InvalidPasswordException e) {
            throw new UnreadablePdf(UnreadablePdf.Reason.ENCRYPTED,
                    "the PDF is encrypted with a password; signatures in encrypted PDFs are not verified (PDF已加密)", e);
        } catch (IOException e) {
            throw new UnreadablePdf(UnreadablePdf.Reason.DAMAGED, "the PDF is damaged and cannot be read: " + e.getMessage()
                    + " (PDF文件已损坏)", e);
        }
        if (document.isEncrypted()) {
            try {
                document.close();
            } catch (IOException ignored) {
                // Already failing; the close error adds nothing.
            }
            throw new UnreadablePdf(UnreadablePdf.Reason.ENCRYPTED,
                    "the PDF is encrypted; signatures in encrypted PDFs are not verified (PDF已加密)");
        }
        return document;
    }

    /** Signatures sorted by where their signed revision ends, i.e. in the order they were made. */
    private static List<PDSignature> orderedSignatures(PDDocument document) throws IOException {
        List<PDSignature> signatures = new ArrayList<>(document.getSignatureDictionaries());
        signatures.removeIf(signature -> signature.getByteRange().length != 4);
        signatures.sort((a, b) -> Long.compare(end(a), end(b)));
        return signatures;
    }

    private static long end(PDSignature signature) {
        int[] range = signature.getByteRange();
        return (long) range[2] + range[3];
    }

    private SignatureCheck check(byte[] pdf, PDDocument document, List<PDSignature> signatures, int index,
                                 ValidationData embedded, String fieldName, Optional<String> sealText,
                                 Optional<Instant> laterProof) throws IOException {
        PDSignature signature = signatures.get(index);
        boolean documentTimestamp = COSName.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE))
                || ETSI_RFC3161.getName().equals(signature.getSubFilter());
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<PolicyViolation> violations = new ArrayList<>();
        checkSubFilter(signature, documentTimestamp).ifPresent(violations::add);

        int[] range = signature.getByteRange();
        byte[] signedBytes = ByteRangeCheck.signedBytes(pdf, range, problems);
        if (signedBytes != null) {
            ByteRangeCheck.coversRevision(pdf, range).ifPresent(violations::add);
        }
        boolean coversWholeFile = (long) range[2] + range[3] == pdf.length;
        byte[] contents = signature.getContents();
        Optional<ContentInfo> cms = parseCms(contents, problems);
        // Algorithms are judged when the object is proven to have existed (EN 319 102-1 5.6.2), else now.
        Instant timestampsJudgedAt = laterProof.orElse(clock.instant());

        boolean intact = false;
        String signer = "(unknown)";
        Optional<TimestampCheck> timestamp = Optional.empty();
        ChainValidation.Result chain = null;
        Optional<PadesLevel> level = Optional.empty();
        Collection<X509CRL> crls = new ArrayList<>(embedded.crls());

        if (cms.isPresent() && signedBytes != null) {
            if (documentTimestamp) {
                TimestampCheck check = timestamps.check(cms.get(), sha256(signedBytes), embedded, "document timestamp",
                        "文档时间戳", timestampsJudgedAt, violations);
                intact = check.problem().filter(p -> p.contains("does not cover")).isEmpty();
                timestamp = Optional.of(check);
                signer = check.authority();
                check.problem().ifPresent(problems::add);
            } else {
                SignerOutcome outcome = checkSigner(cms.get(), signedBytes, embedded, problems, timestampsJudgedAt,
                        violations);
                intact = outcome.intact();
                signer = outcome.signerCertificate().map(c -> c.getSubjectX500Principal().getName()).orElse(signer);
                timestamp = outcome.timestamp();
                timestamp.flatMap(TimestampCheck::problem).ifPresent(problems::add);
                if (outcome.signerCertificate().isPresent()) {
                    X509Certificate certificate = outcome.signerCertificate().get();
                    Optional<Instant> proven = timestamp.filter(TimestampCheck::valid).map(TimestampCheck::time);
                    // A later valid document timestamp also proves the signature existed by then.
                    if (proven.isEmpty()) {
                        proven = laterProof;
                    }
                    Instant judgedAt = proven.orElse(clock.instant());
                    ChainValidation.collectCrls(revocation, certificate, outcome.certificates(), crls);
                    chain = chains.validate(certificate, ChainValidation.union(outcome.certificates(), embedded.certificates()), crls,
                            judgedAt, proven, "signer");
                    problems.addAll(chain.problems());
                    warnings.addAll(chain.warnings());
                    violations.addAll(crypto.signer(outcome.signerInfo().orElseThrow(), certificate, "签名", judgedAt));
                    crypto.keyUsage(certificate).ifPresent(violations::add);
                    violations.addAll(crypto.chain(chain.chain(), judgedAt));
                    level = padesLevel(signature, outcome, document, signatures, index, embedded, chain);
                }
            }
        }
        if (signedBytes != null && !intact && problems.stream().noneMatch(p -> p.contains("integrity"))) {
            problems.add("integrity: the signed bytes do not match the signature (签名后文件被篡改)");
        }

        ChangesAfterSigning changes = ChangesAfterSigning.none();
        if (!coversWholeFile && signedBytes != null) {
            changes = changesAfter(pdf, document, signatures, index, embedded, range[2] + range[3], problems);
        }
        List<String> chainSubjects = chain == null ? List.of()
                : chain.chain().stream().map(c -> c.getSubjectX500Principal().getName()).toList();
        return new SignatureCheck(fieldName, documentTimestamp, signer, sealText,
                Optional.ofNullable(signature.getSignDate()).map(calendar -> calendar.toInstant()), timestamp,
                chainSubjects, chain != null && chain.trusted(),
                chain == null ? SignatureCheck.Revocation.UNKNOWN : chain.revocation(),
                intact, coversWholeFile, changes, level, List.copyOf(problems), List.copyOf(violations),
                List.copyOf(warnings));
    }

    /** ETSI EN 319 142-1 5.1: only the policy's encodings; anything else is refused, not guessed at. */
    private Optional<PolicyViolation> checkSubFilter(PDSignature signature, boolean documentTimestamp) {
        String subFilter = signature.getSubFilter();
        List<String> accepted = policy.subFilters(documentTimestamp);
        if (subFilter != null && accepted.contains(subFilter)) {
            return Optional.empty();
        }
        return Optional.of(new PolicyViolation(SignaturePolicy.Rule.SUB_FILTER,
                (documentTimestamp ? "文档时间戳" : "签名") + "的 /SubFilter 为 "
                        + (subFilter == null ? "（缺失）" : "/" + subFilter) + "，不是策略接受的格式（接受："
                        + String.join("、", accepted.stream().map(name -> "/" + name).toList()) + "）"));
    }

    private ChangesAfterSigning changesAfter(byte[] pdf, PDDocument document, List<PDSignature> signatures, int index,
                                             ValidationData embedded, int signedLength, List<String> problems) {
        int laterSignatures = 0;
        int laterTimestamps = 0;
        for (int j = index + 1; j < signatures.size(); j++) {
            if (COSName.DOC_TIME_STAMP.equals(signatures.get(j).getCOSObject().getCOSName(COSName.TYPE))) {
                laterTimestamps++;
            } else {
                laterSignatures++;
            }
        }
        boolean dssAdded = embedded.present() && !ValidationData.inRevision(pdf, signedLength);
        try {
            ChangesAfterSigning changes = RevisionComparison.compare(pdf, signedLength, document, laterSignatures,
                    laterTimestamps, dssAdded);
            if (changes.kind() == ChangesAfterSigning.Kind.CONTENT_CHANGED) {
                problems.addAll(changes.details());
            }
            return changes;
        } catch (IOException e) {
            // A signed range that does not end a readable revision cannot be compared: say so, never crash.
            problems.add("the signed revision (first " + signedLength + " bytes) cannot be read to compare it with "
                    + "the document: " + e.getMessage() + " (签名修订版本无法读取)");
            return new ChangesAfterSigning(ChangesAfterSigning.Kind.CONTENT_CHANGED,
                    List.of("the signed revision cannot be read (签名修订版本无法读取)"));
        }
    }

    private record SignerOutcome(boolean intact, Optional<X509Certificate> signerCertificate,
                                 Optional<SignerInformation> signerInfo, List<X509Certificate> certificates,
                                 Optional<TimestampCheck> timestamp, boolean signingCertificateV2,
                                 boolean signingTimeAttribute) {
    }

    private SignerOutcome checkSigner(ContentInfo contentInfo, byte[] signedBytes, ValidationData embedded,
                                      List<String> problems, Instant timestampJudgedAt,
                                      List<PolicyViolation> violations) {
        try {
            CMSSignedData signedData = new CMSSignedData(new CMSProcessableByteArray(signedBytes), contentInfo);
            List<X509Certificate> certificates = ChainValidation.certificates(signedData.getCertificates().getMatches(null));
            SignerInformation signerInfo = signedData.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches((Selector<X509CertificateHolder>) signerInfo.getSID());
            if (matches.isEmpty()) {
                problems.add("the signature does not include the signer's certificate (签名中没有签署者的证书)");
                return new SignerOutcome(false, Optional.empty(), Optional.empty(), certificates, Optional.empty(),
                        false, false);
            }
            X509Certificate signerCertificate = new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
            boolean intact;
            try {
                intact = signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate));
            } catch (CMSException e) {
                intact = false;
            }
            if (!intact) {
                problems.add("integrity: the signed byte range no longer matches the signature (签名后文件被篡改)");
            }
            AttributeTable signedAttributes = signerInfo.getSignedAttributes();
            boolean v2 = signedAttributes != null
                    && signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null
                    && signingCertificateMatches(signedAttributes, signerCertificate);
            boolean signingTime = signedAttributes != null && signedAttributes.get(CMSAttributes.signingTime) != null;
            Optional<TimestampCheck> timestamp = Optional.empty();
            AttributeTable unsigned = signerInfo.getUnsignedAttributes();
            if (unsigned != null && unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null) {
                ASN1Primitive token = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                        .getAttrValues().getObjectAt(0).toASN1Primitive();
                timestamp = Optional.of(timestamps.check(ContentInfo.getInstance(token), sha256(signerInfo.getSignature()),
                        embedded, "signature timestamp", "签名时间戳", timestampJudgedAt, violations));
            }
            return new SignerOutcome(intact, Optional.of(signerCertificate), Optional.of(signerInfo), certificates,
                    timestamp, v2, signingTime);
        } catch (CMSException | CertificateException | OperatorCreationException e) {
            problems.add("the signature (CMS) cannot be checked: " + e.getMessage() + " (签名无法检查)");
            return new SignerOutcome(false, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), false,
                    false);
        }
    }

    private static boolean signingCertificateMatches(AttributeTable attributes, X509Certificate certificate) {
        try {
            SigningCertificateV2 reference = SigningCertificateV2.getInstance(
                    attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
            ESSCertIDv2 id = reference.getCerts()[0];
            String algorithm = id.getHashAlgorithm().getAlgorithm().getId().equals("2.16.840.1.101.3.4.2.1") ? "SHA-256"
                    : id.getHashAlgorithm().getAlgorithm().getId();
            return Arrays.equals(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()), id.getCertHash());
        } catch (Exception e) {
            return false;
        }
    }

    private Optional<PadesLevel> padesLevel(PDSignature signature, SignerOutcome outcome, PDDocument document,
                                            List<PDSignature> signatures, int index, ValidationData embedded,
                                            ChainValidation.Result chain) {
        if (!ETSI_CADES_DETACHED.getName().equals(signature.getSubFilter()) || !outcome.signingCertificateV2()
                || outcome.signingTimeAttribute()) {
            return Optional.empty();
        }
        PadesLevel level = PadesLevel.B_B;
        boolean laterDocumentTimestamp = signatures.subList(index + 1, signatures.size()).stream()
                .anyMatch(later -> COSName.DOC_TIME_STAMP.equals(later.getCOSObject().getCOSName(COSName.TYPE)));
        if (outcome.timestamp().isPresent() || laterDocumentTimestamp) {
            level = PadesLevel.B_T;
            boolean certificatesEmbedded = chain.chain().stream().allMatch(c -> embedded.certificates().contains(c)
                    || c.equals(chain.chain().get(chain.chain().size() - 1)));
            boolean revocationEmbedded = chain.chain().size() < 2 || chain.chain().subList(0, chain.chain().size() - 1).stream()
                    .allMatch(c -> embedded.crls().stream().anyMatch(crl -> crl.getIssuerX500Principal().equals(c.getIssuerX500Principal())));
            if (embedded.present() && certificatesEmbedded && revocationEmbedded) {
                level = PadesLevel.B_LT;
                if (laterDocumentTimestamp) {
                    level = PadesLevel.B_LTA;
                }
            }
        }
        return Optional.of(level);
    }

    /** Reads the CMS object, ignoring the zero padding other signers leave after it in /Contents. */
    private static Optional<ContentInfo> parseCms(byte[] contents, List<String> problems) {
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(contents))) {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                problems.add("the signature value (/Contents) is empty (签名值为空)");
                return Optional.empty();
            }
            return Optional.of(ContentInfo.getInstance(object));
        } catch (IOException | IllegalArgumentException e) {
            problems.add("integrity: the signature value (/Contents) is not a CMS structure: " + e.getMessage()
                    + " (签名值不是 CMS 结构)");
            return Optional.empty();
        }
    }

    private static Optional<PDSignatureField> field(PDDocument document, PDSignature signature) throws IOException {
        for (PDSignatureField field : document.getSignatureFields()) {
            PDSignature value = field.getSignature();
            if (value != null && value.getCOSObject() == signature.getCOSObject()) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] data, String marker, int from, int to) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
