package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.archive.uploads.FileRefused;
import org.wenshu.archive.uploads.HostileFiles;
import org.wenshu.archive.uploads.HostileFiles.Sample;

/** Every generated hostile upload goes through {@link Archive#respond}: refused with a reason or stored, never a crash. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUploadsIntegrationTests {

    private ArchiveFixture fixture;
    private final Map<String, int[]> tally = new TreeMap<>();
    private int instruments;

    @BeforeAll
    void open() {
        fixture = new ArchiveFixture(Database.H2);
    }

    @AfterAll
    void close() {
        tally.forEach((kind, counts) -> System.out.printf("hostile-uploads %-15s stored %2d  refused %2d  crashed %2d%n",
                kind, counts[0], counts[1], counts[2]));
        fixture.close();
    }

    Stream<Sample> samples() {
        return HostileFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachHostileUploadIsRefusedWithAReasonAndEachCleanOneIsStored(Sample sample) {
        InstrumentRecord record = delivered();
        List<String> before = fixture.objects("instruments/" + 2024 + "/" + record.id() + "/responses/");
        ResponseSubmission submission = new ResponseSubmission(record.id(), "市教育局", "已整改", "已完成", Adoption.ADOPTED,
                List.of(new UploadedFile(sample.name(), sample.content())));

        String outcome;
        Throwable failure = null;
        StoredResponse response = null;
        try {
            response = fixture.archive.respond(submission);
            outcome = "stored";
        } catch (FileRefused refused) {
            outcome = "refused";
            failure = refused;
        } catch (Throwable crash) {
            outcome = "crashed";
            failure = crash;
        }
        tally.computeIfAbsent(sample.kind(), k -> new int[3])[switch (outcome) {
            case "stored" -> 0;
            case "refused" -> 1;
            default -> 2;
        }]++;

        assertThat(outcome).as("%s: %s", sample, failure).isEqualTo(sample.storable() ? "stored" : "refused");
        if (sample.kind().equals("name")) {
            assertThat(response.files().get(0).originalName()).isEqualTo("附件1.pdf");
        }
        if (!sample.storable()) {
            assertThat(failure.getMessage()).startsWith("文件「").contains("」被拒收: ");
            assertThat(fixture.objects("instruments/" + 2024 + "/" + record.id() + "/responses/")).isEqualTo(before);
        }
    }

    private InstrumentRecord delivered() {
        InstrumentRecord issued = fixture.archive.issue(ArchiveFixture.suggestion("关于规范校外培训的检察建议（" + ++instruments + "）", "市教育局"),
                TestPdfs.producer());
        return fixture.archive.deliver(issued.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
    }
}
