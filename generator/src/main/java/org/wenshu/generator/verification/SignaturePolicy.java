package org.wenshu.generator.verification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The signature validation policy (签名验证策略) the verifier applies, in the manner of ETSI EN 319 102-1 and the EU
 * DSS default constraint file: which /SubFilter values are accepted, which digest algorithms and public keys are
 * strong enough until when (ETSI TS 119 312), which key usages a signer certificate needs, and that a /ByteRange
 * covers its revision up to its {@code %%EOF}.
 *
 * <p>Algorithm limits are judged at the time the signature (or timestamp) is proven to have existed — its
 * signature timestamp or a later document timestamp — or else at validation time, as EN 319 102-1 5.2.8 and the
 * past-signature validation of 5.6.2 do: a SHA-256/RSA-2048 signature timestamped before 2029 stays valid after.</p>
 *
 * @param name                  the policy's identifier
 * @param version               its version; changes with any constraint
 * @param basis                 the standards and reference policy it follows
 * @param signatureSubFilters   /SubFilter values accepted for signatures (/Type /Sig)
 * @param timestampSubFilters   /SubFilter values accepted for document timestamps (/Type /DocTimeStamp)
 * @param digestAlgorithms      accepted digest algorithms, each until an optional date
 * @param signatureAlgorithms   accepted signature algorithm families (RSA, RSASSA-PSS, ECDSA, DSA)
 * @param publicKeys            minimum key sizes in bits per family, each until an optional date
 * @param signerKeyUsages       when a signer certificate has a key usage extension, one of these bits is required
 */
public record SignaturePolicy(String name, String version, List<String> basis, List<String> signatureSubFilters,
                              List<String> timestampSubFilters, List<Limit> digestAlgorithms,
                              List<String> signatureAlgorithms, List<KeySize> publicKeys, List<String> signerKeyUsages) {

    /** An algorithm accepted until a date (exclusive), or without end. */
    public record Limit(String algorithm, Optional<LocalDate> until) {

        boolean acceptedAt(Instant time) {
            return until.map(date -> time.isBefore(date.atStartOfDay(ZoneOffset.UTC).toInstant())).orElse(true);
        }
    }

    /** Keys of {@code family} with at least {@code minimumBits} are accepted until a date (exclusive), or without end. */
    public record KeySize(String family, int minimumBits, Optional<LocalDate> until) {

        boolean acceptedAt(Instant time) {
            return until.map(date -> time.isBefore(date.atStartOfDay(ZoneOffset.UTC).toInstant())).orElse(true);
        }
    }

    /** The rules of this policy, each with its identifier and its Chinese title for reports. */
    public enum Rule {
        /** ISO 32000-1 12.8.1, ETSI EN 319 142-1 5.1: the signed bytes cover the signature's revision to its %%EOF. */
        BYTE_RANGE("byte-range-covers-revision", "签名字节范围须覆盖其修订版本直至 %%EOF"),
        /** ETSI EN 319 142-1 5.1, ISO 32000-2 12.8.3: only the standard signature encodings. */
        SUB_FILTER("sub-filter", "签名编码 (/SubFilter) 须为标准格式"),
        /** ETSI TS 119 312 4.2: the message digest algorithm. */
        DIGEST_ALGORITHM("digest-algorithm", "摘要算法须符合策略"),
        /** ETSI TS 119 312 5: the signature algorithm and the digest it names. */
        SIGNATURE_ALGORITHM("signature-algorithm", "签名算法须符合策略"),
        /** ETSI TS 119 312 6: the public key's algorithm and size. */
        PUBLIC_KEY("public-key-size", "公钥算法和长度须符合策略"),
        /** RFC 5280 4.2.1.3, ETSI EN 319 102-1 5.2.6: the signer certificate's key usage must allow signing. */
        KEY_USAGE("signer-key-usage", "签名证书的密钥用法须允许签名");

        private final String id;
        private final String title;

        Rule(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** The rule's identifier in JSON, e.g. {@code digest-algorithm}. */
        public String id() {
            return id;
        }

        /** The rule in Chinese, e.g. 摘要算法须符合策略. */
        public String title() {
            return title;
        }
    }

    public SignaturePolicy {
        basis = List.copyOf(basis);
        signatureSubFilters = List.copyOf(signatureSubFilters);
        timestampSubFilters = List.copyOf(timestampSubFilters);
        digestAlgorithms = List.copyOf(digestAlgorithms);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        publicKeys = List.copyOf(publicKeys);
        signerKeyUsages = List.copyOf(signerKeyUsages);
    }

    /**
     * The default policy: PAdES baseline encodings, and the algorithm table of the EU DSS 6.2 default constraint
     * (ETSI TS 119 312 v1.5.1) — digests SHA-224 until 2029 and SHA-256 or stronger after, RSA and DSA of 1900 bits
     * until 2029 and 3000 after, ECDSA of 256 bits — with key usage digitalSignature or nonRepudiation.
     */
    public static SignaturePolicy standard() {
        return new SignaturePolicy("wenshu-pades-baseline", "1.0",
                List.of("ETSI EN 319 102-1", "ETSI EN 319 142-1", "ETSI TS 119 312 V1.5.1",
                        "EU DSS 6.2 default validation policy (constraint.xml)"),
                List.of("ETSI.CAdES.detached", "adbe.pkcs7.detached"),
                List.of("ETSI.RFC3161"),
                List.of(until("MD5", "2004-08-01"), until("SHA-1", "2012-08-01"), until("RIPEMD-160", "2014-08-01"),
                        until("SHA-224", "2029-01-01"), always("SHA-256"), always("SHA-384"), always("SHA-512"),
                        always("SHA3-256"), always("SHA3-384"), always("SHA3-512")),
                List.of("RSA", "RSASSA-PSS", "ECDSA", "DSA"),
                List.of(new KeySize("RSA", 1900, date("2029-01-01")), new KeySize("RSA", 3000, Optional.empty()),
                        new KeySize("RSASSA-PSS", 1900, date("2029-01-01")),
                        new KeySize("RSASSA-PSS", 3000, Optional.empty()),
                        new KeySize("DSA", 1900, date("2029-01-01")), new KeySize("DSA", 3000, Optional.empty()),
                        new KeySize("ECDSA", 256, Optional.empty())),
                List.of("digitalSignature", "nonRepudiation"));
    }

    /** The accepted /SubFilter values for a signature or a document timestamp. */
    public List<String> subFilters(boolean documentTimestamp) {
        return documentTimestamp ? timestampSubFilters : signatureSubFilters;
    }

    /** The limit for a digest algorithm named as in this policy (e.g. {@code SHA-256}), if the policy knows it. */
    public Optional<Limit> digest(String algorithm) {
        return digestAlgorithms.stream().filter(limit -> limit.algorithm().equals(algorithm)).findFirst();
    }

    /** The key size limits of one family, smallest first. */
    public List<KeySize> keySizes(String family) {
        return publicKeys.stream().filter(size -> size.family().equals(family))
                .sorted(java.util.Comparator.comparingInt(KeySize::minimumBits)).toList();
    }

    private static Limit until(String algorithm, String date) {
        return new Limit(algorithm, date(date));
    }

    private static Limit always(String algorithm) {
        return new Limit(algorithm, Optional.empty());
    }

    private static Optional<LocalDate> date(String text) {
        return Optional.of(LocalDate.parse(text));
    }
}
