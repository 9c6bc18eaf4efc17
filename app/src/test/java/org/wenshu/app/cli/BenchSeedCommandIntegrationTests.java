package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.seeding.SyntheticArchiveProbe;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordFigures;
import org.wenshu.archive.RecordQuery;
import org.wenshu.archive.RecordStatus;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.RecordKind;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.SearchResults;
import org.wenshu.search.SortOrder;
import org.wenshu.search.Viewer;

/** {@code wenshu bench seed} on a small corpus and 50 synthetic records: register, index, dashboard, refusals. */
class BenchSeedCommandIntegrationTests {

    static final int RECORDS = 50;
    static final long SEED = 7;
    /** A fixed day: the records of a seed are dated relative to it (and the test must not depend on the clock). */
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    @TempDir
    static Path home;

    static ConfigurableApplicationContext context;
    static Run seeded;
    static Archive archive;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void seed() throws Exception {
        context = new SpringApplicationBuilder(Wenshu.class).web(WebApplicationType.NONE).profiles("cli")
                .lazyInitialization(true).run("--wenshu.home=" + home.resolve("data"),
                        "--wenshu.search.semantic.enabled=false");
        archive = context.getBean(Archive.class);
        seeded = run("bench", "seed", "--corpus", corpus().toString(), "--synthetic", Integer.toString(RECORDS),
                "--seed", Long.toString(SEED), "--threads", "3", "--today", TODAY.toString());
        assertThat(seeded.exit()).as(seeded.err()).isZero();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(BenchSeedCommandIntegrationTests.class.getResource("/bench-corpus").toURI());
    }

    private static List<InstrumentRecord> records() {
        return archive.records(RecordQuery.all(), 0, 1000).items();
    }

    private static Map<Integer, SyntheticArchiveProbe.Expected> expected() {
        return SyntheticArchiveProbe.expected(SEED, TODAY, archive.zone(), RECORDS);
    }

    @Test
    void reportsWhatItWrote() {
        assertThat(seeded.out()).contains("corpus: 3 texts imported, 0 skipped, 0 failed",
                "synthetic: seed " + SEED + ", dated before " + TODAY,
                "synthetic: " + RECORDS + " records written (0 existed)");
    }

    @Test
    void everyRecordIsInTheRegisterAsItsSeedDrawsIt() {
        Map<String, InstrumentRecord> byKey = records().stream()
                .collect(Collectors.toMap(InstrumentRecord::idempotencyKey, Function.identity()));

        assertThat(byKey).hasSize(RECORDS);
        expected().forEach((index, expected) -> {
            InstrumentRecord record = byKey.get("bench-seed-" + SEED + "-" + index);
            assertThat(record).as("record %d", index).isNotNull();
            assertThat(record.typeId()).isEqualTo(expected.typeId());
            assertThat(record.title()).isEqualTo(expected.title());
            assertThat(record.status()).as("status of %s", record.number().text()).isEqualTo(expected.status());
            assertThat(record.issuedAt()).isEqualTo(expected.issuedAt());
            assertThat(record.recipients()).extracting(u -> u.name()).containsExactlyElementsOf(expected.recipients());
            assertThat(archive.responses(record.id())).hasSize(expected.responses());
        });
    }

    @Test
    void spreadsRecordsOverYearsTypesAndStates() {
        List<InstrumentRecord> records = records();

        assertThat(records.stream().map(r -> r.number().year()).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(records.stream().map(InstrumentRecord::typeId).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(records.stream().map(InstrumentRecord::status).distinct()).contains(RecordStatus.DELIVERED,
                RecordStatus.RESPONDED, RecordStatus.CLOSED);
        assertThat(records.stream().filter(r -> r.overdue(archive.today()))).isNotEmpty();
        assertThat(records).allSatisfy(r -> assertThat(r.issuedAt().atZone(archive.zone()).toLocalDate())
                .isBefore(TODAY).isAfterOrEqualTo(LocalDate.of(TODAY.getYear() - 4, 1, 1)));
    }

    @Test
    void numbersFollowDatesWithinEachPrefixAndYearWithoutGaps() {
        Map<String, List<InstrumentRecord>> series = records().stream().collect(Collectors.groupingBy(
                r -> r.number().prefix() + "/" + r.number().year()));

        series.values().forEach(list -> {
            List<InstrumentRecord> byDate = list.stream().sorted(Comparator.comparing(InstrumentRecord::issuedAt))
                    .toList();
            for (int i = 0; i < byDate.size(); i++) {
                assertThat(byDate.get(i).number().serial()).as(byDate.get(i).title()).isEqualTo(i + 1);
            }
        });
    }

    @Test
    void theIndexHoldsTheCorpusEveryInstrumentAndEveryResponse() {
        RecordIndex index = context.getBean(RecordIndex.class);
        long responses = records().stream().mapToLong(r -> archive.responses(r.id()).size()).sum();

        SearchResults reference = index.search(new SearchRequest("物业服务 纠纷", Viewer.researcher(),
                SortOrder.RELEVANCE, 0, 10, true));
        SearchResults all = index.search(new SearchRequest("year:2000..2100", Viewer.administrator(),
                SortOrder.NEWEST, 0, 1, true));

        assertThat(reference.hits()).isNotEmpty();
        assertThat(reference.hits().get(0).kind()).isEqualTo(RecordKind.REFERENCE);
        assertThat(reference.hits().get(0).title()).contains("物业服务纠纷");
        assertThat(index.size()).isEqualTo(3 + RECORDS + responses);
        assertThat(all.facets().get("kind")).anySatisfy(count -> {
            assertThat(count.value()).isEqualTo("INSTRUMENT");
            assertThat(count.count()).isEqualTo(RECORDS);
        });
    }

    @Test
    void theDashboardFiguresCountEverySyntheticRecord() {
        RecordFigures.Scope everything = new RecordFigures.Scope(Optional.empty(), Optional.empty(), Optional.empty(),
                archive.today());
        Map<RecordStatus, Long> expectedByStatus = expected().values().stream().collect(Collectors.groupingBy(
                SyntheticArchiveProbe.Expected::status, Collectors.counting()));

        Map<RecordStatus, Long> byStatus = archive.figures().countByStatus(everything);
        List<RecordFigures.AgencyReplies> replies = archive.figures().repliesByAgency(everything);

        expectedByStatus.forEach((status, count) -> assertThat(byStatus.get(status)).as(status.name()).isEqualTo(count));
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS);
        long owed = expected().values().stream().filter(e -> e.status() != RecordStatus.WITHDRAWN)
                .mapToLong(e -> e.recipients().size()).sum();
        assertThat(replies.stream().mapToLong(RecordFigures.AgencyReplies::owed).sum()).isEqualTo(owed);
        assertThat(replies.stream().mapToLong(RecordFigures.AgencyReplies::answered).sum()).isPositive();
    }

    @Test
    void refusesAHomeThatAlreadyHoldsRecordsAndLeavesItAsItWas() {
        long before = records().size();

        Run again = run("bench", "seed", "--synthetic", "5", "--seed", "8");

        assertThat(again.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("只在空的数据目录上运行", "not empty");
        assertThat(records()).hasSize((int) before);
    }

    @Test
    void refusesImpossibleOptionsWithExitCodeTwo() {
        Run negative = run("bench", "seed", "--synthetic", "-1");
        Run threads = run("bench", "seed", "--synthetic", "1", "--threads", "0");
        Run future = run("bench", "seed", "--synthetic", "1", "--today", archive.today().plusDays(1).toString());

        assertThat(negative.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(negative.err()).contains("--synthetic");
        assertThat(threads.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(threads.err()).contains("--threads");
        assertThat(future.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(future.err()).contains("--today");
    }
}
