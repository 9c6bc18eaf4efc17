package org.wenshu.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wenshu.archive.uploads.FileRefused;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseUploadIntegrationTests {

    private ArchiveFixture fixture;
    private InstrumentRecord record;

    @BeforeAll
    void issueAndDeliver() {
        fixture = new ArchiveFixture(Database.H2);
        InstrumentRecord issued = fixture.archive.issue(ArchiveFixture.suggestion("关于加强校园周边安全管理的检察建议", "市教育局"),
                TestPdfs.producer());
        record = fixture.archive.deliver(issued.id(), DeliveryMethod.DIRECT, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    static Stream<Arguments> badUploads() {
        return Stream.of(
                Arguments.of("空文件.pdf", new byte[0], "文件为空（0 字节）"),
                Arguments.of("过大.pdf", new byte[(20 << 20) + 1], "超过单个文件上限 20971520 字节"),
                Arguments.of("加密.pdf", TestPdfs.encrypted("secret reply", "pw"), "PDF 已加密（需要口令才能打开）"),
                Arguments.of("加密.docx", TestFiles.encryptedDocx(), "文件已加密（受口令保护的 Office 文档）"),
                Arguments.of("损坏.pdf", TestFiles.corruptPdf(), "文件已损坏"),
                Arguments.of("损坏.png", TestFiles.truncatedPng(), "文件已损坏：PNG"),
                Arguments.of("整改报告.pdf", TestFiles.exe(), "文件名为 .pdf，但内容是"),
                Arguments.of("炸弹.docx", TestFiles.docxBomb(), "疑似压缩炸弹"),
                Arguments.of("图片.pdf", TestFiles.png(), "文件扩展名 .pdf 与内容类型 image/png 不符"),
                Arguments.of("说明.txt", "纯文本回复".getBytes(java.nio.charset.StandardCharsets.UTF_8), "不支持的文件类型"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void refusesABadUploadWithItsReasonAndLeavesNothingBehind(String name, byte[] content, String reason) {
        List<String> objectsBefore = fixture.objects("instruments/");
        ResponseSubmission submission = new ResponseSubmission(record.id(), "市教育局", "已开展专项整治", "已整改完毕",
                Adoption.ADOPTED, List.of(new UploadedFile("整改报告.pdf", TestPdfs.withText("report")),
                new UploadedFile(name, content)));

        assertThatThrownBy(() -> fixture.archive.respond(submission))
                .isInstanceOf(FileRefused.class)
                .hasMessageStartingWith("文件「" + name + "」被拒收: ")
                .hasMessageContaining(reason);

        assertThat(fixture.objects("instruments/")).isEqualTo(objectsBefore);
        assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM responses", Integer.class)).isZero();
        assertThat(fixture.archive.find(record.id()).orElseThrow().status()).isEqualTo(RecordStatus.DELIVERED);
    }

    @Test
    void refusesAResponseOverTheTotalSizeLimit() {
        byte[] big = new byte[15 << 20];
        List<UploadedFile> files = List.of(new UploadedFile("a.pdf", big), new UploadedFile("b.pdf", big),
                new UploadedFile("c.pdf", big), new UploadedFile("d.pdf", big));

        assertThatThrownBy(() -> fixture.archive.respond(new ResponseSubmission(record.id(), "市教育局", "措施", "结果",
                Adoption.ADOPTED, files)))
                .isInstanceOf(RequestInvalid.class)
                .hasMessage("附件合计 62914560 字节，超过每次回复上限 52428800 字节");
    }

    @Test
    void aUnitNameWithAnInvisibleCharacterIsRefusedNamingTheCodePoint() {
        ResponseSubmission submission = new ResponseSubmission(record.id(), "市教育局\u200B", "措施", "结果",
                Adoption.ADOPTED, List.of(new UploadedFile("回复.pdf", TestPdfs.withText("report"))));

        assertThatThrownBy(() -> fixture.archive.respond(submission))
                .isInstanceOf(RequestInvalid.class)
                .hasMessage("回复单位「市教育局」含有不可见字符 U+200B，请删除后重试");
        assertThatThrownBy(() -> fixture.archive.issue(ArchiveFixture.suggestion("关于加强食品安全监管的检察建议",
                "市\u2060教育局"), TestPdfs.producer()))
                .isInstanceOf(RequestInvalid.class)
                .hasMessage("主送单位「市教育局」含有不可见字符 U+2060，请删除后重试");
        assertThat(fixture.jdbc().queryForObject("SELECT COUNT(*) FROM responses WHERE instrument_id = ?", Integer.class,
                record.id())).isZero();
    }

    @Test
    void fileNamesNeverReachObjectKeys() {
        InstrumentRecord other = fixture.archive.deliver(fixture.archive.issue(
                ArchiveFixture.suggestion("关于规范校外培训的检察建议", "市教育局"), TestPdfs.producer()).id(),
                DeliveryMethod.MAIL, LocalDate.of(2024, 3, 1), Optional.empty(), "市检察院");

        StoredResponse response = fixture.archive.respond(new ResponseSubmission(other.id(), "市教育局", "措施", "结果",
                Adoption.PARTLY_ADOPTED, List.of(new UploadedFile("../../etc/passwd\u0000回复 扫描件.png", TestFiles.png()))));

        ResponseFile file = response.files().get(0);
        assertThat(file.originalName()).isEqualTo("passwd_回复 扫描件.png");
        assertThat(file.stored().key()).isEqualTo("instruments/2024/" + other.id() + "/responses/" + response.id()
                + "/1-attachment.png");
        assertThat(file.stored().mediaType()).isEqualTo("image/png");
    }
}
