package org.wenshu.generator.verification;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Applies the algorithm, key size and key usage rules of a {@link SignaturePolicy} to a CMS signer, its certificate
 * chain and timestamp tokens (ETSI TS 119 312; EN 319 102-1 5.2.8 cryptographic verification).
 */
final class CryptographicCheck {

    private static final Pattern WITH = Pattern.compile("(.+)WITH(.+)");
    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private final SignaturePolicy policy;
    private final DefaultAlgorithmNameFinder names = new DefaultAlgorithmNameFinder();

    CryptographicCheck(SignaturePolicy policy) {
        this.policy = policy;
    }

    /**
     * The message digest and signature algorithm of {@code signerInfo} and the key of {@code signer}, judged at
     * {@code at}; {@code what} names the object in messages (签名, 签名时间戳, 文档时间戳).
     */
    List<PolicyViolation> signer(SignerInformation signerInfo, X509Certificate signer, String what, Instant at) {
        List<PolicyViolation> violations = new ArrayList<>();
        String digest = digestName(signerInfo.getDigestAlgorithmID());
        digestProblem(digest, at).ifPresent(problem -> violations.add(new PolicyViolation(
                SignaturePolicy.Rule.DIGEST_ALGORITHM, what + "的摘要算法 " + digest + " " + problem)));
        Algorithm algorithm = signatureAlgorithm(signerInfo.toASN1Structure().getDigestEncryptionAlgorithm(),
                Optional.of(digest));
        algorithmProblem(algorithm, at).ifPresent(problem -> violations.add(new PolicyViolation(
                SignaturePolicy.Rule.SIGNATURE_ALGORITHM, what + "的签名算法 " + algorithm.display() + " " + problem)));
        keyProblem(signer.getPublicKey(), at).ifPresent(problem -> violations.add(new PolicyViolation(
                SignaturePolicy.Rule.PUBLIC_KEY, what + "证书（" + signer.getSubjectX500Principal().getName() + "）的"
                        + problem)));
        return violations;
    }

    /**
     * The signature algorithm of every certificate below the trust anchor and the key that made it; {@code chain}
     * runs from the end entity to the anchor, whose own self-signature is trusted by configuration.
     */
    List<PolicyViolation> chain(List<X509Certificate> chain, Instant at) {
        List<PolicyViolation> violations = new ArrayList<>();
        for (int i = 0; i < chain.size() - 1; i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            String subject = certificate.getSubjectX500Principal().getName();
            Algorithm algorithm = signatureAlgorithm(certificateAlgorithm(certificate), Optional.empty());
            algorithmProblem(algorithm, at).ifPresent(problem -> violations.add(new PolicyViolation(
                    SignaturePolicy.Rule.SIGNATURE_ALGORITHM, "证书（" + subject + "）的签名算法 " + algorithm.display()
                            + " " + problem)));
            keyProblem(issuer.getPublicKey(), at).ifPresent(problem -> violations.add(new PolicyViolation(
                    SignaturePolicy.Rule.PUBLIC_KEY, "签发证书（" + issuer.getSubjectX500Principal().getName() + "）的"
                            + problem)));
        }
        return violations;
    }

    /** RFC 5280 4.2.1.3: when the signer certificate states its key usage, it must allow signing. */
    Optional<PolicyViolation> keyUsage(X509Certificate signer) {
        boolean[] usage = signer.getKeyUsage();
        if (usage == null) {
            return Optional.empty();
        }
        List<String> present = new ArrayList<>();
        for (int i = 0; i < usage.length && i < KEY_USAGE_NAMES.length; i++) {
            if (usage[i]) {
                present.add(KEY_USAGE_NAMES[i]);
            }
        }
        if (present.stream().anyMatch(policy.signerKeyUsages()::contains)) {
            return Optional.empty();
        }
        return Optional.of(new PolicyViolation(SignaturePolicy.Rule.KEY_USAGE, "签名证书（"
                + signer.getSubjectX500Principal().getName() + "）的密钥用法为 "
                + (present.isEmpty() ? "（空）" : String.join(", ", present)) + "，不允许签名；须含 "
                + String.join(" 或 ", policy.signerKeyUsages())));
    }

    private Optional<String> digestProblem(String digest, Instant at) {
        Optional<SignaturePolicy.Limit> limit = policy.digest(digest);
        if (limit.isEmpty()) {
            return Optional.of("不在策略接受的摘要算法之列（接受："
                    + policy.digestAlgorithms().stream().filter(l -> l.acceptedAt(at))
                    .map(SignaturePolicy.Limit::algorithm).collect(Collectors.joining("、")) + "）");
        }
        if (!limit.get().acceptedAt(at)) {
            return Optional.of("自 " + limit.get().until().orElseThrow() + " 起不再被策略接受（判定时间 " + day(at) + "）");
        }
        return Optional.empty();
    }

    private Optional<String> algorithmProblem(Algorithm algorithm, Instant at) {
        if (!policy.signatureAlgorithms().contains(algorithm.family())) {
            return Optional.of("不在策略接受的签名算法之列（接受：" + String.join("、", policy.signatureAlgorithms()) + "）");
        }
        return algorithm.digest().flatMap(digest -> digestProblem(digest, at).map(problem -> "所用摘要 " + digest + " " + problem));
    }

    private Optional<String> keyProblem(PublicKey key, Instant at) {
        String family = keyFamily(key);
        int bits = keyBits(key);
        List<SignaturePolicy.KeySize> sizes = policy.keySizes(family);
        if (sizes.isEmpty()) {
            return Optional.of("公钥算法 " + family + " 不在策略接受之列（接受："
                    + policy.publicKeys().stream().map(SignaturePolicy.KeySize::family).distinct()
                    .collect(Collectors.joining("、")) + "）");
        }
        boolean accepted = sizes.stream().anyMatch(size -> bits >= size.minimumBits() && size.acceptedAt(at));
        if (accepted) {
            return Optional.empty();
        }
        return Optional.of("公钥为 " + family + " " + bits + " 位，低于策略要求（" + sizes.stream()
                .map(size -> "至少 " + size.minimumBits() + " 位" + size.until().map(date -> "，至 " + date).orElse("，长期"))
                .collect(Collectors.joining("；")) + "；判定时间 " + day(at) + "）");
    }

    /** A signature algorithm as family (RSA, ECDSA…) and the digest it names, if it names one. */
    private record Algorithm(String display, String family, Optional<String> digest) {
    }

    private Algorithm signatureAlgorithm(AlgorithmIdentifier identifier, Optional<String> messageDigest) {
        ASN1ObjectIdentifier oid = identifier.getAlgorithm();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            RSASSAPSSparams parameters = RSASSAPSSparams.getInstance(identifier.getParameters());
            String digest = digestName(parameters.getHashAlgorithm());
            return new Algorithm("RSASSA-PSS（" + digest + "）", "RSASSA-PSS", Optional.of(digest));
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            // CMS allows the bare key algorithm here (RFC 5754 3.2); the digest is then the message digest.
            return new Algorithm("RSA", "RSA", messageDigest);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return new Algorithm("ECDSA", "ECDSA", messageDigest);
        }
        String name = names.getAlgorithmName(oid);
        if ("ECDSAWITHSHA1".equals(name)) {
            return new Algorithm(name, "ECDSA", Optional.of("SHA-1"));
        }
        Matcher with = WITH.matcher(name);
        if (with.matches()) {
            return new Algorithm(name, with.group(2), Optional.of(normalisedDigest(with.group(1))));
        }
        return new Algorithm(name, name, Optional.empty());
    }

    private static AlgorithmIdentifier certificateAlgorithm(X509Certificate certificate) {
        byte[] parameters = certificate.getSigAlgParams();
        try {
            return parameters == null ? new AlgorithmIdentifier(new ASN1ObjectIdentifier(certificate.getSigAlgOID()))
                    : new AlgorithmIdentifier(new ASN1ObjectIdentifier(certificate.getSigAlgOID()),
                    ASN1Primitive.fromByteArray(parameters));
        } catch (java.io.IOException e) {
            return new AlgorithmIdentifier(new ASN1ObjectIdentifier(certificate.getSigAlgOID()));
        }
    }

    private String digestName(AlgorithmIdentifier identifier) {
        return normalisedDigest(names.getAlgorithmName(identifier.getAlgorithm()));
    }

    /** Bouncy Castle's SHA256, SHA1, RIPEMD160 as the policy spells them: SHA-256, SHA-1, RIPEMD-160. */
    private static String normalisedDigest(String name) {
        if (name.matches("SHA\\d+")) {
            return "SHA-" + name.substring(3);
        }
        return "RIPEMD160".equals(name) ? "RIPEMD-160" : name;
    }

    private static String keyFamily(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "RSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            case "EC", "ECDSA" -> "ECDSA";
            case "DSA" -> "DSA";
            default -> key.getAlgorithm();
        };
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
