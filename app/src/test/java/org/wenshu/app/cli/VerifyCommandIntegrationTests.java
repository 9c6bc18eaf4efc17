package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.app.SigningConfiguration;
import org.wenshu.app.signing.UnitSeal;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.app.Wenshu;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.keys.DevelopmentCa;
import org.wenshu.generator.keys.DevelopmentKeys;
import org.wenshu.generator.signing.PadesLevel;
import org.wenshu.generator.signing.PdfSigner;
import org.wenshu.generator.signing.RevocationSource;
import org.wenshu.generator.signing.SignatureRequest;
import org.wenshu.generator.signing.SigningKey;

class VerifyCommandIntegrationTests {

    @TempDir
    static Path home;

    private static InProcessCli cli;
    private static ConfigurableApplicationContext context;
    private static UnitSeal unitSeal;
    private static PdfSigner signer;
    private static DevelopmentKeys devKeys;

    @BeforeAll
    static void startCli() {
        cli = InProcessCli.start(home, "wenshu.signing.units.procuratorate.role-text=检察建议专用章");
        context = cli.context();
        unitSeal = context.getBean(UnitSeals.class).forUnit("荆门市人民检察院");
        signer = context.getBean(PdfSigner.class);
        devKeys = context.getBean(SigningConfiguration.DevelopmentSetup.class).keys().orElseThrow();
    }

    @AfterAll
    static void stop() {
        cli.close();
    }

    private static Run verify(byte[] pdf, String... options) throws IOException {
        Path file = Files.createTempFile(home, "instrument", ".pdf");
        Files.write(file, pdf);
        return cli.run(concat(new String[] {"verify", file.toString()}, options));
    }

    @Test
    void firstRunCreatesMarkedDevelopmentKeysForValidators() throws IOException {
        String pem = Files.readString(home.resolve("keys/dev-ca.pem"));

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.size(home.resolve("keys/dev-ca.crl"))).isPositive();
        assertThat(devKeys.ca().certificate().getSubjectX500Principal().getName()).contains("TEST");
        assertThat(devKeys.sealKey("荆门市人民检察院").certificate().getSubjectX500Principal().getName())
                .contains("荆门市人民检察院", "TEST");
    }

    @Test
    void validInstrumentExitsZeroAndReportsTheLevel() throws IOException {
        byte[] signed = unitSeal.sign(instrument(), Optional.empty());

        Run run = verify(signed);
        Run json = verify(signed, "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("全部签名有效", "荆门市人民检察院 电子印章 (TEST)", "PAdES:      B-LT", "PDF/A: no PDF/A claim");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"valid\" : true", "\"padesLevel\" : \"B-LT\"", "\"revocation\" : \"GOOD\"");
    }

    @Test
    void jsonStatesThePolicyAppliedAndWhatTheSealReads() throws IOException {
        byte[] signed = unitSeal.sign(instrument(), Optional.of(PadesLevel.B_T));

        Run json = verify(signed, "--json");
        Run text = verify(signed);

        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"policy\" : {", "\"name\" : \"wenshu-pades-baseline\"", "\"version\" : \"1.0\"",
                "ETSI EN 319 102-1", "\"signature\" : [ \"ETSI.CAdES.detached\", \"adbe.pkcs7.detached\" ]",
                "\"algorithm\" : \"SHA-1\",\n", "\"acceptedUntil\" : \"2012-08-01\"",
                "\"family\" : \"RSA\",\n", "\"minimumBits\" : 1900", "\"anyOf\" : [ \"digitalSignature\", \"nonRepudiation\" ]",
                "\"id\" : \"byte-range-covers-revision\"", "\"sealText\" : \"荆门市人民检察院 检察建议专用章\"",
                "\"violations\" : [ ]");
        assertThat(text.out()).contains("验证策略 (policy): wenshu-pades-baseline 1.0", "印章文字:   荆门市人民检察院 检察建议专用章");
    }

    @Test
    void signatureBreakingThePolicyExitsOneNamingTheRuleInChinese() throws IOException {
        byte[] pdf = signedWithSubFilter(instrument(), unitSeal.key(), "wenshu.unknown");

        Run run = verify(pdf);
        Run json = verify(pdf, "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("验证未通过", "违反策略:   签名编码 (/SubFilter) 须为标准格式 (sub-filter)：签名的 /SubFilter 为 /wenshu.unknown");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.out()).contains("\"rule\" : \"sub-filter\"", "\"valid\" : false");
    }

    @Test
    void flippedByteInsideTheSignedRangeExitsOne() throws IOException {
        byte[] tampered = unitSeal.sign(instrument(), Optional.of(PadesLevel.B_T));
        int at = indexOf(tampered, "\n%") + 2;
        tampered[at] ^= 0x01;

        Run run = verify(tampered);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("验证未通过", "integrity");
    }

    @Test
    void pageContentChangedAfterSigningExitsOne() throws IOException {
        byte[] signed = unitSeal.sign(instrument(), Optional.of(PadesLevel.B_T));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDPage page = document.getPage(0);
            try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                content.addRect(300, 440, 200, 40);
                content.fill();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
        }

        Run run = verify(out.toByteArray());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("CONTENT_CHANGED", "page 1 content changed after signing");
    }

    @Test
    void signatureByAnUntrustedCertificateExitsOne() throws IOException {
        SigningKey stranger = DevelopmentCa.create("陌生", Clock.systemUTC()).issue("冒名检察院", CertificatePurpose.SEAL);
        byte[] signed = new PdfSigner(Optional.empty(), RevocationSource.none(), Clock.systemUTC())
                .sign(instrument(), SignatureRequest.invisible(stranger, PadesLevel.B_B));

        Run run = verify(signed);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("does not chain to a trusted anchor", "(NOT trusted)");
    }

    @Test
    void signatureByAnExpiredCertificateExitsOne() throws IOException {
        Instant now = Instant.now();
        SigningKey expired = devKeys.ca().issue("过期印章", CertificatePurpose.SEAL,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)));
        byte[] signed = signer.sign(instrument(), SignatureRequest.invisible(expired, PadesLevel.B_T));

        Run run = verify(signed);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("certificate expired on");
    }

    @Test
    void signatureByARevokedCertificateExitsOne() throws Exception {
        DevelopmentCa ca = devKeys.ca();
        SigningKey revoked = ca.issue("吊销印章", CertificatePurpose.SEAL);
        byte[] signed = signer.sign(instrument(), SignatureRequest.invisible(revoked, PadesLevel.B_B));
        ca.revoke(revoked.certificate(), Instant.now().minus(Duration.ofMinutes(10)));
        byte[] crl = ca.crl().getEncoded();
        byte[] previous = Files.readAllBytes(devKeys.crlFile());
        try {
            // The verifier reads the CRL file on each use, as after an operator replaced it.
            Files.write(devKeys.crlFile(), crl);

            Run run = verify(signed);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("was revoked on", "REVOKED");
        } finally {
            Files.write(devKeys.crlFile(), previous);
        }
    }

    @Test
    void notAPdfExitsTwoWithAClearMessage() throws IOException {
        Run run = verify("名称,日期\n检察建议书,2025-03-18\n".getBytes(StandardCharsets.UTF_8));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a PDF");
    }

    @Test
    void truncatedPdfExitsTwoWithAClearMessage() throws IOException {
        byte[] signed = unitSeal.sign(instrument(), Optional.of(PadesLevel.B_B));

        Run run = verify(Arrays.copyOf(signed, signed.length - 300));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("truncated");
    }

    @Test
    void encryptedPdfExitsTwoWithAClearMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(PDRectangle.A4));
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out);
        }

        Run run = verify(out.toByteArray());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("encrypted");
    }

    @Test
    void missingFileExitsTwo() {
        Run run = cli.run("verify", home.resolve("nope.pdf").toString());
        Run folder = cli.run("verify", home.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("PDF 文件不存在：");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).contains("PDF 文件须为文件，", "是文件夹");
    }

    @Test
    void productionProfileRefusesToStartWithoutThePublicBaseUrlItsQrCodesPrint(@TempDir Path otherHome) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("production");

        assertThatThrownBy(() -> application.run("--wenshu.home=" + otherHome).close())
                .rootCause().hasMessageContaining("the production profile needs wenshu.public-base-url");
    }

    @Test
    void productionProfileRefusesToStartWithoutAKey(@TempDir Path otherHome) {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("production");

        assertThatThrownBy(() -> application.run("--wenshu.home=" + otherHome,
                "--wenshu.public-base-url=https://wenshu.example.gov.cn").close())
                .hasRootCauseMessage("wenshu.signing: no signing key is configured and the production profile does not "
                        + "create development keys; set wenshu.signing.keystore.path (PKCS#12) or wenshu.signing.pkcs11.config "
                        + "(HSM), with the secret in WENSHU_SIGNING_KEYSTORE_SECRET or WENSHU_SIGNING_PKCS11_PIN, and "
                        + "wenshu.signing.units.<id>.key-alias for each issuing unit");
        assertThat(otherHome.resolve("keys")).doesNotExist();
    }

    /** A detached CMS signature under any /SubFilter, made the plain PDFBox way (zero-padded /Contents). */
    private static byte[] signedWithSubFilter(byte[] pdf, SigningKey key, String subFilter) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName(subFilter));
            signature.setSignDate(java.util.Calendar.getInstance());
            document.addSignature(signature, content -> {
                try {
                    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
                    generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                            new JcaDigestCalculatorProviderBuilder().build())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.privateKey()), key.certificate()));
                    generator.addCertificates(new JcaCertStore(key.chain()));
                    return generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** A one-page instrument ending with the unit signature and date. */
    private static byte[] instrument() throws IOException {
        try (PDDocument document = new PDDocument();
             InputStream font = VerifyCommandIntegrationTests.class.getResourceAsStream("/fonts/LXGWWenKai-Regular.ttf")) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType0Font kai = PDType0Font.load(document, font, true);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                List<String> lines = List.of("荆门市人民检察院", "检察建议书", "荆门市教育局：", "请于两个月内书面回复。");
                float y = 760;
                for (String line : lines) {
                    text(content, kai, 80, y, line);
                    y -= 29;
                }
                text(content, kai, 330, 480, "荆门市人民检察院");
                text(content, kai, 345, 451, "2025年3月18日");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void text(PDPageContentStream content, PDType0Font font, float x, float y, String text) throws IOException {
        content.beginText();
        content.setFont(font, 16);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
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

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
