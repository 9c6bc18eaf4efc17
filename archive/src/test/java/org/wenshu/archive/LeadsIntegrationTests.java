package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadFiling;
import org.wenshu.archive.leads.LeadInvalid;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadStatus;
import org.wenshu.archive.leads.LeadTally;
import org.wenshu.archive.leads.LeadType;
import org.wenshu.archive.leads.Leads;
import org.wenshu.archive.uploads.FileRefused;

/** 线索移送 against a real archive (embedded S3, H2 and PostgreSQL): steps, refusals, register numbers, audit. */
class LeadsIntegrationTests {

    private static LeadFiling filing(String title, String fromUnit, UploadedFile... files) {
        return new LeadFiling(fromUnit, "张联络员", "市检察院", LeadType.PUBLIC_INTEREST, title,
                "在日常执法检查中发现某企业向河道排放未经处理的污水。", LeadDomain.ECOLOGY,
                "《中华人民共和国水污染防治法》第三十九条", List.of(files));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aLeadGoesFromFilingToResultAndEveryStepIsAudited(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);

            Lead filed = leads.file(filing("关于某企业向河道排污的线索", "市司法局",
                    new UploadedFile("现场照片.png", TestFiles.png()), new UploadedFile("检查笔录.pdf", TestPdfs.withText("record"))));
            Lead acknowledged = leads.acknowledge(filed.id(), "市检察院", "李检察官");
            Lead decided = leads.decide(filed.id(), LeadDecision.OPEN_CASE, "", "", "荆门市人民检察院", "李检察官");
            byte[] resultPdf = TestPdfs.withText("result");
            Lead concluded = leads.conclude(filed.id(), "已立案并发出诉前检察建议，企业已停止排污。",
                    Optional.of(new UploadedFile("结果.pdf", resultPdf)), "jm-procuratorate", "李检察官");

            assertThat(filed.status()).isEqualTo(LeadStatus.FILED);
            assertThat(filed.numberText()).isEqualTo("待受理");
            assertThat(filed.evidence()).extracting(f -> f.name()).containsExactly("现场照片.png", "检查笔录.pdf");
            assertThat(filed.evidence()).extracting(f -> f.mediaType()).containsExactly("image/png", "application/pdf");
            assertThat(acknowledged.numberText()).isEqualTo("荆检线索〔2024〕1号");
            assertThat(acknowledged.acknowledgedBy()).contains("李检察官");
            assertThat(decided.decision()).contains(LeadDecision.OPEN_CASE);
            assertThat(concluded.status()).isEqualTo(LeadStatus.CONCLUDED);
            assertThat(concluded.result()).hasValueSatisfying(r -> assertThat(r).contains("诉前检察建议"));
            assertThat(concluded.resultFile()).hasValueSatisfying(f -> assertThat(f.name()).isEqualTo("结果.pdf"));
            assertThat(leads.content(concluded.resultFile().get())).isEqualTo(resultPdf);
            assertThat(fixture.archive.auditEvents(filed.id())).extracting(AuditEvent::action)
                    .containsExactly("LEAD_FILED", "LEAD_ACKNOWLEDGED", "LEAD_DECIDED", "LEAD_CONCLUDED");
            assertThat(fixture.archive.auditEvents(filed.id())).extracting(AuditEvent::actor)
                    .containsExactly("荆门市司法局", "荆门市人民检察院", "荆门市人民检察院", "荆门市人民检察院");
            assertThat(fixture.archive.changesSince(0, 100)).filteredOn(c -> c.recordId().equals(filed.id()))
                    .extracting(RecordChange::kind).containsOnly(Leads.CHANGE_KIND).hasSize(4);
            assertThat(fixture.archive.verifyAudit().intact()).isTrue();
            assertThat(fixture.archive.fixity(Optional.empty()).intact()).isTrue();
            assertThat(fixture.objects("leads/2024/" + filed.id() + "/")).hasSize(4); // 2 files, lead.json, result
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theTallyCountsEachUnitsLeadsOfTheFilingYearByStepAndDecision(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            Lead opened = leads.file(filing("立案线索", "市司法局"));
            leads.acknowledge(opened.id(), "市检察院", "李检察官");
            leads.decide(opened.id(), LeadDecision.OPEN_CASE, "", "", "市检察院", "李检察官");
            leads.conclude(opened.id(), "已立案", Optional.empty(), "市检察院", "李检察官");
            Lead refused = leads.file(filing("不立案线索", "市司法局"));
            leads.acknowledge(refused.id(), "市检察院", "李检察官");
            leads.decide(refused.id(), LeadDecision.NO_CASE, "证据不足", "", "市检察院", "李检察官");
            Lead moved = leads.file(filing("移送线索", "市公安局"));
            leads.acknowledge(moved.id(), "市检察院", "李检察官");
            leads.decide(moved.id(), LeadDecision.TRANSFER, "", "市监察委员会", "市检察院", "李检察官");
            Lead reviewed = leads.file(filing("审查中线索", "市公安局"));
            leads.acknowledge(reviewed.id(), "市检察院", "李检察官");
            leads.file(filing("待受理线索", "市公安局"));
            // 2024-12-31 16:30 UTC is 2025-01-01 00:30 in Shanghai: a lead of 2025
            fixture.clock.advanceTo(java.time.Instant.parse("2024-12-31T16:30:00Z"));
            leads.file(filing("次年线索", "市公安局"));

            List<LeadTally> tally2024 = leads.tally(2024, Optional.empty());
            List<LeadTally> tally2025 = leads.tally(2025, Optional.empty());
            List<LeadTally> sentToProcuratorate = leads.tally(2024, Optional.of(java.util.Set.of("jm-procuratorate")));
            List<LeadTally> sentElsewhere = leads.tally(2024, Optional.of(java.util.Set.of("jm-gov")));
            List<LeadTally> noUnits = leads.tally(2024, Optional.of(java.util.Set.of()));

            assertThat(tally2024).extracting(t -> t.unit().id(), LeadTally::sent, LeadTally::awaiting, LeadTally::undecided,
                            LeadTally::openCase, LeadTally::noCase, LeadTally::transferred, LeadTally::concluded)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("jm-justice", 2L, 0L, 0L, 1L, 1L, 0L, 1L),
                            org.assertj.core.groups.Tuple.tuple("jm-police", 3L, 1L, 1L, 0L, 0L, 1L, 0L));
            assertThat(tally2024).filteredOn(t -> t.unit().id().equals("jm-justice")).singleElement()
                    .extracting(LeadTally::decided).isEqualTo(2L);
            assertThat(tally2025).extracting(t -> t.unit().id(), LeadTally::sent, LeadTally::awaiting)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("jm-police", 1L, 1L));
            assertThat(sentToProcuratorate).isEqualTo(tally2024);
            assertThat(sentElsewhere).isEmpty();
            assertThat(noUnits).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void stepsOutOfOrderAreRefusedWithTheReasonAndChangeNothing(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            Lead lead = leads.file(filing("关于违规占用耕地的线索", "市司法局"));
            long events = fixture.archive.auditEvents(0, 1000).size();

            assertThatThrownBy(() -> leads.decide(lead.id(), LeadDecision.OPEN_CASE, null, null, "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("尚未受理，请先受理");
            assertThatThrownBy(() -> leads.conclude(lead.id(), "结果", Optional.empty(), "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("尚未受理，不能反馈结果");
            assertThatThrownBy(() -> leads.acknowledge(lead.id(), "市公安局", "王"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("移送给 荆门市人民检察院");
            assertThat(leads.require(lead.id()).status()).isEqualTo(LeadStatus.FILED);
            assertThat(fixture.archive.auditEvents(0, 1000)).hasSize((int) events);

            leads.acknowledge(lead.id(), "市检察院", "李");
            assertThatThrownBy(() -> leads.acknowledge(lead.id(), "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("已受理，不能重复受理");
            assertThatThrownBy(() -> leads.conclude(lead.id(), "结果", Optional.empty(), "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("尚未作出处理决定");
            assertThatThrownBy(() -> leads.decide(lead.id(), LeadDecision.NO_CASE, " ", null, "市检察院", "李"))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("reason"))
                    .hasMessage("不立案须写明理由");
            assertThatThrownBy(() -> leads.decide(lead.id(), LeadDecision.TRANSFER, "不属本院管辖", "", "市检察院", "李"))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("transferTo"));
            assertThatThrownBy(() -> leads.decide(lead.id(), null, null, null, "市检察院", "李"))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("decision"));

            Lead transferred = leads.decide(lead.id(), LeadDecision.TRANSFER, "属于纪检监察机关管辖", "荆门市纪委监委",
                    "市检察院", "李");
            assertThat(transferred.transferredTo()).contains("荆门市纪委监委");
            assertThatThrownBy(() -> leads.decide(lead.id(), LeadDecision.OPEN_CASE, null, null, "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("已作出处理决定（移送其他机关）");
            leads.conclude(lead.id(), "已移送荆门市纪委监委。", Optional.empty(), "市检察院", "李");
            assertThatThrownBy(() -> leads.conclude(lead.id(), "再次反馈", Optional.empty(), "市检察院", "李"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("已反馈结果");
            assertThat(fixture.archive.verifyAudit().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void badFilingsAreRefusedNamingTheFieldAndAHostileAttachmentStoresNothing(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);

            assertThatThrownBy(() -> leads.file(new LeadFiling("市司法局", "张", "市公安局", LeadType.PUBLIC_INTEREST, "标题",
                    "事实", LeadDomain.ECOLOGY, "依据", List.of())))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("receivingUnit"));
            assertThatThrownBy(() -> leads.file(new LeadFiling("市司法局", "张", "市检察院", null, "标题", "事实",
                    LeadDomain.ECOLOGY, "依据", List.of())))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("type"));
            assertThatThrownBy(() -> leads.file(new LeadFiling("市司法局", "张", "市检察院", LeadType.PUBLIC_INTEREST,
                    "标题", "  ", LeadDomain.ECOLOGY, "依据", List.of())))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("facts"));
            assertThatThrownBy(() -> leads.file(new LeadFiling("市司法局", "张", "市检察院", LeadType.PUBLIC_INTEREST,
                    "标".repeat(101), "事实", LeadDomain.ECOLOGY, "依据", List.of())))
                    .isInstanceOfSatisfying(LeadInvalid.class, e -> assertThat(e.field()).isEqualTo("title"));
            assertThatThrownBy(() -> leads.file(filing("关于伪装文件的线索", "市司法局",
                    new UploadedFile("照片.png", TestFiles.png()), new UploadedFile("报告.pdf", TestFiles.exe()))))
                    .isInstanceOfSatisfying(FileRefused.class, e -> assertThat(e.fileName()).isEqualTo("报告.pdf"));

            assertThat(leads.list(LeadQuery.all(), 0, 100).total()).isZero();
            assertThat(fixture.objects("leads/")).isEmpty();
            assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM files WHERE lead_id IS NOT NULL", Integer.class))
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void registerNumbersAreGaplessUnderConcurrentAcknowledgementAndRestartEachYear(Database database) throws Exception {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(leads.file(filing("线索" + i, i % 2 == 0 ? "市司法局" : "市公安局")).id());
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            AtomicInteger refused = new AtomicInteger();
            List<Future<Optional<Lead>>> futures = new ArrayList<>();
            // Each lead is acknowledged by two threads at once: one wins, the other is refused, no number is lost.
            for (String id : ids) {
                for (int twice = 0; twice < 2; twice++) {
                    Callable<Optional<Lead>> ack = () -> {
                        try {
                            return Optional.of(leads.acknowledge(id, "市检察院", "并发受理"));
                        } catch (TransitionRefused e) {
                            refused.incrementAndGet();
                            return Optional.empty();
                        }
                    };
                    futures.add(pool.submit(ack));
                }
            }
            List<Lead> acknowledged = new ArrayList<>();
            for (Future<Optional<Lead>> future : futures) {
                future.get().ifPresent(acknowledged::add);
            }
            pool.shutdown();

            List<Integer> serials = new ArrayList<>(acknowledged.stream().map(l -> l.number().orElseThrow().serial()).toList());
            Collections.sort(serials);
            assertThat(refused.get()).isEqualTo(40);
            assertThat(serials).containsExactlyElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
            assertThat(leads.register("市检察院", Optional.of(2024))).extracting(Lead::numberText)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(n -> "荆检线索〔2024〕" + n + "号").toList());

            fixture.clock.advanceDays(366);
            Lead nextYear = leads.acknowledge(leads.file(filing("新年线索", "市司法局")).id(), "市检察院", "李");
            assertThat(nextYear.numberText()).isEqualTo("荆检线索〔2025〕1号");
            assertThat(fixture.archive.verifyAudit().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void procuratoratesWhoseNamesBeginAlikeShareOneSeriesAndNeverANumber(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            fixture.jdbc().update("INSERT INTO units (id, name, short_name, kind, parent_id) "
                    + "VALUES ('jz-procuratorate', '荆州市人民检察院', '荆州市检察院', 'PROCURATORATE', NULL)");
            Leads leads = Leads.of(fixture.archive);
            Lead jingmen = leads.file(filing("荆门收到的线索", "市司法局"));
            Lead jingzhou = leads.file(new LeadFiling("市司法局", "张联络员", "荆州市检察院", LeadType.PUBLIC_INTEREST,
                    "荆州收到的线索", "在日常执法检查中发现某企业向河道排放未经处理的污水。", LeadDomain.ECOLOGY,
                    "《中华人民共和国水污染防治法》第三十九条", List.of()));

            Lead first = leads.acknowledge(jingmen.id(), "市检察院", "李检察官");
            Lead second = leads.acknowledge(jingzhou.id(), "荆州市检察院", "赵检察官");

            assertThat(first.numberText()).isEqualTo("荆检线索〔2024〕1号");
            assertThat(second.numberText()).isEqualTo("荆检线索〔2024〕2号");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void tenAttachmentsKeepTheirUploadOrder(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            UploadedFile[] files = IntStream.rangeClosed(1, 10).mapToObj(n -> new UploadedFile("照片" + n + ".png",
                    TestFiles.png())).toArray(UploadedFile[]::new);

            Lead lead = leads.file(filing("十个附件的线索", "市司法局", files));

            assertThat(lead.evidence()).extracting(f -> f.name())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(n -> "照片" + n + ".png").toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aChangedLeadAttachmentIsReportedByTheFixityCheck(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            Lead lead = leads.file(filing("被篡改附件的线索", "市司法局", new UploadedFile("照片.png", TestFiles.png())));
            String key = lead.evidence().get(0).key();

            fixture.store.put(key, TestFiles.jpeg(), "image/png", java.util.Map.of());
            FixityReport report = fixture.archive.fixity(Optional.empty());

            assertThat(report.intact()).isFalse();
            assertThat(report.problems()).anySatisfy(p -> {
                assertThat(p.recordId()).isEqualTo(lead.id());
                assertThat(p.key()).isEqualTo(key);
                assertThat(p.description()).contains("内容已改变");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void listsNarrowToThePartiesOfEachLead(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Leads leads = Leads.of(fixture.archive);
            Lead fromJustice = leads.file(filing("司法局的线索", "市司法局"));
            Lead fromPolice = leads.file(filing("公安局的线索", "市公安局"));

            LeadQuery.Page justice = leads.list(LeadQuery.all().partiesAmong(java.util.Set.of("jm-justice")), 0, 10);
            LeadQuery.Page procuratorate = leads.list(LeadQuery.all().partiesAmong(java.util.Set.of("jm-procuratorate")), 0, 10);
            LeadQuery.Page nobody = leads.list(LeadQuery.all().partiesAmong(java.util.Set.of()), 0, 10);

            assertThat(justice.items()).extracting(Lead::id).containsExactly(fromJustice.id());
            assertThat(justice.total()).isEqualTo(1);
            assertThat(procuratorate.items()).extracting(Lead::id).containsExactlyInAnyOrder(fromJustice.id(), fromPolice.id());
            assertThat(nobody.total()).isZero();
            assertThatThrownBy(() -> leads.list(LeadQuery.all(), -1, 10)).isInstanceOf(LeadInvalid.class);
        }
    }
}
