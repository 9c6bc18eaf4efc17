package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.RecordFigures.AgencyReplies;
import org.wenshu.archive.RecordFigures.Scope;

/**
 * The columns the figures read instead of the responses and deliveries (V8: instruments.delivered_on,
 * instrument_units.first_response_at / latest_adoption) stay equal to a computation from scratch through every step
 * of the lifecycle, and so do the figures built on them.
 */
class RecordFiguresColumnsIntegrationTests {

    private static final LocalDate JUNE = LocalDate.of(2024, 6, 1);

    /** The columns recomputed from the responses and deliveries, keyed by instrument id and 主送 unit id. */
    private static final String FROM_SCRATCH = "SELECT u.instrument_id, u.unit_id,"
            + " (SELECT MIN(d.delivered_on) FROM deliveries d WHERE d.instrument_id = u.instrument_id) AS delivered_on,"
            + " (SELECT MIN(r.submitted_at) FROM responses r WHERE r.instrument_id = u.instrument_id"
            + " AND r.unit_id = u.unit_id) AS first_response_at,"
            + " (SELECT r.adoption FROM responses r WHERE r.instrument_id = u.instrument_id AND r.unit_id = u.unit_id"
            + " AND NOT EXISTS (SELECT 1 FROM responses r2 WHERE r2.instrument_id = r.instrument_id"
            + " AND r2.unit_id = r.unit_id AND (r2.submitted_at > r.submitted_at"
            + " OR (r2.submitted_at = r.submitted_at AND r2.id > r.id)))) AS latest_adoption"
            + " FROM instrument_units u WHERE u.role = 'MAIN' ORDER BY u.instrument_id, u.unit_id";

    private static final String STORED = "SELECT u.instrument_id, u.unit_id, i.delivered_on, u.first_response_at,"
            + " u.latest_adoption FROM instrument_units u JOIN instruments i ON i.id = u.instrument_id"
            + " WHERE u.role = 'MAIN' ORDER BY u.instrument_id, u.unit_id";

    @ParameterizedTest
    @EnumSource(Database.class)
    void keepsTheFigureColumnsEqualToTheResponsesAndDeliveriesThroughTheLifecycle(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Archive archive = fixture.archive;
            JdbcTemplate jdbc = fixture.jdbc();
            InstrumentRecord both = archive.issue(request("BOTH", List.of("市公安局", "市司法局")), TestPdfs.producer());
            InstrumentRecord later = archive.issue(request("LATER", List.of("市司法局")), TestPdfs.producer());
            assertStoredEqualsFromScratch(jdbc);
            assertThat(columns(jdbc, both.id(), "jm-police")).containsExactly(null, null, null);

            archive.deliver(both.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
            archive.deliver(later.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
            assertStoredEqualsFromScratch(jdbc);
            assertThat(columns(jdbc, both.id(), "jm-police").get(0)).isEqualTo(LocalDate.of(2024, 3, 1));

            fixture.clock.advanceTo(Instant.parse("2024-03-21T02:00:00Z"));
            respond(archive, both, "市公安局", Adoption.NOT_ADOPTED);
            assertStoredEqualsFromScratch(jdbc);
            assertThat(columns(jdbc, both.id(), "jm-police").get(2)).isEqualTo("NOT_ADOPTED");
            assertThat(columns(jdbc, both.id(), "jm-justice")).containsExactly(LocalDate.of(2024, 3, 1), null, null);

            // A second response of the same unit: the first reply stays, the adoption follows the latest; two at the
            // same instant are ordered by response id, like the figures always did.
            fixture.clock.advanceTo(Instant.parse("2024-03-25T02:00:00Z"));
            respond(archive, both, "市公安局", Adoption.PARTLY_ADOPTED);
            respond(archive, both, "市公安局", Adoption.ADOPTED);
            assertStoredEqualsFromScratch(jdbc);
            List<AgencyReplies> answered = figures(archive);
            assertThat(answered).extracting(a -> a.unit().id()).containsExactly("jm-justice", "jm-police");
            assertThat(answered.get(0)).isEqualTo(new AgencyReplies(answered.get(0).unit(), 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0));
            assertThat(answered.get(1)).isEqualTo(new AgencyReplies(answered.get(1).unit(), 1, 1, 1, 0, 0, 0,
                    latestIs(jdbc, both.id(), "ADOPTED"), latestIs(jdbc, both.id(), "PARTLY_ADOPTED"), 0, 20, 1));

            archive.withdraw(later.id(), "已整改无需建议", "市检察院");
            fixture.clock.advanceTo(Instant.parse("2024-05-01T16:30:00Z"));
            respond(archive, both, "市司法局", Adoption.ADOPTED);
            assertStoredEqualsFromScratch(jdbc);
            List<AgencyReplies> withdrawn = figures(archive);
            assertThat(withdrawn).extracting(a -> a.unit().id()).containsExactly("jm-justice", "jm-police");
            assertThat(withdrawn.get(0)).isEqualTo(new AgencyReplies(withdrawn.get(0).unit(), 1, 1, 0, 1, 0, 0, 1, 0, 0, 62, 1));
            assertThat(withdrawn.get(1)).isEqualTo(answered.get(1));
        }
    }

    private static List<AgencyReplies> figures(Archive archive) {
        return archive.figures().repliesByAgency(new Scope(Optional.of(2024), Optional.empty(), Optional.empty(), JUNE));
    }

    /** 1 when the police's latest response to {@code recordId} (by instant, then id) reports {@code adoption}. */
    private static long latestIs(JdbcTemplate jdbc, String recordId, String adoption) {
        return adoption.equals(jdbc.queryForObject("SELECT adoption FROM responses WHERE instrument_id = ?"
                + " AND unit_id = 'jm-police' ORDER BY submitted_at DESC, id DESC FETCH FIRST 1 ROW ONLY", String.class,
                recordId)) ? 1 : 0;
    }

    private static void assertStoredEqualsFromScratch(JdbcTemplate jdbc) {
        List<List<Object>> scratch = rows(jdbc, FROM_SCRATCH);
        assertThat(scratch).isNotEmpty();
        assertThat(rows(jdbc, STORED)).isEqualTo(scratch);
    }

    private static List<List<Object>> rows(JdbcTemplate jdbc, String sql) {
        return jdbc.query(sql, (rs, i) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2),
                rs.getObject(3, LocalDate.class), rs.getObject(4, java.time.OffsetDateTime.class) == null ? null
                        : rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), rs.getString(5)));
    }

    /** delivered_on, first_response_at (as an instant) and latest_adoption of one 主送 row. */
    private static List<Object> columns(JdbcTemplate jdbc, String recordId, String unitId) {
        return rows(jdbc, STORED).stream().filter(r -> r.get(0).equals(recordId) && r.get(1).equals(unitId))
                .findFirst().map(r -> r.subList(2, 5)).orElseThrow();
    }

    private static IssueRequest request(String key, List<String> recipients) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("案由", key);
        return new IssueRequest("procuratorial-suggestion", "检察建议书", "关于" + key + "的检察建议", "市检察院",
                recipients, List.of(), "荆检行建", 2024, ReplyTerm.standard(false), false, fields, Optional.empty());
    }

    private static void respond(Archive archive, InstrumentRecord record, String unit, Adoption adoption) {
        archive.respond(new ResponseSubmission(record.id(), unit, "整改措施", "整改结果", adoption,
                List.of(new UploadedFile("回复.pdf", TestPdfs.withText("reply")))));
    }
}
