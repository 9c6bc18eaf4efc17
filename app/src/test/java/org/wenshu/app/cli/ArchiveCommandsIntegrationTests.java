package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.wenshu.app.TestPdfs;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli.Run;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The archive commands end to end on embedded defaults (H2 file, embedded S3) in a temporary WENSHU_HOME. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveCommandsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeAll
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-cli-test");
        cli = InProcessCli.start(home);
        context = cli.context();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path path = home.resolve(name);
        Files.write(path, content);
        return path;
    }

    /** The shipped example suggestion with another title and recipient; the archive assigns the number. */
    private Path data(String title, String recipient) throws IOException {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "procuratorial-suggestion.json").toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", title);
        fields.put("recipient", recipient);
        return file(title + ".json", JSON.writeValueAsBytes(fields));
    }

    @Test
    void aNewcomerIssuesDeliversAnswersAndClosesAnInstrument() throws IOException {
        Run issued = cli.run("issue", "--type", "procuratorial-suggestion", "--data",
                data("关于加强校园周边安全管理的检察建议", "市教育局").toString(), "--key", "cli-1", "--json");

        assertThat(issued.exitCode()).as(issued.err()).isZero();
        Map<String, Object> record = issued.json();
        String id = (String) record.get("id");
        assertThat(record).containsEntry("status", "ISSUED").containsKey("dueDate");
        assertThat((String) record.get("number")).matches("荆检行建〔\\d{4}〕\\d+号");
        assertThat((List<?>) record.get("objects")).hasSize(2).allSatisfy(o ->
                assertThat(((Map<?, ?>) o).keySet().toString()).contains("key", "sha256", "size"));
        // The CLI issues through the archive like the web: the PDF prints the record's verification code.
        org.wenshu.archive.Archive archive = context.getBean(org.wenshu.archive.Archive.class);
        String code = archive.verificationCode(id).orElseThrow();
        assertThat(pdfText(archive.read(archive.find(id).orElseThrow().objects().stream().filter(o -> o.key().endsWith("/instrument.pdf")).findFirst().orElseThrow().key()).orElseThrow()))
                .contains("核验码 " + code);
        assertThat(cli.run("issue", "--type", "procuratorial-suggestion", "--data",
                data("关于加强校园周边安全管理的检察建议", "市教育局").toString(), "--key", "cli-1", "--json").json())
                .containsEntry("id", id);

        Run delivered = cli.run("deliver", (String) record.get("number"), "--method", "电子送达", "--json");
        assertThat(delivered.exitCode()).as(delivered.err()).isZero();
        assertThat(delivered.json()).containsEntry("status", "DELIVERED");

        Run answered = cli.run("respond", id, "--unit", "市教育局", "--measures", "开展校园周边专项整治",
                "--results", "整治商户十二家", "--adoption", "采纳",
                "--file", file("整改报告.pdf", pdf("Rectification report")).toString(), "--json");
        assertThat(answered.exitCode()).as(answered.err()).isZero();
        assertThat(answered.json()).containsEntry("unit", "荆门市教育局").containsEntry("adoption", "采纳");

        Run found = cli.run("search", "校园周边专项整治", "--json");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("\"kind\":\"RESPONSE\"", "【校园周边】");
        Run foundByAgency = cli.run("search", "校园周边安全管理", "--as-unit", "荆门市教育局", "--json");
        assertThat(foundByAgency.out()).contains("\"id\":\"" + id + "\"", "\"kind\":\"INSTRUMENT\"");
        Run hiddenFromOthers = cli.run("search", "校园周边安全管理", "--as-unit", "荆门市公安局", "--json");
        assertThat(hiddenFromOthers.exitCode()).isZero();
        assertThat(hiddenFromOthers.out()).doesNotContain(id);

        Run closed = cli.run("close", id, "--evaluation", "采纳", "--note", "整改到位", "--json");
        assertThat(closed.exitCode()).as(closed.err()).isZero();
        assertThat(closed.json()).containsEntry("status", "CLOSED");

        Run shown = cli.run("show", id);
        assertThat(shown.out()).contains("CLOSED（已办结）").contains("办结评价  采纳；整改到位").contains("荆门市教育局  采纳");
        Run fixity = cli.run("fixity", "--record", id);
        assertThat(fixity.exitCode()).isZero();
        assertThat(fixity.out()).contains("全部完整");
        Run audit = cli.run("audit", "verify");
        assertThat(audit.exitCode()).isZero();
        assertThat(audit.out()).contains("审计链完整");
        assertThat(cli.run("register", "--json").out()).contains("\"state\" : \"ISSUED\"").contains(id);
        assertThat(cli.run("records").out()).contains(id).contains("已办结");
        assertThat(cli.run("records", "--overdue").out()).doesNotContain(id);
        Run reconciled = cli.run("reconcile");
        assertThat(reconciled.exitCode()).isZero();
        assertThat(reconciled.out()).startsWith("已作废 0 个中断的预留编号");
    }

    @Test
    void anotherUnitsResponseIsBadInput() throws IOException {
        String id = (String) cli.run("issue", "--type", "procuratorial-suggestion", "--data",
                data("关于规范行政执法的检察建议", "市公安局").toString(), "--json").json().get("id");
        cli.run("deliver", id, "--method", "直接送达");

        Run refused = cli.run("respond", id, "--unit", "市司法局", "--measures", "m", "--results", "r", "--adoption", "采纳",
                "--file", file("reply.pdf", pdf("reply")).toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("的主送单位是 荆门市公安局，荆门市司法局 无权对其回复");
    }

    @Test
    void aDisguisedUploadIsBadInputWithItsReason() throws IOException {
        String id = (String) cli.run("issue", "--type", "procuratorial-suggestion", "--data",
                data("关于整治违规办学的检察建议", "市教育局").toString(), "--json").json().get("id");
        cli.run("deliver", id, "--method", "邮寄送达");
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';

        Run refused = cli.run("respond", id, "--unit", "市教育局", "--measures", "m", "--results", "r", "--adoption", "部分采纳",
                "--file", file("整改报告.pdf", exe).toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("文件「整改报告.pdf」被拒收: 文件名为 .pdf，但内容是");
        assertThat(cli.run("show", id, "--json").json()).containsEntry("status", "DELIVERED")
                .containsEntry("responses", List.of());
    }

    @Test
    void issueRefusesAnUnknownUnitInAListFieldNamingFieldAndUnit() throws IOException {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "meeting-notice.json").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", "关于未知参会单位的会议通知");
        fields.put("attendingUnits", List.of("市检察院", "市外星局"));
        Path data = file("未知参会单位.json", JSON.writeValueAsBytes(fields));

        Run run = cli.run("issue", "--type", "meeting-notice", "--data", data.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("参会单位 (attendingUnits)：第 2 项「市外星局」不是已登记的单位");
        assertThat(context.getBean(org.wenshu.archive.Archive.class).records(0, 100))
                .noneMatch(record -> record.title().equals("关于未知参会单位的会议通知"));
    }

    @Test
    void issueRefusesADocumentDateInTheFuture() throws IOException {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(JSON.readValue(
                data("关于成文日期在将来的检察建议", "荆门市司法局").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.put("date", "2099-01-01");
        Path future = file("成文日期在将来.json", JSON.writeValueAsBytes(fields));

        Run run = cli.run("issue", "--type", "procuratorial-suggestion", "--data", future.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("成文日期 (date)：2099年1月1日晚于今天", "成文日期不能是将来的日期");
        assertThat(context.getBean(org.wenshu.archive.Archive.class).records(0, 100))
                .noneMatch(record -> record.title().equals("关于成文日期在将来的检察建议"));
    }

    @Test
    void badArgumentsAreBadInput() {
        Run unknownMethod = cli.run("deliver", "荆检行建〔2024〕99号", "--method", "飞鸽传书");
        Run unknownRecord = cli.run("deliver", "荆检行建〔2024〕99号", "--method", "直接送达");
        Run missingData = cli.run("issue", "--type", "procuratorial-suggestion", "--data", home.resolve("none.json").toString());

        assertThat(unknownMethod.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownMethod.err()).contains("送达方式「飞鸽传书」无效");
        assertThat(unknownRecord.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownRecord.err()).contains("没有找到文书记录「荆检行建〔2024〕99号」");
        assertThat(missingData.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missingData.err()).contains("数据文件不存在");
    }

    static byte[] pdf(String text) {
        return TestPdfs.onePage(text);
    }


    private static String pdfText(byte[] pdf) {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
