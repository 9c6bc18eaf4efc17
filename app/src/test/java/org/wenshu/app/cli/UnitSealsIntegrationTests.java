package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.app.Wenshu;
import org.wenshu.app.signing.UnitSealMissing;
import org.wenshu.app.signing.UnitSeals;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.generator.keys.CertificatePurpose;
import org.wenshu.generator.keys.DevelopmentCa;
import org.wenshu.generator.signing.SigningKey;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.SignatureCheck;
import org.wenshu.generator.verification.VerificationReport;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each issuing unit seals with its own key and seal; a unit without one cannot issue (issue 10, layout item 3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitSealsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROCURATORATE = "荆门市人民检察院";
    private static final String OFFICE = "荆门市“府检联动”工作领导小组办公室";

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeAll
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-seals-test");
        cli = InProcessCli.start(home);
        context = cli.context();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    private static SpringApplication application() {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        return application;
    }

    /** A shipped example without its number, with some fields replaced. */
    private Path example(String typeId, Map<String, Object> changes) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", typeId + ".json").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.putAll(changes);
        Path file = Files.createTempFile(home, typeId, ".json");
        Files.write(file, JSON.writeValueAsBytes(fields));
        return file;
    }

    /** Issues through the CLI and returns the archived instrument's seal signature as verified. */
    private SignatureCheck issuedSeal(String typeId, Map<String, Object> changes) throws IOException {
        Run issued = cli.run("issue", "--type", typeId, "--data", example(typeId, changes).toString(), "--json");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        String id = (String) JSON.readValue(issued.out(), new TypeReference<Map<String, Object>>() { }).get("id");
        Archive archive = context.getBean(Archive.class);
        InstrumentRecord record = archive.record(id);
        String pdfKey = record.objects().stream().map(object -> object.key()).filter(key -> key.endsWith("instrument.pdf"))
                .findFirst().orElseThrow();
        VerificationReport report = context.getBean(PdfVerifier.class).verify(archive.read(pdfKey).orElseThrow());
        assertThat(report.problems()).isEmpty();
        return report.signatures().stream().filter(check -> !check.documentTimestamp()).findFirst().orElseThrow();
    }

    @Test
    void meetingNoticeFromTheOfficeCarriesTheOfficesCertificateAndSeal() throws IOException {
        // The example copies 市人民政府办公室, which the seeded units spell 荆门市人民政府办公室.
        SignatureCheck seal = issuedSeal("meeting-notice", Map.of("copiesTo", java.util.List.of("荆门市人民政府办公室")));

        assertThat(seal.signer()).contains("CN=" + OFFICE + " 电子印章 (TEST)").doesNotContain(PROCURATORATE);
        assertThat(seal.sealText()).contains(OFFICE);
    }

    @Test
    void suggestionFromTheProcuratorateCarriesTheProcuratoratesCertificateAndSeal() throws IOException {
        SignatureCheck seal = issuedSeal("procuratorial-suggestion", Map.of("title", "关于规范校外培训的检察建议"));

        assertThat(seal.signer()).contains("CN=" + PROCURATORATE + " 电子印章 (TEST)").doesNotContain("办公室");
        assertThat(seal.sealText()).hasValueSatisfying(text -> assertThat(text).startsWith(PROCURATORATE));
    }

    @Test
    void unitNamedByItsShortNameSealsWithItsOwnSeal() throws IOException {
        SignatureCheck seal = issuedSeal("procuratorial-suggestion",
                Map.of("issuingUnit", "市检察院", "title", "关于规范占道经营的检察建议"));

        assertThat(seal.signer()).contains(PROCURATORATE + " 电子印章");
        assertThat(seal.sealText()).hasValueSatisfying(text -> assertThat(text).startsWith(PROCURATORATE));
    }

    @Test
    void unitWithoutASealCannotIssueAndTakesNoNumber() throws IOException {
        Run refused = cli.run("issue", "--type", "procuratorial-suggestion", "--data",
                example("procuratorial-suggestion", Map.of("issuingUnit", "荆门市公安局", "recipient", "市教育局",
                        "title", "关于公安局名义的检察建议")).toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("发文单位「荆门市公安局」没有配置印章密钥", PROCURATORATE, OFFICE);
        assertThat(context.getBean(Archive.class).register(Optional.of("荆门市公安局"), Optional.empty())).isEmpty();
    }

    @Test
    void generateWithAnUnsealedUnitIsBadInputAndWritesNothing() throws IOException {
        Path out = home.resolve("unsealed.pdf");

        Run refused = cli.run("generate", "--type", "procuratorial-suggestion", "--data",
                example("procuratorial-suggestion", Map.of("issuingUnit", "某某县人民检察院",
                        "documentNumber", "荆检行建〔2024〕9号")).toString(),
                "--out", out.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("发文单位「某某县人民检察院」没有配置印章密钥");
        assertThat(out).doesNotExist();
    }

    @Test
    void developmentCreatesOneKeyPerConfiguredUnit() {
        UnitSeals seals = context.getBean(UnitSeals.class);

        assertThat(seals.units()).containsExactly(PROCURATORATE, OFFICE);
        assertThat(seals.forUnit(PROCURATORATE).key().certificate())
                .isNotEqualTo(seals.forUnit(OFFICE).key().certificate());
        assertThat(seals.forUnit(PROCURATORATE).key().privateKey())
                .isNotEqualTo(seals.forUnit(OFFICE).key().privateKey());
    }

    @Test
    void productionKeystoreGivesEachUnitTheKeyUnderItsAlias(@TempDir Path otherHome) throws Exception {
        DevelopmentCa ca = DevelopmentCa.create("生产测试", Clock.systemUTC());
        Path keystore = keystore(otherHome, Map.of("proc-seal", ca.issue(PROCURATORATE + " 电子印章", CertificatePurpose.SEAL),
                "office-seal", ca.issue(OFFICE + " 电子印章", CertificatePurpose.SEAL)));

        try (ConfigurableApplicationContext production = application().run("--wenshu.home=" + otherHome,
                "--wenshu.signing.keystore.path=" + keystore, "--wenshu.signing.keystore.secret=changeit",
                "--wenshu.signing.units.procuratorate.key-alias=proc-seal",
                "--wenshu.signing.units.coordination-office.key-alias=office-seal")) {
            UnitSeals seals = production.getBean(UnitSeals.class);

            assertThat(seals.forUnit(PROCURATORATE).key().certificate().getSubjectX500Principal().getName())
                    .contains(PROCURATORATE);
            assertThat(seals.forUnit(OFFICE).key().certificate().getSubjectX500Principal().getName()).contains(OFFICE);
        }
        assertThat(otherHome.resolve("keys")).as("no development keys beside a configured key store").doesNotExist();
    }

    @Test
    void productionUnitWithoutAnAliasHasNoSealAndBorrowsNone(@TempDir Path otherHome) throws Exception {
        DevelopmentCa ca = DevelopmentCa.create("生产测试", Clock.systemUTC());
        Path keystore = keystore(otherHome, Map.of("proc-seal", ca.issue(PROCURATORATE + " 电子印章", CertificatePurpose.SEAL)));

        try (ConfigurableApplicationContext production = application().run("--wenshu.home=" + otherHome,
                "--wenshu.signing.keystore.path=" + keystore, "--wenshu.signing.keystore.secret=changeit",
                "--wenshu.signing.units.procuratorate.key-alias=proc-seal")) {
            UnitSeals seals = production.getBean(UnitSeals.class);

            assertThat(seals.units()).containsExactly(PROCURATORATE);
            assertThatThrownBy(() -> seals.forUnit(OFFICE)).isInstanceOfSatisfying(UnitSealMissing.class, missing -> {
                // The operator is told which setting to add; a web user only that the unit has no seal.
                assertThat(missing.configurationHint()).contains("wenshu.signing.units.coordination-office.key-alias");
                assertThat(missing.getMessage()).isEqualTo("发文机关 " + OFFICE + " 没有电子印章，不能发文；有电子印章的发文机关："
                        + PROCURATORATE).doesNotContain("wenshu.", "key-alias");
            });
        }
    }

    @Test
    void productionKeyWhoseCertificateNamesAnotherUnitIsRefused(@TempDir Path otherHome) throws Exception {
        DevelopmentCa ca = DevelopmentCa.create("生产测试", Clock.systemUTC());
        Path keystore = keystore(otherHome, Map.of("proc-seal", ca.issue(PROCURATORATE + " 电子印章", CertificatePurpose.SEAL)));

        try (ConfigurableApplicationContext production = application().run("--wenshu.home=" + otherHome,
                "--wenshu.signing.keystore.path=" + keystore, "--wenshu.signing.keystore.secret=changeit",
                "--wenshu.signing.units.procuratorate.key-alias=proc-seal",
                "--wenshu.signing.units.coordination-office.key-alias=proc-seal")) {
            assertThatThrownBy(() -> production.getBean(UnitSeals.class))
                    .rootCause().hasMessageContaining("does not name that unit").hasMessageContaining(OFFICE);
        }
    }

    private static Path keystore(Path directory, Map<String, SigningKey> keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (Map.Entry<String, SigningKey> entry : keys.entrySet()) {
            store.setKeyEntry(entry.getKey(), entry.getValue().privateKey(), "changeit".toCharArray(),
                    entry.getValue().chain().toArray(new Certificate[0]));
        }
        Path file = directory.resolve("seals.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }
}
