package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleIntegrationTests {

    @ParameterizedTest
    @EnumSource(Database.class)
    void anInstrumentIsDeliveredAnsweredAndClosed(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Archive archive = fixture.archive;
            InstrumentRecord issued = archive.issue(ArchiveFixture.suggestion("关于整治电信网络诈骗的检察建议", "市公安局"),
                    TestPdfs.producer());

            fixture.clock.advanceDays(5);
            InstrumentRecord delivered = archive.deliver(issued.number().text(), DeliveryMethod.ELECTRONIC,
                    LocalDate.of(2024, 3, 5), Optional.of("经政务内网送达"), "市检察院");
            StoredResponse response = archive.respond(new ResponseSubmission(issued.id(), "荆门市公安局",
                    "开展反诈专项行动", "已拦截涉诈电话一千余次", Adoption.ADOPTED, List.of(
                    new UploadedFile("整改报告.pdf", TestPdfs.withText("Rectification report 2024")),
                    new UploadedFile("整改说明.docx", TestFiles.docx("整改措施已全部落实")),
                    new UploadedFile("回复函.ofd", TestFiles.ofd("荆门市公安局关于检察建议的回复")),
                    new UploadedFile("签收单.jpg", TestFiles.jpeg()))));
            InstrumentRecord closed = archive.close(issued.id(), Adoption.ADOPTED, "整改到位，跟踪回访一次", Optional.empty(), "市检察院");

            assertThat(delivered.status()).isEqualTo(RecordStatus.DELIVERED);
            assertThat(delivered.dueDate()).contains(LocalDate.of(2024, 5, 5));
            assertThat(delivered.delivery()).hasValueSatisfying(d -> assertThat(d.method()).isEqualTo(DeliveryMethod.ELECTRONIC));
            assertThat(response.files()).extracting(f -> f.stored().mediaType()).containsExactly(
                    "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/ofd", "image/jpeg");
            assertThat(response.files().get(0).text()).contains("Rectification report 2024");
            assertThat(response.files().get(1).text()).contains("整改措施已全部落实");
            assertThat(response.files().get(2).text()).contains("荆门市公安局关于检察建议的回复");
            assertThat(response.files().get(3).text()).isEmpty();
            Map<String, Object> json = Json.readMap(archive.read(response.responseJson().key()).orElseThrow());
            assertThat(json).containsEntry("measures", "开展反诈专项行动").containsEntry("adoption", "ADOPTED");
            assertThat(json.get("files").toString()).contains(response.files().get(1).stored().sha256()).contains("整改说明.docx");
            assertThat(archive.text(response.files().get(1).stored().key())).hasValueSatisfying(t -> assertThat(t).contains("整改措施"));
            assertThat(closed.status()).isEqualTo(RecordStatus.CLOSED);
            assertThat(closed.closing()).hasValueSatisfying(c -> {
                assertThat(c.evaluation()).isEqualTo(Adoption.ADOPTED);
                assertThat(c.note()).isEqualTo("整改到位，跟踪回访一次");
            });
            assertThat(closed.objects()).extracting(StoredFile::key).anyMatch(k -> k.endsWith("events/001-delivered.json"))
                    .anyMatch(k -> k.endsWith("events/002-closed.json"));
            assertThat(archive.auditEvents(0, 100)).extracting(AuditEvent::action)
                    .containsExactly("ISSUED", "DELIVERED", "RESPONDED", "CLOSED");
            assertThat(archive.verifyAudit().intact()).isTrue();
            FixityReport fixity = archive.fixity(Optional.of(issued.id()));
            assertThat(fixity.problems()).isEmpty();
            assertThat(fixity.objectsChecked()).isEqualTo(2 + 2 + 4 + 1);
            assertThat(archive.changesSince(0, 100)).extracting(RecordChange::kind)
                    .containsExactly("INSTRUMENT", "INSTRUMENT", "RESPONSE", "INSTRUMENT");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aResponseForAnInstrumentAddressedToUnitACannotBeFiledByUnitB(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("关于社区矫正的检察建议", "市公安局"),
                    TestPdfs.producer());
            fixture.archive.deliver(record.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
            List<String> before = fixture.objects("instruments/");

            assertThatThrownBy(() -> fixture.archive.respond(new ResponseSubmission(record.id(), "市司法局", "措施", "结果",
                    Adoption.ADOPTED, List.of(new UploadedFile("回复.pdf", TestPdfs.withText("reply"))))))
                    .isInstanceOf(NotAddressee.class)
                    .hasMessage("文书 荆检行建〔2024〕1号 的主送单位是 荆门市公安局，荆门市司法局 无权对其回复");
            // 抄送 is not 主送 either
            assertThatThrownBy(() -> fixture.archive.respond(new ResponseSubmission(record.id(), "市政府", "措施", "结果",
                    Adoption.ADOPTED, List.of(new UploadedFile("回复.pdf", TestPdfs.withText("reply"))))))
                    .isInstanceOf(NotAddressee.class);

            assertThat(fixture.objects("instruments/")).isEqualTo(before);
            assertThat(fixture.archive.responses(record.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void overdueIsComputedFromDeliveryAndThePeriod(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            IssueRequest urgent = new IssueRequest("procuratorial-suggestion", "检察建议书", "紧急检察建议", "市检察院",
                    List.of("市卫健委"), List.of(), "荆检行建", 2024, ReplyTerm.standard(true), true, Map.of("x", 1), Optional.empty());
            IssueRequest meeting = new IssueRequest("meeting-notice", "联席会议通知", "召开府检联动联席会议的通知", "市检察院",
                    List.of("市公安局", "市司法局"), List.of(), "荆检办", 2024, ReplyTerm.by(LocalDate.of(2024, 3, 20)), false,
                    Map.of("会议时间", "2024-03-25"), Optional.empty());
            InstrumentRecord a = fixture.archive.issue(urgent, TestPdfs.producer());
            InstrumentRecord b = fixture.archive.issue(meeting, TestPdfs.producer());
            fixture.clock.advanceDays(1); // 2024-03-02
            fixture.archive.deliver(a.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 2), Optional.empty(), "市检察院");
            fixture.archive.deliver(b.id(), DeliveryMethod.ELECTRONIC, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");

            fixture.clock.advanceDays(15); // 2024-03-17
            InstrumentRecord urgentNow = fixture.archive.find(a.id()).orElseThrow();
            InstrumentRecord meetingNow = fixture.archive.find(b.id()).orElseThrow();
            LocalDate today = fixture.archive.today();

            assertThat(urgentNow.dueDate()).contains(LocalDate.of(2024, 3, 17));
            assertThat(urgentNow.overdue(today)).isFalse();
            assertThat(urgentNow.overdue(today.plusDays(1))).isTrue();
            assertThat(urgentNow.displayStatus(today.plusDays(1))).isEqualTo("OVERDUE");
            assertThat(urgentNow.status()).isEqualTo(RecordStatus.DELIVERED);
            assertThat(meetingNow.dueDate()).contains(LocalDate.of(2024, 3, 20));
            assertThat(meetingNow.overdue(LocalDate.of(2024, 3, 21))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aNoticeToSeveralUnitsIsRespondedOnceEveryAddresseeHasAnswered(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            IssueRequest meeting = new IssueRequest("meeting-notice", "联席会议通知", "召开府检联动联席会议的通知", "市检察院",
                    List.of("市公安局", "市司法局"), List.of(), "荆检办", 2024, ReplyTerm.by(LocalDate.of(2024, 3, 20)), false,
                    Map.of("会议时间", "2024-03-25"), Optional.empty());
            InstrumentRecord notice = fixture.archive.issue(meeting, TestPdfs.producer());
            fixture.archive.deliver(notice.id(), DeliveryMethod.ELECTRONIC, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");

            fixture.archive.respond(new ResponseSubmission(notice.id(), "市公安局", "派员参会", "已确定参会人员",
                    Adoption.ADOPTED, List.of(new UploadedFile("回执.pdf", TestPdfs.withText("receipt police")))));
            RecordStatus afterOne = fixture.archive.find(notice.id()).orElseThrow().status();
            fixture.archive.respond(new ResponseSubmission(notice.id(), "市司法局", "派员参会", "已确定参会人员",
                    Adoption.ADOPTED, List.of(new UploadedFile("回执.png", TestFiles.png()))));
            RecordStatus afterBoth = fixture.archive.find(notice.id()).orElseThrow().status();

            assertThat(afterOne).isEqualTo(RecordStatus.DELIVERED);
            assertThat(afterBoth).isEqualTo(RecordStatus.RESPONDED);
            assertThat(fixture.archive.responses(notice.id())).extracting(r -> r.unit().shortName())
                    .containsExactlyInAnyOrder("市公安局", "市司法局");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void everyTransitionIsChecked(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            Archive archive = fixture.archive;
            InstrumentRecord record = archive.issue(ArchiveFixture.suggestion("关于欠薪治理的检察建议", "市人社局"), TestPdfs.producer());

            assertThatThrownBy(() -> archive.respond(new ResponseSubmission(record.id(), "市人社局", "措施", "结果",
                    Adoption.ADOPTED, List.of(new UploadedFile("r.pdf", TestPdfs.withText("r"))))))
                    .isInstanceOf(TransitionRefused.class).hasMessage("文书 荆检行建〔2024〕1号 尚未登记送达，不能回复");
            assertThatThrownBy(() -> archive.deliver(record.id(), DeliveryMethod.MAIL, LocalDate.of(2024, 3, 1), Optional.empty(), "市人社局"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("荆门市人力资源和社会保障局 不是文书 荆检行建〔2024〕1号 的发文单位");
            assertThatThrownBy(() -> archive.deliver(record.id(), DeliveryMethod.MAIL, LocalDate.of(2024, 2, 1), Optional.empty(), "市检察院"))
                    .isInstanceOf(RequestInvalid.class).hasMessage("送达日期 2024-02-01 早于发文日期 2024-03-01");
            archive.deliver(record.id(), DeliveryMethod.MAIL, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
            assertThatThrownBy(() -> archive.deliver(record.id(), DeliveryMethod.MAIL, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("当前状态为「已送达」");
            assertThatThrownBy(() -> archive.close(record.id(), Adoption.NOT_ADOPTED, "", Optional.empty(), "市检察院"))
                    .isInstanceOf(TransitionRefused.class).hasMessageContaining("未回复而办结须写明理由");
            InstrumentRecord closed = archive.close(record.id(), Adoption.NOT_ADOPTED, "", Optional.of("逾期未回复，已移送上级督办"), "市检察院");
            assertThat(closed.closing().orElseThrow().note()).isEqualTo("未回复办结理由：逾期未回复，已移送上级督办");
            assertThatThrownBy(() -> archive.withdraw(record.id(), "误发", "市检察院"))
                    .isInstanceOf(TransitionRefused.class).hasMessage("文书 荆检行建〔2024〕1号 当前状态为「已办结」，不能撤回");

            InstrumentRecord second = archive.issue(ArchiveFixture.suggestion("关于另一事项的检察建议", "市人社局"), TestPdfs.producer());
            InstrumentRecord withdrawn = archive.withdraw(second.id(), "事实认定有误，撤回重发", "市检察院");
            assertThat(withdrawn.status()).isEqualTo(RecordStatus.WITHDRAWN);
            assertThat(withdrawn.withdrawReason()).contains("事实认定有误，撤回重发");
            assertThat(withdrawn.overdue(LocalDate.of(2030, 1, 1))).isFalse();
            assertThat(archive.verifyAudit().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void auditVerificationFindsAChangedAndADeletedEvent(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            for (int i = 0; i < 4; i++) {
                fixture.archive.issue(ArchiveFixture.suggestion("建议" + i, "市民政局"), TestPdfs.producer());
            }
            assertThat(fixture.archive.verifyAudit()).isEqualTo(new AuditReport(4, List.of()));

            fixture.jdbc().update("UPDATE audit_events SET actor = '某人' WHERE seq = 2");
            assertThat(fixture.archive.verifyAudit().problems()).containsExactly("审计事件 2 的内容已被改动（哈希不符）");

            fixture.jdbc().update("DELETE FROM audit_events WHERE seq = 2");
            assertThat(fixture.archive.verifyAudit().problems()).containsExactly("审计事件 2 缺失（已被删除）",
                    "审计事件 3 的前序哈希与上一事件不符（链条断裂）");

            fixture.jdbc().update("DELETE FROM audit_events WHERE seq = 4");
            assertThat(fixture.archive.verifyAudit().problems()).contains("审计链末端应为事件 4，实际为 3（尾部事件被删除）");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void fixityFindsAChangedAndAMissingObject(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            InstrumentRecord record = fixture.archive.issue(ArchiveFixture.suggestion("建议", "市农业农村局"), TestPdfs.producer());
            StoredFile pdf = record.objects().get(0);
            StoredFile json = record.objects().get(1);

            fixture.store.put(pdf.key(), TestPdfs.withText("forged"), "application/pdf", Map.of());
            fixture.store.delete(json.key());
            FixityReport report = fixture.archive.fixity(Optional.empty());

            assertThat(report.intact()).isFalse();
            assertThat(report.problems()).extracting(FixityReport.Problem::key).containsExactly(pdf.key(), json.key());
            assertThat(report.problems().get(0).description()).startsWith("内容已改变：登记的 SHA-256 为 " + pdf.sha256());
            assertThat(report.problems().get(1).description()).isEqualTo("对象缺失");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void aReferenceIsStoredOnceAndFollowsInTheChangeLog(Database database) {
        try (ArchiveFixture fixture = new ArchiveFixture(database)) {
            byte[] law = "中华人民共和国行政诉讼法\n第二十五条 人民检察院在履行职责中发现……".getBytes(StandardCharsets.UTF_8);

            ReferenceDocument first = fixture.archive.storeReference("laws/行政诉讼法.txt", law, "text/plain; charset=utf-8");
            ReferenceDocument again = fixture.archive.storeReference("laws/行政诉讼法.txt", law, "text/plain; charset=utf-8");
            ReferenceDocument elsewhere = fixture.archive.storeReference("mirror/行政诉讼法.txt", law, "text/plain; charset=utf-8");

            assertThat(again).isEqualTo(first);
            assertThat(elsewhere.id()).isNotEqualTo(first.id());
            assertThat(elsewhere.key()).isEqualTo(first.key()).startsWith("references/" + first.contentSha256() + "/");
            assertThat(fixture.archive.read(first.key())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(law));
            assertThat(fixture.store.stat(first.key()).orElseThrow().contentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
            assertThat(fixture.archive.text(first.key())).hasValueSatisfying(t -> assertThat(t).contains("第二十五条"));
            assertThat(fixture.archive.changesSince(0, 10)).extracting(RecordChange::recordId).containsExactly(first.id(), elsewhere.id());
            assertThat(fixture.archive.fixity(Optional.empty()).intact()).isTrue();
        }
    }
}
