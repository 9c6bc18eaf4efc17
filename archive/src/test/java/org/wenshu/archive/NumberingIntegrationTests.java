package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NumberingIntegrationTests {

    @ParameterizedTest
    @EnumSource(Database.class)
    void numbersAreGaplessUnderConcurrentIssuing(Database database) throws Exception {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<InstrumentRecord>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<InstrumentRecord> issued = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        IssueRequest request = ArchiveFixture.suggestion("关于第" + thread + "组第" + i + "件的检察建议", "市公安局");
                        issued.add(fixture.archive.issue(request, TestPdfs.producer()));
                    }
                    return issued;
                }));
            }
            List<InstrumentRecord> all = new ArrayList<>();
            for (Future<List<InstrumentRecord>> future : futures) {
                all.addAll(future.get());
            }
            pool.shutdown();

            List<Integer> serials = new ArrayList<>(all.stream().map(r -> r.number().serial()).toList());
            Collections.sort(serials);
            assertThat(serials).containsExactlyElementsOf(IntStream.rangeClosed(1, 400).boxed().toList());
            assertThat(all).extracting(r -> r.number().text()).doesNotHaveDuplicates().contains("荆检行建〔2024〕400号");
            List<RegisterEntry> register = fixture.archive.register(Optional.of("市检察院"), Optional.of(2024));
            assertThat(register).hasSize(400).allMatch(e -> e.state() == RegisterEntry.State.ISSUED);
            assertThat(fixture.archive.fixity(Optional.empty()).intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aStorageFailureVoidsExactlyOneNumberAndTheRegisterShowsIt(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            for (int i = 1; i <= 3; i++) {
                fixture.archive.issue(ArchiveFixture.suggestion("建议" + i, "市司法局"), TestPdfs.producer());
            }

            fixture.stopStorage();
            assertThatThrownBy(() -> fixture.archive.issue(ArchiveFixture.suggestion("建议4", "市司法局"), TestPdfs.producer()))
                    .isInstanceOf(IssuingFailed.class)
                    .hasMessageContaining("荆检行建〔2024〕4号 已作废")
                    .hasMessageContaining("对象存储写入失败");
            fixture.restartStorage();
            InstrumentRecord fifth = fixture.archive.issue(ArchiveFixture.suggestion("建议5", "市司法局"), TestPdfs.producer());

            assertThat(fifth.number().text()).isEqualTo("荆检行建〔2024〕5号");
            List<RegisterEntry> register = fixture.archive.register(Optional.empty(), Optional.empty());
            assertThat(register).extracting(e -> e.number().serial()).containsExactly(1, 2, 3, 4, 5);
            assertThat(register).filteredOn(e -> e.state() == RegisterEntry.State.VOID)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.number().text()).isEqualTo("荆检行建〔2024〕4号");
                        assertThat(e.title()).isEqualTo("建议4");
                        assertThat(e.voidReason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("对象存储写入失败"));
                        assertThat(fixture.archive.find(e.recordId())).isEmpty();
                    });
            assertThat(fixture.archive.records(0, 100)).extracting(r -> r.number().serial()).containsExactly(1, 2, 3, 5);
            assertThat(fixture.archive.auditEvents(0, 100)).extracting(AuditEvent::action)
                    .containsExactly("ISSUED", "ISSUED", "ISSUED", "NUMBER_VOIDED", "ISSUED");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void theRegisterIsPagedAndCountedInTheDatabaseForTheGivenUnitsOnly(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            for (int i = 1; i <= 3; i++) {
                fixture.archive.issue(ArchiveFixture.suggestion("建议" + i, "市司法局"), TestPdfs.producer());
            }
            fixture.stopStorage();
            assertThatThrownBy(() -> fixture.archive.issue(ArchiveFixture.suggestion("建议4", "市司法局"), TestPdfs.producer()))
                    .isInstanceOf(IssuingFailed.class);
            fixture.restartStorage();
            fixture.archive.issue(ArchiveFixture.suggestion("建议5", "市司法局"), TestPdfs.producer());
            String unit = fixture.archive.register(Optional.empty(), Optional.empty()).get(0).issuingUnit();

            RegisterEntry.Page second = fixture.archive.register(Optional.of(List.of(unit)), Optional.of(2024),
                    Optional.empty(), 2, 2);
            assertThat(second.items()).extracting(e -> e.number().serial()).containsExactly(3, 4);
            assertThat(second.total()).isEqualTo(5);
            assertThat(fixture.archive.register(Optional.empty(), Optional.empty(), Optional.empty(), 4, 10).items())
                    .extracting(e -> e.number().serial()).containsExactly(5);
            RegisterEntry.Page voided = fixture.archive.register(Optional.of(List.of("no-such-unit", unit)),
                    Optional.empty(), Optional.of(RegisterEntry.State.VOID), 0, 10);
            assertThat(voided.items()).extracting(e -> e.number().text()).containsExactly("荆检行建〔2024〕4号");
            assertThat(voided.total()).isEqualTo(1);
            assertThat(fixture.archive.register(Optional.of(List.of()), Optional.empty(), Optional.empty(), 0, 10))
                    .satisfies(none -> {
                        assertThat(none.items()).isEmpty();
                        assertThat(none.total()).isZero();
                    });
            assertThat(fixture.archive.register(Optional.of(List.of("no-such-unit")), Optional.empty(),
                    Optional.empty(), 0, 10).total()).isZero();
            assertThat(fixture.archive.register(Optional.of(List.of(unit)), Optional.of(2023), Optional.empty(), 0, 10)
                    .total()).isZero();
            assertThatThrownBy(() -> fixture.archive.register(Optional.empty(), Optional.empty(), Optional.empty(), -1, 10))
                    .isInstanceOf(RequestInvalid.class);
            assertThatThrownBy(() -> fixture.archive.register(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0))
                    .isInstanceOf(RequestInvalid.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aFailingProducerVoidsTheNumberWithItsReasonAndLeavesNoObjects(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentProducer failing = number -> {
                throw new IllegalStateException("签章证书已过期");
            };

            assertThatThrownBy(() -> fixture.archive.issue(ArchiveFixture.suggestion("建议", "市教育局"), failing))
                    .isInstanceOf(IssuingFailed.class)
                    .hasMessage("发文失败，编号 荆检行建〔2024〕1号 已作废: 生成或签署文书失败: 签章证书已过期");

            RegisterEntry entry = fixture.archive.register(Optional.empty(), Optional.empty()).get(0);
            assertThat(entry.state()).isEqualTo(RegisterEntry.State.VOID);
            assertThat(entry.voidReason()).contains("生成或签署文书失败: 签章证书已过期");
            assertThat(fixture.objects("instruments/")).isEmpty();
            InstrumentRecord next = fixture.archive.issue(ArchiveFixture.suggestion("建议", "市教育局"), TestPdfs.producer());
            assertThat(next.number().serial()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aRetryWithTheSameKeyReturnsTheSameRecord(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            IssueRequest request = ArchiveFixture.suggestion("关于校园周边安全的检察建议", "市教育局");

            InstrumentRecord first = fixture.archive.issue(request.withKey("client-42"), TestPdfs.producer());
            InstrumentRecord again = fixture.archive.issue(request.withKey("client-42"), number -> {
                throw new AssertionError("a retry must not render again");
            });
            InstrumentRecord derived = fixture.archive.issue(request, TestPdfs.producer());
            InstrumentRecord derivedAgain = fixture.archive.issue(request, TestPdfs.producer());

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.number().text()).isEqualTo("荆检行建〔2024〕1号");
            assertThat(derived.id()).isNotEqualTo(first.id());
            assertThat(derivedAgain.id()).isEqualTo(derived.id());
            assertThat(derived.idempotencyKey()).startsWith("sha256:").hasSize(71);
            assertThat(fixture.archive.register(Optional.empty(), Optional.empty())).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void issuingStoresThePdfAndARecordJsonWithTheHashes(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("关于规范执法的检察建议", "市公安局"),
                    TestPdfs.producer());

            assertThat(record.status()).isEqualTo(RecordStatus.ISSUED);
            assertThat(record.dueDate()).contains(java.time.LocalDate.of(2024, 5, 1));
            assertThat(record.recipients()).extracting(Unit::name).containsExactly("荆门市公安局");
            assertThat(record.copiedUnits()).extracting(Unit::name).containsExactly("荆门市人民政府");
            String base = "instruments/2024/" + record.id() + "/";
            assertThat(record.objects()).extracting(StoredFile::key).containsExactly(base + "instrument.pdf", base + "record.json");
            byte[] pdf = fixture.archive.read(base + "instrument.pdf").orElseThrow();
            assertThat(Hashes.sha256(pdf)).isEqualTo(record.objects().get(0).sha256());
            Map<String, Object> json = Json.readMap(fixture.archive.read(base + "record.json").orElseThrow());
            assertThat(json).containsEntry("number", "荆检行建〔2024〕1号").containsEntry("title", "关于规范执法的检察建议");
            assertThat(json.get("files").toString()).contains(record.objects().get(0).sha256());
            assertThat(fixture.store.stat(base + "instrument.pdf").orElseThrow().metadata())
                    .containsEntry("sha256", record.objects().get(0).sha256())
                    .containsEntry("record-id", record.id());
            assertThat(fixture.archive.changesSince(0, 10)).extracting(RecordChange::recordId).containsExactly(record.id());
        }
    }

    private static IssueRequest reminder(String issuingUnit, String title, String recipient) {
        return new IssueRequest("reply-reminder", "督促回复函", title, issuingUnit, List.of(recipient), List.of(),
                "荆检行督", 2024, ReplyTerm.standard(false), false, Map.of("earlierNumber", title), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void twoUnitsNumberingWithOnePrefixDrawFromOneSeries(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            for (int i = 1; i <= 3; i++) {
                fixture.archive.issue(reminder("府检联动办", "办公室的第" + i + "份督促函", "市司法局"), TestPdfs.producer());
            }

            InstrumentRecord procuratorate = fixture.archive.issue(reminder("市检察院", "检察院的督促函", "市公安局"),
                    TestPdfs.producer());

            assertThat(procuratorate.number().text()).isEqualTo("荆检行督〔2024〕4号");
            assertThat(fixture.archive.register(Optional.empty(), Optional.of(2024)))
                    .extracting(e -> e.number().serial()).containsExactlyInAnyOrder(1, 2, 3, 4);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aNumberAlreadyInTheRegisterIsRefusedInWordsAndTakesNoNumber(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            // A register ahead of its counter, as a database restored from inconsistent copies leaves it.
            fixture.jdbc().update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, "
                    + "record_id, type_id, title, reserved_at) VALUES ('jm-procuratorate', '荆检行建', 2024, 1, "
                    + "'荆检行建〔2024〕1号', 'VOID', 'restored-1', 'procuratorial-suggestion', '恢复的登记', ?)",
                    java.time.OffsetDateTime.parse("2024-02-01T10:00:00+08:00"));

            assertThatThrownBy(() -> fixture.archive.issue(ArchiveFixture.suggestion("建议1", "市司法局"), TestPdfs.producer()))
                    .isInstanceOf(NumberTaken.class)
                    .hasMessageContaining("发文字号 荆检行建〔2024〕1号 已由荆门市人民检察院登记")
                    .hasMessageNotContaining("SQL").hasMessageNotContaining("register_entries");

            assertThat(fixture.jdbc().queryForObject("SELECT last_serial FROM number_counters WHERE prefix = '荆检行建'",
                    Integer.class)).isZero();
            assertThat(fixture.archive.register(Optional.empty(), Optional.empty())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aSeriesTwoUnitsSharedBeforeContinuesAfterItsHighestNumber(Database database) {
        // The register of a database numbered per unit (V11): the office took 荆检行督〔2024〕1–3号 while the
        // procuratorate's own counter for that prefix stayed at 0.
        try (ArchiveFixture fixture = new ArchiveFixture(database, dataSource -> {
            org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/archive")
                    .table("archive_schema_history").target("11").load().migrate();
            org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
            jdbc.update("INSERT INTO number_sequences (issuing_unit, prefix, num_year, last_serial) "
                    + "VALUES ('jm-coordination-office', '荆检行督', 2024, 3)");
            jdbc.update("INSERT INTO number_sequences (issuing_unit, prefix, num_year, last_serial) "
                    + "VALUES ('jm-procuratorate', '荆检行督', 2024, 0)");
            for (int serial = 1; serial <= 3; serial++) {
                jdbc.update("INSERT INTO register_entries (issuing_unit, prefix, num_year, serial, number_text, state, "
                        + "record_id, type_id, title, reserved_at) VALUES ('jm-coordination-office', '荆检行督', 2024, ?, ?, "
                        + "'VOID', ?, 'reply-reminder', '督促函', ?)", serial, "荆检行督〔2024〕" + serial + "号",
                        "legacy-" + serial, java.time.OffsetDateTime.parse("2024-02-01T10:00:00+08:00"));
            }
        })) {

            InstrumentRecord procuratorate = fixture.archive.issue(reminder("市检察院", "检察院的督促函", "市公安局"),
                    TestPdfs.producer());

            assertThat(procuratorate.number().text()).isEqualTo("荆检行督〔2024〕4号");
        }
    }
}
