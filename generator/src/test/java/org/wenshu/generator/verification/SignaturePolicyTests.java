package org.wenshu.generator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wenshu.generator.fixtures.Dss;
import org.wenshu.generator.fixtures.HostileSignatures;
import org.wenshu.generator.fixtures.PdfAFixtures;
import org.wenshu.generator.fixtures.TestPki;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SigningKey;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.simplereport.SimpleReport;

/** The validation policy as {@link PdfVerifier} applies it, each rule against signatures built to break it. */
class SignaturePolicyTests {

    private static final int SIGNING = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;

    private static TestPki pki;
    private static byte[] unsigned;
    private static PdfVerifier verifier;
    private static SigningKey rsa2048;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        unsigned = PdfAFixtures.instrument();
        verifier = verifierAt(Clock.systemUTC(), SignaturePolicy.standard());
        rsa2048 = HostileSignatures.signer(pki.ca, "合规印章", HostileSignatures.keys("RSA", "2048"), Optional.of(SIGNING));
    }

    @AfterAll
    static void stopTsa() {
        pki.close();
    }

    private static PdfVerifier verifierAt(Clock clock, SignaturePolicy policy) {
        return new PdfVerifier(List.of(pki.ca.certificate()), RevocationSource.fresh(() -> List.of(pki.ca.crl())), clock,
                policy);
    }

    /** EU DSS's verdict under its default policy, as an independent oracle. */
    private static Indication dssIndication(byte[] pdf) {
        SimpleReport report = Dss.validate(pdf, pki.ca.certificate(), pki.ca.crl()).getSimpleReport();
        assertThat(report.getSignaturesCount()).as("DSS sees the signature").isEqualTo(1);
        return report.getIndication(report.getFirstSignatureId());
    }

    private static List<SignaturePolicy.Rule> rulesBroken(VerificationReport report) {
        return report.signatures().get(0).violations().stream().map(PolicyViolation::rule).distinct().toList();
    }

    @Nested
    class ByteRange {

        @Test
        void rangeStoppingBeforeItsRevisionsCrossReferenceIsNotValid() {
            byte[] pdf = HostileSignatures.byteRangeShortOfItsRevision(unsigned, pki.seal, false);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.allValid()).isFalse();
            SignatureCheck check = report.signatures().get(0);
            assertThat(check.intact()).as("the bytes it does cover are intact").isTrue();
            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.BYTE_RANGE);
            assertThat(check.violations().get(0).detail()).contains("未被签名", "交叉引用表");
        }

        @Test
        void rangeStoppingShortWithAnUpdateAppendedAfterIsNotValid() {
            byte[] pdf = HostileSignatures.byteRangeShortOfItsRevision(unsigned, pki.seal, true);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.allValid()).isFalse();
            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.BYTE_RANGE);
            assertThat(report.problems()).anyMatch(problem -> problem.contains("签名字节范围须覆盖其修订版本直至 %%EOF"));
        }
    }

    @Nested
    class Algorithms {

        @Test
        void sha1WithAnRsa1024KeyIsNotValidNamingDigestAlgorithmAndKey() {
            SigningKey weak = HostileSignatures.signer(pki.ca, "弱密钥印章", HostileSignatures.keys("RSA", "1024"),
                    Optional.of(SIGNING));
            byte[] pdf = HostileSignatures.sign(unsigned, weak, "SHA1withRSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.allValid()).isFalse();
            assertThat(rulesBroken(report)).containsExactlyInAnyOrder(SignaturePolicy.Rule.DIGEST_ALGORITHM,
                    SignaturePolicy.Rule.SIGNATURE_ALGORITHM, SignaturePolicy.Rule.PUBLIC_KEY);
            assertThat(report.problems()).anyMatch(problem -> problem.contains("摘要算法 SHA-1 自 2012-08-01 起不再被策略接受"))
                    .anyMatch(problem -> problem.contains("RSA 1024 位，低于策略要求"));
            assertThat(dssIndication(pdf)).as("EU DSS agrees").isNotEqualTo(Indication.TOTAL_PASSED);
        }

        @Test
        void sha1WithAStrongKeyBreaksOnlyTheDigestRules() {
            byte[] pdf = HostileSignatures.sign(unsigned, rsa2048, "SHA1withRSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(rulesBroken(report)).containsExactlyInAnyOrder(SignaturePolicy.Rule.DIGEST_ALGORITHM,
                    SignaturePolicy.Rule.SIGNATURE_ALGORITHM);
        }

        @Test
        void sha256WithAnRsa1024KeyBreaksOnlyTheKeySizeRule() {
            SigningKey weak = HostileSignatures.signer(pki.ca, "短密钥印章", HostileSignatures.keys("RSA", "1024"),
                    Optional.of(SIGNING));
            byte[] pdf = HostileSignatures.sign(unsigned, weak, "SHA256withRSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.PUBLIC_KEY);
            assertThat(report.signatures().get(0).violations().get(0).detail()).contains("1024 位", "至少 1900 位");
        }

        @Test
        void ecdsaP256WithSha256IsValid() {
            SigningKey ec = HostileSignatures.signer(pki.ca, "椭圆曲线印章", HostileSignatures.keys("EC", "secp256r1"),
                    Optional.of(SIGNING));
            byte[] pdf = HostileSignatures.sign(unsigned, ec, "SHA256withECDSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.problems()).isEmpty();
            assertThat(report.allValid()).isTrue();
            assertThat(dssIndication(pdf)).as("EU DSS agrees").isEqualTo(Indication.TOTAL_PASSED);
        }

        @Test
        void ecdsaWithSha1IsNotValid() {
            SigningKey ec = HostileSignatures.signer(pki.ca, "椭圆曲线印章", HostileSignatures.keys("EC", "secp256r1"),
                    Optional.of(SIGNING));
            byte[] pdf = HostileSignatures.sign(unsigned, ec, "SHA1withECDSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(rulesBroken(report)).contains(SignaturePolicy.Rule.DIGEST_ALGORITHM,
                    SignaturePolicy.Rule.SIGNATURE_ALGORITHM);
        }

        @Test
        void certificateSignedWithSha1ByItsCaIsNotValid() {
            SigningKey key = HostileSignatures.signer(pki.ca, "旧证书印章", HostileSignatures.keys("RSA", "2048"),
                    Optional.of(SIGNING), "SHA1withRSA");
            byte[] pdf = HostileSignatures.sign(unsigned, key, "SHA256withRSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.SIGNATURE_ALGORITHM);
            assertThat(report.signatures().get(0).violations().get(0).detail()).contains("证书（", "旧证书印章", "SHA1WITHRSA");
        }

        @Test
        void weakenedAlgorithmIsJudgedAtTheTimeALaterDocumentTimestampProves() {
            // SHA-224 accepted for 30 more days; the verifier's clock stands 60 days ahead.
            LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusDays(30);
            SignaturePolicy standard = SignaturePolicy.standard();
            SignaturePolicy policy = new SignaturePolicy("test", "1", standard.basis(), standard.signatureSubFilters(),
                    standard.timestampSubFilters(), List.of(new SignaturePolicy.Limit("SHA-224", Optional.of(expiry)),
                    new SignaturePolicy.Limit("SHA-256", Optional.empty())), standard.signatureAlgorithms(),
                    standard.publicKeys(), standard.signerKeyUsages());
            PdfVerifier later = verifierAt(Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC), policy);
            byte[] signed = HostileSignatures.sign(unsigned, rsa2048, "SHA224withRSA", HostileSignatures.CADES_DETACHED);
            byte[] timestamped = pki.signer.addDocumentTimestamp(signed);

            VerificationReport unproven = later.verify(signed);
            VerificationReport proven = later.verify(timestamped);

            assertThat(rulesBroken(unproven)).contains(SignaturePolicy.Rule.DIGEST_ALGORITHM);
            assertThat(proven.problems()).isEmpty();
            assertThat(proven.allValid()).isTrue();
        }
    }

    @Nested
    class SignerKeyUsage {

        @Test
        void keyEnciphermentOnlyIsNotValid() {
            SigningKey encipher = HostileSignatures.signer(pki.ca, "加密证书", HostileSignatures.keys("RSA", "2048"),
                    Optional.of(KeyUsage.keyEncipherment));
            byte[] pdf = HostileSignatures.sign(unsigned, encipher, "SHA256withRSA", HostileSignatures.CADES_DETACHED);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.allValid()).isFalse();
            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.KEY_USAGE);
            assertThat(report.signatures().get(0).violations().get(0).detail())
                    .contains("密钥用法为 keyEncipherment", "digitalSignature 或 nonRepudiation");
        }

        @ParameterizedTest
        @ValueSource(ints = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment})
        void usageAllowingSignaturesIsValid(int usage) {
            SigningKey key = HostileSignatures.signer(pki.ca, "签名证书", HostileSignatures.keys("RSA", "2048"),
                    Optional.of(usage));
            byte[] pdf = HostileSignatures.sign(unsigned, key, "SHA256withRSA", HostileSignatures.CADES_DETACHED);

            assertThat(verifier.verify(pdf).problems()).isEmpty();
        }

        @Test
        void certificateWithoutKeyUsageExtensionIsValid() {
            KeyPair keys = HostileSignatures.keys("RSA", "2048");
            SigningKey key = HostileSignatures.signer(pki.ca, "无用法证书", keys, Optional.empty());
            byte[] pdf = HostileSignatures.sign(unsigned, key, "SHA256withRSA", HostileSignatures.CADES_DETACHED);

            assertThat(verifier.verify(pdf).problems()).isEmpty();
        }
    }

    @Nested
    class SubFilter {

        @ParameterizedTest
        @ValueSource(strings = {"wenshu.unknown", "adbe.pkcs7.sha1", "adbe.x509.rsa_sha1", "ETSI.CAdES.attached"})
        void unknownOrDeprecatedSubFilterIsNotValidNamingIt(String subFilter) {
            byte[] pdf = HostileSignatures.sign(unsigned, rsa2048, "SHA256withRSA", subFilter);

            VerificationReport report = verifier.verify(pdf);

            assertThat(report.allValid()).isFalse();
            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.SUB_FILTER);
            assertThat(report.signatures().get(0).violations().get(0).detail()).contains("/" + subFilter);
        }

        @Test
        void missingSubFilterIsNotValid() {
            byte[] pdf = HostileSignatures.sign(unsigned, rsa2048, "SHA256withRSA", null);

            VerificationReport report = verifier.verify(pdf);

            assertThat(rulesBroken(report)).containsExactly(SignaturePolicy.Rule.SUB_FILTER);
            assertThat(report.signatures().get(0).violations().get(0).detail()).contains("缺失");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ETSI.CAdES.detached", "adbe.pkcs7.detached"})
        void standardSubFiltersAreValid(String subFilter) {
            byte[] pdf = HostileSignatures.sign(unsigned, rsa2048, "SHA256withRSA", subFilter);

            assertThat(verifier.verify(pdf).problems()).isEmpty();
            assertThat(dssIndication(pdf)).as("EU DSS agrees").isEqualTo(Indication.TOTAL_PASSED);
        }
    }
}
