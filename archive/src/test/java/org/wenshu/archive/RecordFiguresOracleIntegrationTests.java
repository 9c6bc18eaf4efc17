package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenshu.archive.RecordFigures.Scope;

/**
 * The figures counted over the in-memory projection equal the SQL aggregates they replaced ({@link SqlFigures}) on a
 * randomly grown archive — two years, several 主送 units per instrument, deliveries, replies near midnight in
 * Shanghai, second replies, closings with and without a reply, withdrawals — for every scope the dashboard and the
 * report ask, when first loaded, after changes brought in from the change log, and in a second process that loads
 * everything afresh.
 */
class RecordFiguresOracleIntegrationTests {

    private static final List<String> DOMAINS = List.of("社会治理", "纠正违法", "公益诉讼诉前", "再审");
    private static final List<String> AGENCIES = List.of("市公安局", "市司法局", "市政数局", "市教育局", "市卫健委");

    @ParameterizedTest
    @EnumSource(Database.class)
    void equalTheSqlAggregatesWhenLoadedFollowingTheChangeLogAndReloaded(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Random random = new Random(20241130L);
            List<InstrumentRecord> issued = new ArrayList<>();
            grow(fixture, random, issued, 40);
            RecordFigures figures = fixture.archive.figures();
            SqlFigures oracle = new SqlFigures(fixture.jdbc(),
                    new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)),
                    new Units(fixture.jdbc()), ArchiveFixture.ZONE);
            assertEqual(figures, oracle);
            assertVaried(figures);

            // The projection now follows the change log: issue more, answer, close and withdraw, and compare again.
            grow(fixture, random, issued, 25);
            assertEqual(figures, oracle);

            // A reader that fell further behind than its delta limit reads everything again, and counts the same.
            RecordFigures behind = new RecordFigures(fixture.jdbc(),
                    new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)),
                    new Units(fixture.jdbc()), ArchiveFixture.ZONE, 2);
            assertEqual(behind, oracle);
            grow(fixture, random, issued, 3);
            assertEqual(behind, oracle);
            assertEqual(figures, oracle);

            // A second process loads every row afresh and counts the same.
            RecordFigures fresh = new RecordFigures(fixture.jdbc(),
                    new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)),
                    new Units(fixture.jdbc()), ArchiveFixture.ZONE);
            assertEqual(fresh, oracle);
        }
    }

    private static void assertEqual(RecordFigures figures, SqlFigures oracle) {
        List<Scope> scopes = new ArrayList<>();
        for (LocalDate today : List.of(LocalDate.of(2024, 4, 15), LocalDate.of(2024, 9, 1), LocalDate.of(2025, 1, 1))) {
            for (Optional<Integer> year : List.of(Optional.<Integer>empty(), Optional.of(2023), Optional.of(2024))) {
                scopes.add(new Scope(year, Optional.empty(), Optional.empty(), today));
                scopes.add(new Scope(year, Optional.of("jm-justice"), Optional.empty(), today));
                scopes.add(new Scope(year, Optional.of("jm-procuratorate"), Optional.empty(), today));
                scopes.add(new Scope(year, Optional.empty(), Optional.of(Set.of("jm-procuratorate")), today));
                scopes.add(new Scope(year, Optional.empty(), Optional.of(Set.of("jm-coordination-office")), today));
            }
        }
        for (Scope scope : scopes) {
            assertThat(figures.countByStatus(scope)).as("states %s", scope).isEqualTo(oracle.countByStatus(scope));
            assertThat(figures.countOverdue(scope)).as("overdue %s", scope).isEqualTo(oracle.countOverdue(scope));
            assertThat(figures.repliesByAgency(scope)).as("replies %s", scope).isEqualTo(oracle.repliesByAgency(scope));
            assertThat(figures.instrumentsByDomainAndMonth(scope, DOMAINS)).as("domains %s", scope)
                    .isEqualTo(oracle.instrumentsByDomainAndMonth(scope, DOMAINS));
            assertThat(figures.lapsesByDueMonth(scope)).as("trend %s", scope).isEqualTo(oracle.lapsesByDueMonth(scope));
            assertThat(figures.lapsedReplies(scope)).as("lapsed %s", scope).isEqualTo(oracle.lapsedReplies(scope));
        }
    }

    /** Not vacuous: the archive holds answered, late, overdue and adopted replies and known domains to compare. */
    private static void assertVaried(RecordFigures figures) {
        Scope all = new Scope(Optional.empty(), Optional.empty(), Optional.empty(), LocalDate.of(2025, 1, 1));
        assertThat(figures.repliesByAgency(all)).anySatisfy(a -> assertThat(a.late()).isPositive())
                .anySatisfy(a -> assertThat(a.overdue()).isPositive())
                .anySatisfy(a -> assertThat(a.onTime()).isPositive())
                .anySatisfy(a -> assertThat(a.adopted() + a.partlyAdopted() + a.notAdopted()).isPositive());
        assertThat(figures.instrumentsByDomainAndMonth(all, DOMAINS)).extracting(RecordFigures.MonthCount::key)
                .contains("社会治理", "检察建议书");
    }

    /** Issues {@code n} instruments over a few weeks and then delivers, answers, closes and withdraws at random. */
    private static void grow(ArchiveFixture fixture, Random random, List<InstrumentRecord> issued, int n) {
        Archive archive = fixture.archive;
        for (int k = 0; k < n; k++) {
            fixture.clock.advanceTo(fixture.clock.instant().plus(Duration.ofHours(1 + random.nextInt(60))));
            List<String> recipients = new ArrayList<>(List.of(AGENCIES.get(random.nextInt(AGENCIES.size()))));
            if (random.nextInt(4) == 0) {
                String second = AGENCIES.get(random.nextInt(AGENCIES.size()));
                if (!recipients.contains(second)) {
                    recipients.add(second);
                }
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("案由", "第" + issued.size() + "件");
            switch (random.nextInt(4)) {
                case 0 -> fields.put("kind", DOMAINS.get(random.nextInt(DOMAINS.size())));
                case 1 -> fields.put("domain", DOMAINS.get(random.nextInt(DOMAINS.size())));
                case 2 -> fields.put("kind", "其他类别");
                default -> { }
            }
            int year = random.nextInt(3) == 0 ? 2023 : 2024;
            issued.add(archive.issue(new IssueRequest("procuratorial-suggestion", "检察建议书",
                    "关于第" + issued.size() + "件的检察建议", "市检察院", recipients, List.of("市政府"), "荆检行建", year,
                    random.nextInt(5) == 0 ? ReplyTerm.none() : ReplyTerm.standard(random.nextBoolean()), false, fields,
                    Optional.empty()), TestPdfs.producer()));
        }
        // Three rounds, so that records move on: delivered, answered (some again, some after the deadline), closed.
        for (int round = 0; round < 3; round++) {
            for (InstrumentRecord listed : issued) {
                step(fixture, random, archive.record(listed.id()));
            }
        }
    }

    private static void step(ArchiveFixture fixture, Random random, InstrumentRecord record) {
        Archive archive = fixture.archive;
        // Some steps land just after midnight in Shanghai (16:xx UTC), where the calendar date differs from UTC's.
        Instant next = fixture.clock.instant().plus(Duration.ofHours(1 + random.nextInt(30)));
        if (random.nextInt(4) == 0) {
            next = next.atZone(java.time.ZoneOffset.UTC).withHour(16).withMinute(30).toInstant();
            if (next.isBefore(fixture.clock.instant())) {
                next = next.plus(Duration.ofDays(1));
            }
        }
        fixture.clock.advanceTo(next);
        LocalDate today = fixture.clock.instant().atZone(ArchiveFixture.ZONE).toLocalDate();
        int step = random.nextInt(10);
        if (record.status() == RecordStatus.ISSUED && step < 7) {
            archive.deliver(record.id(), DeliveryMethod.DIRECT, today, Optional.empty(), "市检察院");
        } else if (record.status() == RecordStatus.ISSUED && step == 7) {
            archive.withdraw(record.id(), "已整改无需建议", "市检察院");
        } else if ((record.status() == RecordStatus.DELIVERED || record.status() == RecordStatus.RESPONDED)
                && step < 6) {
            Unit unit = record.recipients().get(random.nextInt(record.recipients().size()));
            archive.respond(new ResponseSubmission(record.id(), unit.shortName(), "整改措施", "整改结果",
                    Adoption.values()[random.nextInt(Adoption.values().length)],
                    List.of(new UploadedFile("回复.pdf", TestPdfs.withText("reply")))));
        } else if (record.status() == RecordStatus.RESPONDED && step == 6) {
            archive.close(record.id(), Adoption.ADOPTED, "已整改", Optional.empty(), "市检察院");
        } else if (record.status() == RecordStatus.DELIVERED && step == 7) {
            archive.close(record.id(), Adoption.NOT_ADOPTED, "未回复", Optional.of("经督促仍未回复"), "市检察院");
        }
    }
}
