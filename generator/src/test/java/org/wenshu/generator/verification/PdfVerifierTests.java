package org.wenshu.generator.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.generator.fixtures.PdfAFixtures;
import org.wenshu.generator.fixtures.TestPki;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.keys.DevelopmentCa;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SealAppearance;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;

class PdfVerifierTests {

    private static TestPki pki;
    private static byte[] unsigned;
    private static PdfVerifier verifier;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
        unsigned = PdfAFixtures.instrument();
        verifier = new PdfVerifier(List.of(pki.ca.certificate()), RevocationSource.fresh(() -> List.of(pki.ca.crl())),
                Clock.systemUTC());
    }

    @AfterAll
    static void stopTsa() {
        pki.close();
    }

    private static byte[] sealed(PadesLevel level) {
        return pki.signer.sign(unsigned, SignatureRequest.sealed(pki.seal, level,
                SealAppearance.drawn("某某市人民检察院", "检察建议专用章")));
    }

    @Nested
    class Valid {

        @ParameterizedTest
        @EnumSource(PadesLevel.class)
        void reportsTheLevelSignerTimestampAndPdfAClaim(PadesLevel level) {
            byte[] signed = sealed(level);

            VerificationReport report = verifier.verify(signed);

            assertThat(report.problems()).isEmpty();
            assertThat(report.allValid()).isTrue();
            assertThat(report.pdfAClaim()).contains("PDF/A-2B");
            SignatureCheck seal = report.signatures().get(0);
            assertThat(seal.signer()).contains("某某市人民检察院 电子印章 (TEST)");
            assertThat(seal.sealText()).contains("某某市人民检察院 检察建议专用章");
            assertThat(seal.level()).contains(level);
            assertThat(seal.intact()).isTrue();
            assertThat(seal.trusted()).isTrue();
            assertThat(seal.revocation()).isEqualTo(SignatureCheck.Revocation.GOOD);
            assertThat(seal.chain()).hasSize(2);
            assertThat(seal.timestamp().isPresent()).isEqualTo(level.includes(PadesLevel.B_T));
            seal.timestamp().ifPresent(timestamp -> {
                assertThat(timestamp.valid()).isTrue();
                assertThat(timestamp.time()).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
            });
            if (level == PadesLevel.B_B) {
                assertThat(seal.changes().kind()).isEqualTo(ChangesAfterSigning.Kind.NONE);
            } else if (level.includes(PadesLevel.B_LT)) {
                assertThat(seal.changes().kind()).isEqualTo(ChangesAfterSigning.Kind.ALLOWED_INCREMENTAL_UPDATES);
                assertThat(seal.changes().details()).anyMatch(detail -> detail.contains("DSS"));
            }
            if (level == PadesLevel.B_LTA) {
                assertThat(report.signatures()).hasSize(2);
                assertThat(report.signatures().get(1).documentTimestamp()).isTrue();
                assertThat(report.signatures().get(1).timestamp().orElseThrow().valid()).isTrue();
            }
        }

        @Test
        void prosecutorThenSealAreBothValidInOrder() {
            byte[] personal = pki.signer.sign(unsigned, SignatureRequest.invisible(pki.prosecutor, PadesLevel.B_T));
            byte[] both = pki.signer.sign(personal, SignatureRequest.sealed(pki.seal, PadesLevel.B_LT,
                    SealAppearance.drawn("某某市人民检察院", "检察建议专用章")));

            VerificationReport report = verifier.verify(both);

            assertThat(report.problems()).isEmpty();
            assertThat(report.signatures()).extracting(SignatureCheck::signer)
                    .containsExactly("CN=张检察官 (TEST),OU=TEST - not for real instruments,O=wenshu TEST,C=CN",
                            "CN=某某市人民检察院 电子印章 (TEST),OU=TEST - not for real instruments,O=wenshu TEST,C=CN");
            assertThat(report.signatures().get(0).changes().details()).contains("1 later signature(s)");
            assertThat(report.signatures().get(0).sealText()).as("the prosecutor's signature is invisible").isEmpty();
            assertThat(report.signatures().get(1).sealText()).contains("某某市人民检察院 检察建议专用章");
        }
    }

    @Nested
    class Tampering {

        @Test
        void oneFlippedByteInsideTheSignedRangeBreaksIntegrity() {
            byte[] signed = sealed(PadesLevel.B_B);
            byte[] tampered = signed.clone();
            // The binary comment on the header's second line: signed, yet harmless to parsing.
            int at = indexOf(tampered, "\n%") + 2;
            tampered[at] ^= 0x01;

            VerificationReport report = verifier.verify(tampered);

            assertThat(report.allValid()).isFalse();
            assertThat(report.signatures().get(0).intact()).isFalse();
            assertThat(report.problems()).anyMatch(problem -> problem.contains("integrity"));
            assertChinese(report, "签名后文件被篡改");
        }

        @Test
        void incrementalUpdateChangingPageContentIsReported() throws IOException {
            byte[] signed = sealed(PadesLevel.B_T);
            byte[] changed;
            try (PDDocument document = Loader.loadPDF(signed)) {
                PDPage page = document.getPage(0);
                try (PDPageContentStream content = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    content.addRect(100, 100, 200, 50);
                    content.fill();
                }
                page.getCOSObject().setNeedToBeUpdated(true);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.saveIncremental(out);
                changed = out.toByteArray();
            }

            VerificationReport report = verifier.verify(changed);

            SignatureCheck seal = report.signatures().get(0);
            assertThat(seal.intact()).as("the signed revision itself is untouched").isTrue();
            assertThat(seal.changes().kind()).isEqualTo(ChangesAfterSigning.Kind.CONTENT_CHANGED);
            assertThat(report.problems()).anyMatch(problem -> problem.contains("page 1 content changed after signing"));
            assertChinese(report, "第 1 页签名后内容被修改");
        }

        @Test
        void signatureByAnUntrustedCertificateIsRejected() {
            DevelopmentCa stranger = DevelopmentCa.create("陌生", Clock.systemUTC());
            SigningKey foreign = stranger.issue("冒名检察院", CertificatePurpose.SEAL);
            byte[] signed = pki.signer.sign(unsigned, SignatureRequest.invisible(foreign, PadesLevel.B_T));

            VerificationReport report = verifier.verify(signed);

            assertThat(report.signatures().get(0).trusted()).isFalse();
            assertThat(report.problems()).anyMatch(problem -> problem.contains("does not chain to a trusted anchor"));
            assertChinese(report, "证书不受信任");
        }

        @Test
        void signatureByAnExpiredCertificateIsRejected() {
            Instant now = Instant.now();
            SigningKey expired = pki.ca.issue("过期印章", CertificatePurpose.SEAL,
                    now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
            byte[] signed = pki.signer.sign(unsigned, SignatureRequest.invisible(expired, PadesLevel.B_T));

            VerificationReport report = verifier.verify(signed);

            assertThat(report.allValid()).isFalse();
            assertThat(report.problems()).anyMatch(problem -> problem.contains("certificate expired on"));
            assertChinese(report, "证书已过期");
        }

        @Test
        void signatureByARevokedCertificateIsRejected() {
            SigningKey revoked = pki.ca.issue("吊销印章", CertificatePurpose.SEAL);
            pki.ca.revoke(revoked.certificate(), Instant.now().minus(Duration.ofMinutes(5)));
            byte[] signed = pki.signer.sign(unsigned, SignatureRequest.invisible(revoked, PadesLevel.B_T));

            VerificationReport report = verifier.verify(signed);

            assertThat(report.signatures().get(0).revocation()).isEqualTo(SignatureCheck.Revocation.REVOKED);
            assertThat(report.problems()).anyMatch(problem -> problem.contains("was revoked on"));
            assertChinese(report, "证书已吊销");
        }

        @Test
        void unsignedDocumentIsNotValid() {
            VerificationReport report = verifier.verify(unsigned);

            assertThat(report.allValid()).isFalse();
            assertThat(report.problems()).containsExactly("the document carries no signature (文档未签名)");
            assertThat(report.problemsInChinese()).containsExactly("文档未签名");
        }

        @Test
        void everyReasonHasItsChineseWording() {
            assertThat(VerificationReport.chinese("integrity: the unsigned gap in /ByteRange holds more than the signature "
                    + "value (签名间隙含有其他数据)")).isEqualTo("签名间隙含有其他数据");
            assertThat(VerificationReport.chinese("signer certificate " + "CN=x" + " was revoked on 2025-01-01 (keyCompromise)"
                    + " (证书已吊销)")).isEqualTo("证书已吊销");
        }

        /** The Chinese reasons, as the fixity audit prints them: one names {@code expected}, none has English words. */
        private void assertChinese(VerificationReport report, String expected) {
            List<String> reasons = report.problemsInChinese();
            assertThat(reasons).anyMatch(reason -> reason.contains(expected));
            // A policy violation names its rule's id beside the Chinese title: 违反验证策略「…」(digest-algorithm)
            assertThat(reasons).filteredOn(reason -> !reason.contains("违反验证策略")).allSatisfy(reason -> assertThat(
                    reason.substring(reason.indexOf(" 无效：") + 4)).as(reason).doesNotContainPattern("[A-Za-z]{3,}"));
        }
    }

    @Nested
    class Unreadable {

        @Test
        void notAPdf() {
            assertThatThrownBy(() -> verifier.verify("这不是PDF".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(UnreadablePdf.class)
                    .hasMessageContaining("not a PDF")
                    .extracting(e -> ((UnreadablePdf) e).reason()).isEqualTo(UnreadablePdf.Reason.NOT_A_PDF);
        }

        @Test
        void truncatedPdf() {
            byte[] signed = sealed(PadesLevel.B_B);

            assertThatThrownBy(() -> verifier.verify(Arrays.copyOf(signed, signed.length / 2)))
                    .isInstanceOf(UnreadablePdf.class)
                    .hasMessageContaining("truncated")
                    .extracting(e -> ((UnreadablePdf) e).reason()).isEqualTo(UnreadablePdf.Reason.TRUNCATED);
        }

        @Test
        void encryptedPdf() throws IOException {
            byte[] encrypted;
            try (PDDocument document = new PDDocument()) {
                document.addPage(new PDPage(PDRectangle.A4));
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                encrypted = out.toByteArray();
            }

            assertThatThrownBy(() -> verifier.verify(encrypted))
                    .isInstanceOf(UnreadablePdf.class)
                    .hasMessageContaining("encrypted")
                    .extracting(e -> ((UnreadablePdf) e).reason()).isEqualTo(UnreadablePdf.Reason.ENCRYPTED);
        }
    }

    private static int indexOf(byte[] data, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= data.length - needle.length; i++) {
            if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError(text + " not found");
    }

}
