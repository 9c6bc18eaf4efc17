package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.archive.RecordFigures.AgencyReplies;
import org.wenshu.archive.RecordFigures.Lapse;
import org.wenshu.archive.RecordFigures.MonthCount;
import org.wenshu.archive.RecordFigures.Scope;

/** The dashboard's aggregates against a seeded year whose every figure is counted by hand below. */
class RecordFiguresIntegrationTests {

    private static final LocalDate JUNE = LocalDate.of(2024, 6, 1);
    private static final List<String> DOMAINS = List.of("社会治理", "纠正违法", "公益诉讼诉前", "再审");

    /**
     * Seven instruments of 2024 (all issued 2024-03-01 10:00 in Shanghai, delivered the same day, due 2024-05-01) and
     * one of 2023: police P1 answered on time (day 40, 采纳), police P2 answered at 00:30 on 2 May Shanghai time — still
     * 1 May in UTC, so late only when dates are taken in Shanghai (day 62, 部分采纳), police P3 closed unanswered,
     * justice J1 unanswered (overdue), justice J2 answered on day 20 (未采纳) and again on day 24 (采纳, the latest),
     * justice J3 withdrawn, data D1 never delivered (due from the issue date, overdue).
     */
    private static Map<String, InstrumentRecord> seed(ArchiveFixture fixture) {
        Archive archive = fixture.archive;
        Map<String, InstrumentRecord> r = new LinkedHashMap<>();
        r.put("P1", archive.issue(request("P1", "市公安局", 2024, "社会治理"), TestPdfs.producer()));
        r.put("P2", archive.issue(request("P2", "市公安局", 2024, "社会治理"), TestPdfs.producer()));
        r.put("P3", archive.issue(request("P3", "市公安局", 2024, null), TestPdfs.producer()));
        r.put("J1", archive.issue(request("J1", "市司法局", 2024, "纠正违法"), TestPdfs.producer()));
        r.put("J2", archive.issue(request("J2", "市司法局", 2024, null), TestPdfs.producer()));
        r.put("J3", archive.issue(request("J3", "市司法局", 2024, null), TestPdfs.producer()));
        r.put("D1", archive.issue(request("D1", "市政数局", 2024, null), TestPdfs.producer()));
        r.put("OLD", archive.issue(request("OLD", "市公安局", 2023, "社会治理"), TestPdfs.producer()));
        LocalDate march = LocalDate.of(2024, 3, 1);
        for (String key : List.of("P1", "P2", "P3", "J1", "J2", "OLD")) {
            archive.deliver(r.get(key).id(), DeliveryMethod.DIRECT, march, Optional.empty(), "市检察院");
        }
        archive.withdraw(r.get("J3").id(), "已整改无需建议", "市检察院");
        fixture.clock.advanceTo(Instant.parse("2024-03-21T02:00:00Z"));
        respond(archive, r.get("J2"), "市司法局", Adoption.NOT_ADOPTED);
        fixture.clock.advanceTo(Instant.parse("2024-03-25T02:00:00Z"));
        respond(archive, r.get("J2"), "市司法局", Adoption.ADOPTED);
        fixture.clock.advanceTo(Instant.parse("2024-04-10T02:00:00Z"));
        respond(archive, r.get("P1"), "市公安局", Adoption.ADOPTED);
        respond(archive, r.get("OLD"), "市公安局", Adoption.ADOPTED);
        fixture.clock.advanceTo(Instant.parse("2024-05-01T16:30:00Z"));
        respond(archive, r.get("P2"), "市公安局", Adoption.PARTLY_ADOPTED);
        archive.close(r.get("P3").id(), Adoption.ADOPTED, "已当面督促", Optional.of("问题已在会商中解决"), "市检察院");
        return r;
    }

    private static IssueRequest request(String key, String recipient, int year, String kind) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("案由", key);
        if (kind != null) {
            fields.put("kind", kind);
        }
        return new IssueRequest("procuratorial-suggestion", "检察建议书", "关于" + key + "的检察建议", "市检察院",
                List.of(recipient), List.of(), "荆检行建", year, ReplyTerm.standard(false), false, fields, Optional.empty());
    }

    private static void respond(Archive archive, InstrumentRecord record, String unit, Adoption adoption) {
        archive.respond(new ResponseSubmission(record.id(), unit, "整改措施", "整改结果", adoption,
                List.of(new UploadedFile("回复.pdf", TestPdfs.withText("reply")))));
    }

    private static Scope year2024() {
        return new Scope(Optional.of(2024), Optional.empty(), Optional.empty(), JUNE);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void countsRepliesOnTimeLateOverdueAndAdoptedPerAgency(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            seed(fixture);
            RecordFigures figures = fixture.archive.figures();

            List<AgencyReplies> agencies = figures.repliesByAgency(year2024());

            assertThat(agencies).extracting(a -> a.unit().shortName()).containsExactly("市政数局", "市司法局", "市公安局");
            assertThat(agencies.get(0)).isEqualTo(new AgencyReplies(agencies.get(0).unit(), 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0));
            assertThat(agencies.get(1)).isEqualTo(new AgencyReplies(agencies.get(1).unit(), 2, 1, 1, 0, 1, 0, 1, 0, 0, 20, 1));
            assertThat(agencies.get(2)).isEqualTo(new AgencyReplies(agencies.get(2).unit(), 3, 2, 1, 1, 0, 0, 1, 1, 0, 40 + 62, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void countsStatesOverdueDomainsAndTheOverdueTrend(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            seed(fixture);
            RecordFigures figures = fixture.archive.figures();

            Map<RecordStatus, Long> states = figures.countByStatus(year2024());
            long overdue = figures.countOverdue(year2024());
            List<MonthCount> domains = figures.instrumentsByDomainAndMonth(year2024(), DOMAINS);
            List<MonthCount> trend = figures.lapsesByDueMonth(year2024());

            assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(RecordStatus.ISSUED, 1L, RecordStatus.DELIVERED, 1L,
                    RecordStatus.RESPONDED, 3L, RecordStatus.CLOSED, 1L, RecordStatus.WITHDRAWN, 1L));
            assertThat(overdue).isEqualTo(2);
            assertThat(domains).containsExactly(new MonthCount("检察建议书", 2024, 3, 4),
                    new MonthCount("社会治理", 2024, 3, 2), new MonthCount("纠正违法", 2024, 3, 1));
            assertThat(trend).containsExactly(new MonthCount("", 2024, 5, 3));
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void servesAFigureAgainUntilTheArchiveChangesThenCountsTheChangedRecords(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Map<String, InstrumentRecord> r = seed(fixture);
            RecordFigures figures = fixture.archive.figures();
            Map<RecordStatus, Long> before = figures.countByStatus(year2024());
            // A write past the archive (never done outside this test) leaves the change log where it was: the figures
            // computed before are served again, which shows they are not computed from the database at every call.
            new org.springframework.jdbc.core.JdbcTemplate(fixture.dataSource)
                    .update("UPDATE instruments SET status = 'CLOSED' WHERE id = ?", r.get("J1").id());

            Map<RecordStatus, Long> memoised = figures.countByStatus(year2024());
            fixture.archive.deliver(r.get("D1").id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 2), Optional.empty(),
                    "市检察院");
            Map<RecordStatus, Long> after = figures.countByStatus(year2024());

            assertThat(memoised).isEqualTo(before);
            // The delivery is counted at once; J1, changed past the change log, is read again only by a fresh load.
            assertThat(after).containsExactlyInAnyOrderEntriesOf(Map.of(RecordStatus.ISSUED, 0L, RecordStatus.DELIVERED, 2L,
                    RecordStatus.RESPONDED, 3L, RecordStatus.CLOSED, 1L, RecordStatus.WITHDRAWN, 1L));
            RecordFigures fresh = new RecordFigures(fixture.jdbc(), new org.springframework.transaction.support
                    .TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(
                            fixture.dataSource)), new Units(fixture.jdbc()), ArchiveFixture.ZONE);
            assertThat(fresh.countByStatus(year2024())).containsExactlyInAnyOrderEntriesOf(Map.of(RecordStatus.ISSUED, 0L,
                    RecordStatus.DELIVERED, 1L, RecordStatus.RESPONDED, 3L, RecordStatus.CLOSED, 2L,
                    RecordStatus.WITHDRAWN, 1L));
            assertThat(figures.countByStatus(new Scope(Optional.of(2024), Optional.empty(), Optional.of(Set.of("nobody")),
                    JUNE)).values()).allMatch(n -> n == 0);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void listsLateAndUnansweredRepliesAndNarrowsToAUnitOrAnIssuer(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Map<String, InstrumentRecord> r = seed(fixture);
            RecordFigures figures = fixture.archive.figures();

            List<RecordFigures.LapsedReply> lapsed = figures.lapsedReplies(year2024());
            Scope justice = new Scope(Optional.of(2024), Optional.of("jm-justice"), Optional.empty(), JUNE);
            Scope otherIssuer = new Scope(Optional.of(2024), Optional.empty(), Optional.of(Set.of("jm-police")), JUNE);
            Scope april = new Scope(Optional.of(2024), Optional.empty(), Optional.empty(), LocalDate.of(2024, 4, 15));

            assertThat(lapsed).extracting(RecordFigures.LapsedReply::recordId, RecordFigures.LapsedReply::lapse)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(r.get("D1").id(), Lapse.OVERDUE),
                            org.assertj.core.groups.Tuple.tuple(r.get("J1").id(), Lapse.OVERDUE),
                            org.assertj.core.groups.Tuple.tuple(r.get("P2").id(), Lapse.LATE));
            assertThat(lapsed.get(2).firstReplyOn()).contains(LocalDate.of(2024, 5, 2));
            assertThat(figures.countByStatus(justice).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
            assertThat(figures.repliesByAgency(justice)).extracting(a -> a.unit().id()).containsExactly("jm-justice");
            assertThat(figures.countByStatus(otherIssuer).values()).allMatch(n -> n == 0);
            assertThat(figures.repliesByAgency(april)).extracting(AgencyReplies::overdue, AgencyReplies::pending)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 1L), org.assertj.core.groups.Tuple.tuple(0L, 1L),
                            org.assertj.core.groups.Tuple.tuple(0L, 0L));
        }
    }
}
