package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lists of records (the inbox, an agency's visible set, the register pages' queries): newest first, paged, counted
 * over exactly the rows they page through — with the 主送 filter alone, together with a visibility that implies it,
 * and together with a visibility that does not.
 */
class RecordQueryIntegrationTests {

    @ParameterizedTest
    @EnumSource(Database.class)
    void pagesAndCountsTheAddressedAndVisibleRecordsNewestFirst(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentRecord toJustice = issue(fixture, "甲", List.of("市司法局"), List.of());
            InstrumentRecord toPolice = issue(fixture, "乙", List.of("市公安局"), List.of("市司法局"));
            InstrumentRecord toBoth = issue(fixture, "丙", List.of("市司法局", "市公安局"), List.of());
            InstrumentRecord justiceCopiesPolice = issue(fixture, "丁", List.of("市司法局"), List.of("市公安局"));
            InstrumentRecord toData = issue(fixture, "戊", List.of("市政数局"), List.of());
            Archive archive = fixture.archive;

            RecordQuery.Page inbox = archive.records(RecordQuery.all().addressedTo("jm-justice"), 0, 20);
            RecordQuery.Page ownInbox = archive.records(RecordQuery.all().visibleTo(Set.of("jm-justice"))
                    .addressedTo("jm-justice"), 0, 20);
            RecordQuery.Page policeSeesJustices = archive.records(RecordQuery.all().visibleTo(Set.of("jm-police"))
                    .addressedTo("jm-justice"), 0, 20);
            RecordQuery.Page second = archive.records(RecordQuery.all().visibleTo(Set.of("jm-justice"))
                    .addressedTo("jm-justice"), 1, 1);
            RecordQuery.Page justiceSees = archive.records(RecordQuery.all().visibleTo(Set.of("jm-justice")), 0, 20);

            assertThat(ids(inbox)).containsExactly(justiceCopiesPolice.id(), toBoth.id(), toJustice.id());
            assertThat(inbox.total()).isEqualTo(3);
            assertThat(ids(ownInbox)).isEqualTo(ids(inbox));
            assertThat(ownInbox.total()).isEqualTo(3);
            assertThat(ids(policeSeesJustices)).containsExactly(justiceCopiesPolice.id(), toBoth.id());
            assertThat(policeSeesJustices.total()).isEqualTo(2);
            assertThat(ids(second)).containsExactly(toBoth.id());
            assertThat(second.total()).isEqualTo(3);
            assertThat(ids(justiceSees)).containsExactly(justiceCopiesPolice.id(), toBoth.id(), toPolice.id(),
                    toJustice.id());
            assertThat(justiceSees.total()).isEqualTo(4);
            assertThat(ids(justiceSees)).doesNotContain(toData.id());
            // Each listed record comes with its units, delivery and files, as when read alone.
            assertThat(justiceSees.items()).allSatisfy(listed -> assertThat(listed).isEqualTo(archive.record(listed.id())));
        }
    }

    private static List<String> ids(RecordQuery.Page page) {
        return page.items().stream().map(InstrumentRecord::id).toList();
    }

    private static InstrumentRecord issue(ArchiveFixture fixture, String key, List<String> recipients,
                                          List<String> copies) {
        fixture.clock.advanceTo(fixture.clock.instant().plus(Duration.ofHours(1)));
        return fixture.archive.issue(new IssueRequest("procuratorial-suggestion", "检察建议书", "关于" + key + "的检察建议",
                "市检察院", recipients, copies, "荆检行建", 2024, ReplyTerm.standard(false), false, Map.of("案由", key),
                Optional.empty()), TestPdfs.producer());
    }
}
