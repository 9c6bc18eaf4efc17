package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerificationCodeIntegrationTests {

    @ParameterizedTest
    @EnumSource(Database.class)
    void theProducerPrintsTheCodeTheRecordKeepsAndTheRecordJsonNames(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            AtomicReference<String> printed = new AtomicReference<>();

            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("关于规范执法的检察建议", "市公安局"),
                    InstrumentProducer.printingCode((number, code) -> {
                        printed.set(code);
                        return TestPdfs.withText("Instrument " + number.serial() + " code " + code);
                    }));

            assertThat(printed.get()).matches("[2-9A-HJ-NP-Z]{12}");
            assertThat(fixture.archive.verificationCode(record.id())).contains(printed.get());
            String recordJson = new String(fixture.archive.read(record.objects().stream()
                    .filter(o -> o.key().endsWith("record.json")).findFirst().orElseThrow().key()).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(recordJson).contains("\"verificationCode\" : \"" + printed.get() + "\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theCodeOpensThePublicSummaryAndNothingMore(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("关于规范执法的检察建议", "市公安局"),
                    TestPdfs.producer());
            String code = fixture.archive.verificationCode(record.id()).orElseThrow();

            VerifiableRecord summary = fixture.archive.verifiable(code.toLowerCase()).orElseThrow();

            assertThat(summary.number()).isEqualTo(record.number().text());
            assertThat(summary.issuingUnit()).isEqualTo(record.issuingUnit().name());
            assertThat(summary.issuedAt()).isEqualTo(record.issuedAt());
            assertThat(summary.status()).isEqualTo(RecordStatus.ISSUED);
            StoredFile pdf = record.objects().stream().filter(o -> o.key().endsWith("instrument.pdf")).findFirst().orElseThrow();
            assertThat(summary.instrumentSha256()).isEqualTo(pdf.sha256());
            assertThat(fixture.archive.verifiable(code.substring(0, 11) + (code.charAt(11) == '2' ? '3' : '2'))).isEmpty();
            assertThat(fixture.archive.verifiable("not a code")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void codesAreRandomAndUnrelatedToRecordIdsOrNumbers(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            IssueRequest request = ArchiveFixture.suggestion("关于校园周边安全的检察建议", "市教育局");
            List<String> codes = new ArrayList<>();
            List<InstrumentRecord> records = new ArrayList<>();

            // The same data issued 12 times (12 client keys): 12 records, 12 unrelated codes.
            for (int i = 1; i <= 12; i++) {
                InstrumentRecord record = fixture.archive.issue(request.withKey("client-" + i), TestPdfs.producer());
                records.add(record);
                codes.add(fixture.archive.verificationCode(record.id()).orElseThrow());
            }

            assertThat(Set.copyOf(codes)).hasSize(12);
            // A counter or a timestamp gives consecutive records one or two 3-letter prefixes; 60 random bits give 12
            // (two alike among 12 of 32,768 prefixes: about 1 in 500; the bound leaves room for four such pairs).
            assertThat(codes.stream().map(code -> code.substring(0, 3)).distinct().count())
                    .as("prefixes of consecutive codes %s", codes).isGreaterThanOrEqualTo(8);
            // No code carries 8 characters of any record's id (in hex, as a code derived from it would).
            for (String code : codes) {
                for (InstrumentRecord record : records) {
                    String id = record.id().replace("-", "").toUpperCase();
                    for (int at = 0; at + 8 <= code.length(); at++) {
                        assertThat(id).as("code %s, record %s", code, record.id()).doesNotContain(code.substring(at, at + 8));
                    }
                }
            }
            assertThat(fixture.archive.verifiable(codes.get(0)).orElseThrow().number())
                    .isNotEqualTo(fixture.archive.verifiable(codes.get(1)).orElseThrow().number());
        }
    }

    @Test
    void aProducerThatPrintsCodesCannotBeCalledWithoutOne() {
        InstrumentProducer producer = InstrumentProducer.printingCode((number, code) -> new byte[1]);

        assertThatThrownBy(() -> producer.produce(new DocumentNumber("荆检行建", 2024, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("核验码");
    }
}
