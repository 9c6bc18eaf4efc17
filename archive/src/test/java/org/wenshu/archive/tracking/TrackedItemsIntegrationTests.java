package org.wenshu.archive.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.RequestInvalid;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.uploads.FileRefused;

/** A list published, reported on, returned, accepted and overdue; resolutions tracked the same way; all audited. */
class TrackedItemsIntegrationTests {

    private TrackingFixture fixture;
    private TrackedItems tracked;

    private void open(TrackingFixture.Db db) {
        fixture = new TrackingFixture(db);
        tracked = fixture.tracked;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ItemList threePoints() {
        return tracked.createList(2024, "2024年工作要点", "府检联动办", List.of(
                new ItemDraft(1, "细化涉企法治服务保障措施", "加强对涉企诉讼活动的法律监督", "市检察院", List.of("市公安局、市司法局"), "2024-06-30"),
                new ItemDraft(2, "推进未成年人综合保护", "落实强制报告制度", "市教育局", List.of(), "2024-09-30"),
                new ItemDraft(3, "组织开展同堂培训", "互派人员参加岗位培训", "市司法局", List.of("市检察院"), "全年至少开展2次")),
                "office");
    }

    private TrackedItem point(ItemList list, int number) {
        return tracked.items(ItemQuery.all().inList(list.id())).stream().filter(i -> i.number() == number).findFirst()
                .orElseThrow();
    }

    private ProgressReport report(TrackedItem item, String unit, String text, UploadedFile... files) {
        return tracked.submit(new ReportSubmission(item.id(), unit, unit + "联络员", text, Optional.empty(), List.of(files)));
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void unitsReportOnlyOncePublishedAndOnlyOnTheirOwnPoints(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        TrackedItem first = point(list, 1);

        assertThatThrownBy(() -> report(first, "市公安局", "已开展"))
                .isInstanceOf(TransitionRefused.class).hasMessageContaining("尚未发布");
        tracked.publish(list.id(), "office");
        assertThatThrownBy(() -> report(first, "市教育局", "已开展"))
                .isInstanceOf(TransitionRefused.class).hasMessageContaining("市教育局不是「细化涉企法治服务保障措施」的责任单位");
        assertThatThrownBy(() -> tracked.publish(list.id(), "office")).isInstanceOf(TransitionRefused.class);
        assertThatThrownBy(() -> tracked.addItem(list.id(), new ItemDraft(4, "x", "", "市检察院", List.of(), "年底前"), "office"))
                .isInstanceOf(TransitionRefused.class);
        assertThat(tracked.items(ItemQuery.all().responsible("jm-education").active())).extracting(TrackedItem::number)
                .containsExactly(2);
    }

    private List<Map.Entry<String, String>> changes() {
        return fixture.archive.changesSince(0, 1000).stream()
                .filter(c -> c.kind().equals(TrackedItems.ITEM_CHANGE_KIND) || c.kind().equals(TrackedItems.REPORT_CHANGE_KIND))
                .map(c -> Map.entry(c.kind(), c.recordId())).toList();
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void everyChangeOfAnItemOrReportIsInTheChangeLogTheSearchIndexFollows(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        List<String> items = tracked.items(ItemQuery.all().inList(list.id())).stream().map(TrackedItem::id).toList();
        String item = "TRACKED_ITEM";
        String report = "PROGRESS_REPORT";

        assertThat(changes()).containsExactlyInAnyOrderElementsOf(items.stream().map(id -> Map.entry(item, id)).toList());
        tracked.publish(list.id(), "office");
        assertThat(changes()).hasSize(6);
        assertThat(changes().subList(3, 6)).containsExactlyInAnyOrderElementsOf(items.stream().map(id -> Map.entry(item, id)).toList());

        TrackedItem first = point(list, 1);
        ProgressReport sent = report(first, "市公安局", "已清理挂案 12 件");
        assertThatThrownBy(() -> report(first, "市公安局", "再报")).isInstanceOf(TransitionRefused.class);
        tracked.returnReport(sent.id(), "请附立案监督文书", "office");
        assertThatThrownBy(() -> tracked.accept(sent.id(), Optional.empty(), "office")).isInstanceOf(TransitionRefused.class);
        TrackedItem resolution = tracked.createFromResolution("minutes-1", 2024,
                new ItemDraft(1, "建立线索移送台账", "", "市司法局", List.of(), "2024-09-30"), "office");

        assertThat(changes().subList(6, changes().size())).containsExactly(
                Map.entry(report, sent.id()), Map.entry(item, first.id()),
                Map.entry(report, sent.id()), Map.entry(item, first.id()),
                Map.entry(item, resolution.id()));
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void aReportWithEvidenceIsReturnedWithAReasonThenAcceptedOnTime(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        tracked.publish(list.id(), "office");
        TrackedItem first = point(list, 1);
        byte[] pdf = TrackingFixture.pdf("Progress evidence");

        ProgressReport sent = report(first, "市公安局", "已清理挂案 12 件", new UploadedFile("挂案清理台账.pdf", pdf));

        assertThat(sent.decision()).isEqualTo(Decision.PENDING);
        assertThat(sent.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("挂案清理台账.pdf");
            assertThat(f.mediaType()).isEqualTo("application/pdf");
            assertThat(f.key()).startsWith("tracking/2024/" + first.id() + "/reports/" + sent.id() + "/1-evidence.pdf");
        });
        assertThat(tracked.evidence(sent.id(), 1)).isEqualTo(pdf);
        assertThat(tracked.item(first.id()).progressOf("jm-police").orElseThrow().status()).isEqualTo(ProgressStatus.REPORTED);
        assertThatThrownBy(() -> report(first, "市公安局", "再报")).isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("待验收");

        assertThatThrownBy(() -> tracked.returnReport(sent.id(), " ", "office")).isInstanceOf(RequestInvalid.class);
        ProgressReport returned = tracked.returnReport(sent.id(), "请附立案监督文书", "office");

        assertThat(returned.decision()).isEqualTo(Decision.RETURNED);
        assertThat(returned.reason()).contains("请附立案监督文书");
        assertThat(tracked.item(first.id()).progressOf("jm-police").orElseThrow().status()).isEqualTo(ProgressStatus.RETURNED);
        assertThatThrownBy(() -> tracked.accept(sent.id(), Optional.empty(), "office")).isInstanceOf(TransitionRefused.class);

        ProgressReport again = report(first, "市公安局", "已补充立案监督文书");
        tracked.accept(again.id(), Optional.of("材料齐全"), "office");

        UnitProgress police = tracked.item(first.id()).progressOf("jm-police").orElseThrow();
        assertThat(police.status()).isEqualTo(ProgressStatus.ACCEPTED);
        assertThat(tracked.reports(first.id(), Optional.of("jm-police"))).extracting(ProgressReport::decision)
                .containsExactly(Decision.RETURNED, Decision.ACCEPTED);
        assertThat(tracked.reports(first.id(), Optional.of("jm-justice"))).isEmpty();
        assertThatThrownBy(() -> report(first, "市公安局", "又一次")).hasMessageContaining("已办结");
        assertThat(fixture.archive.auditEvents(first.id())).extracting(AuditEvent::action).containsExactly(
                "TRACKED_ITEM_CREATED", "TRACKED_REPORTED", "TRACKED_RETURNED", "TRACKED_REPORTED", "TRACKED_ACCEPTED");
        assertThat(fixture.archive.verifyAudit().problems()).isEmpty();
        assertThat(fixture.archive.fixity(Optional.empty()).problems()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void aRefusedFileStoresNothing(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        tracked.publish(list.id(), "office");
        TrackedItem first = point(list, 1);

        assertThatThrownBy(() -> report(first, "市公安局", "附件有误", new UploadedFile("ok.pdf", TrackingFixture.pdf("ok")),
                new UploadedFile("伪装.pdf", "MZ not a pdf".getBytes())))
                .isInstanceOf(FileRefused.class);

        assertThat(fixture.store.list("tracking/")).isEmpty();
        assertThat(tracked.reports(first.id(), Optional.empty())).isEmpty();
        assertThat(tracked.item(first.id()).progressOf("jm-police").orElseThrow().status()).isEqualTo(ProgressStatus.OPEN);
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void aPointPastItsDeadlineIsOverdueFlaggedOnceAndCounted(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        tracked.publish(list.id(), "office");
        TrackedItem first = point(list, 1);
        report(first, "市公安局", "已开展");
        tracked.accept(tracked.reports(first.id(), Optional.empty()).get(0).id(), Optional.empty(), "office");

        fixture.clock.set(Instant.parse("2024-06-30T15:59:00Z")); // 23:59 on the due day in Shanghai
        assertThat(tracked.item(first.id()).overdue()).isFalse();
        fixture.clock.set(Instant.parse("2024-06-30T16:00:00Z")); // 00:00 on 1 July in Shanghai

        TrackedItem late = tracked.item(first.id());
        assertThat(late.progressOf("jm-procuratorate").orElseThrow().status()).isEqualTo(ProgressStatus.OVERDUE);
        assertThat(late.progressOf("jm-justice").orElseThrow().status()).isEqualTo(ProgressStatus.OVERDUE);
        assertThat(late.progressOf("jm-police").orElseThrow().status()).isEqualTo(ProgressStatus.ACCEPTED);
        assertThat(tracked.items(ItemQuery.all().overdue())).extracting(TrackedItem::number).containsExactly(1);
        assertThat(tracked.items(ItemQuery.all().overdue().responsible("jm-police"))).isEmpty();
        assertThat(tracked.overdueCount(tracked.today())).isEqualTo(2);

        int changesBefore = changes().size();
        assertThat(tracked.flagOverdue(tracked.today(), "overdue job")).hasSize(2);
        assertThat(tracked.flagOverdue(tracked.today().plusDays(1), "overdue job")).isEmpty();
        // the index shows the item as overdue: one change per flagged unit, none for the second run
        assertThat(changes().subList(changesBefore, changes().size()))
                .containsExactly(Map.entry("TRACKED_ITEM", first.id()), Map.entry("TRACKED_ITEM", first.id()));
        assertThat(fixture.archive.auditEvents(first.id())).filteredOn(e -> e.action().equals("TRACKED_OVERDUE")).hasSize(2);

        // the justice bureau reports late; the office accepts: done, but late
        ProgressReport lateReport = report(late, "市司法局", "已补报");
        tracked.accept(lateReport.id(), Optional.empty(), "office");
        List<UnitTally> tally = tracked.tally(2024, Optional.of(SourceKind.WORK_POINT));
        assertThat(tally).filteredOn(t -> t.unit().id().equals("jm-police")).singleElement()
                .isEqualTo(new UnitTally(fixture.archive.unit("jm-police"), 1, 1, 0, 0, 0));
        assertThat(tally).filteredOn(t -> t.unit().id().equals("jm-justice")).singleElement()
                .isEqualTo(new UnitTally(fixture.archive.unit("jm-justice"), 2, 0, 1, 1, 0));
        assertThat(tally).filteredOn(t -> t.unit().id().equals("jm-procuratorate")).singleElement()
                .isEqualTo(new UnitTally(fixture.archive.unit("jm-procuratorate"), 2, 0, 0, 2, 1));
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void aFrequencyIsDoneOnceItsCountIsAccepted(TrackingFixture.Db db) {
        open(db);
        ItemList list = threePoints();
        tracked.publish(list.id(), "office");
        TrackedItem training = point(list, 3);

        tracked.accept(report(training, "市司法局", "第一次同堂培训").id(), Optional.empty(), "office");
        assertThat(tracked.item(training.id()).progressOf("jm-justice").orElseThrow())
                .satisfies(p -> assertThat(p.status()).isEqualTo(ProgressStatus.OPEN))
                .satisfies(p -> assertThat(p.acceptedCount()).isEqualTo(1));
        tracked.accept(report(training, "市司法局", "第二次同堂培训").id(), Optional.empty(), "office");

        assertThat(tracked.item(training.id()).progressOf("jm-justice").orElseThrow().status())
                .isEqualTo(ProgressStatus.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(TrackingFixture.Db.class)
    void resolutionsOfAMeetingAreTrackedExactlyLikeWorkPoints(TrackingFixture.Db db) {
        open(db);
        List<TrackedItem> resolutions = tracked.createFromResolutions("meeting-minutes-1", 2024, List.of(
                new ItemDraft(1, "建立行政违法线索移送台账", "各单位每季度报送", "市司法局", List.of("市公安局"), "2024-05-31"),
                new ItemDraft(2, "开展联合调研", "", "市检察院", List.of(), "年底前")), "office");

        assertThat(resolutions).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo(SourceKind.RESOLUTION);
            assertThat(r.sourceId()).isEqualTo("meeting-minutes-1");
            assertThat(r.active()).isTrue();
            assertThat(r.listId()).isEmpty();
        });
        TrackedItem first = resolutions.get(0);
        ProgressReport sent = report(first, "市公安局", "台账已建立");
        tracked.accept(sent.id(), Optional.empty(), "office");
        assertThat(tracked.item(first.id()).progressOf("jm-police").orElseThrow().status()).isEqualTo(ProgressStatus.ACCEPTED);
        assertThat(tracked.items(ItemQuery.all().from(SourceKind.RESOLUTION, "meeting-minutes-1"))).hasSize(2);
        assertThatThrownBy(() -> tracked.createFromResolution("meeting-minutes-1", 2024,
                new ItemDraft(2, "重复", "", "市检察院", List.of(), "年底前"), "office"))
                .isInstanceOfSatisfying(ListRefused.class, e -> assertThat(e.problems()).extracting(RowProblem::reason)
                        .containsExactly("序号 2 已在清单中"));
        fixture.clock.advance(Duration.ofDays(100));
        assertThat(tracked.tally(2024, Optional.of(SourceKind.RESOLUTION)))
                .filteredOn(t -> t.unit().id().equals("jm-justice")).singleElement()
                .satisfies(t -> assertThat(t.overdue()).isEqualTo(1));
        assertThat(tracked.today()).isAfter(LocalDate.of(2024, 5, 31));
    }
}
