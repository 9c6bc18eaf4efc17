package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RenderCommandsIntegrationTests {

    private static ConfigurableApplicationContext context;

    @TempDir
    static Path home;

    @TempDir
    Path directory;

    @BeforeAll
    static void startContext() {
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setAdditionalProfiles("cli");
        context = application.run("--wenshu.home=" + home);
    }

    @AfterAll
    static void closeContext() {
        context.close();
    }

    @Test
    void typesListsEveryTypeWithItsFields() {
        Run run = run("types");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("procuratorial-suggestion  检察建议书")
                .contains("meeting-notice  联席会议通知")
                .contains("发文字号：荆检行建〔年份〕序号号")
                .contains("回复期限：收到之日起两个月内（紧急时十五日内）")
                .contains("recipient").contains("主送机关");
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        CommandLine root = new CommandLine(new WenshuCommand(), new SpringCommandFactory(context.getAutowireCapableBeanFactory()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run run = run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s --help: %s", path, run.err).isZero();
            assertThat(run.out).as("%s --help", path).contains("Usage: wenshu " + String.join(" ", path));
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.add(subPath);
            collect(sub, subPath, paths);
        });
    }

    @Test
    void typesAsJsonIsMachineReadable() {
        Run run = run("types", "--json");

        JsonNode types = JsonMapper.builder().build().readTree(run.out);
        assertThat(run.exitCode).isZero();
        assertThat(types).hasSize(5);
        assertThat(types.get(0).get("id").asString()).isEqualTo("procuratorial-suggestion");
        assertThat(types.get(0).get("fields").get(0).get("label").asString()).isEqualTo("发文字号");
        assertThat(types.get(0).get("fields").get(2).get("choices")).hasSize(4);
    }

    @Test
    void generateWritesTheShippedExampleAsPdf() throws IOException {
        Path out = directory.resolve("检察建议书.pdf");

        Run run = run("generate", "--type", "procuratorial-suggestion",
                "--data", example("procuratorial-suggestion").toString(), "--out", out.toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("已生成").contains("荆检行建〔2024〕3号");
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out))) {
            assertThat(new PDFTextStripper().getText(document)).contains("荆门市司法局：");
        }
        assertThat(Files.list(directory)).extracting(path -> path.getFileName().toString()).containsExactly("检察建议书.pdf");
    }

    @Test
    void generateSealsTheInstrumentByDefaultAndVerifyAcceptsIt() throws IOException {
        Path out = directory.resolve("意见书.pdf");

        Run generated = run("generate", "--type", "procuratorial-opinion",
                "--data", example("procuratorial-opinion").toString(), "--out", out.toString(), "--level", "B-T");
        Run verified = run("verify", out.toString());

        assertThat(generated.exitCode).as(generated.err).isZero();
        assertThat(generated.out).contains("已签章");
        assertThat(verified.exitCode).as(verified.out + verified.err).isZero();
        assertThat(verified.out).containsPattern("PAdES:\\s+B-T\\n");
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out))) {
            assertThat(document.getSignatureDictionaries()).hasSize(1);
        }
    }

    @Test
    void generateUnsignedLeavesTheDocumentWithoutSignature() throws IOException {
        Path out = directory.resolve("通知.pdf");

        Run run = run("generate", "--type", "meeting-notice", "--data", example("meeting-notice").toString(),
                "--out", out.toString(), "--unsigned");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("未签章");
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(out))) {
            assertThat(document.getSignatureDictionaries()).isEmpty();
        }
    }

    @Test
    void unknownSignatureLevelIsBadInput() {
        Run run = run("generate", "--type", "meeting-notice", "--data", example("meeting-notice").toString(),
                "--out", directory.resolve("x.pdf").toString(), "--level", "B-X");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("--level 应为 B-B、B-T、B-LT 或 B-LTA");
        assertThat(directory.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void dataSavedWithAByteOrderMarkIsAccepted() throws IOException {
        Path data = directory.resolve("bom.json");
        Files.writeString(data, "\uFEFF" + Files.readString(example("reply-reminder")));

        Run run = run("generate", "--type", "reply-reminder", "--data", data.toString(),
                "--out", directory.resolve("bom.pdf").toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(directory.resolve("bom.pdf")).isNotEmptyFile();
    }

    @Test
    void dataNotInUtf8IsBadInput() throws IOException {
        Path data = directory.resolve("gbk.json");
        Files.write(data, "{\"title\": \"检察建议\"}".getBytes(java.nio.charset.Charset.forName("GBK")));

        Run run = run("generate", "--type", "reply-reminder", "--data", data.toString(), "--out", "x.pdf");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("不是 UTF-8 编码");
    }

    @Test
    void unknownTypeIsBadInput() {
        Run run = run("generate", "--type", "suggestion", "--data", example("procuratorial-suggestion").toString(),
                "--out", directory.resolve("x.pdf").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("未知的文书类型 “suggestion”").contains("procuratorial-suggestion");
        assertThat(directory.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() throws IOException {
        Path data = directory.resolve("bad.json");
        Files.writeString(data, "{\n  \"title\": \"关于…的检察建议\",\n  \"recipient\" \"荆门市司法局\"\n}\n");

        Run run = run("generate", "--type", "procuratorial-suggestion", "--data", data.toString(),
                "--out", directory.resolve("x.pdf").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("不是有效的 JSON").contains("第 3 行第 15 列");
    }

    @Test
    void duplicateKeysAndNonObjectsAreBadInput() throws IOException {
        Path duplicate = directory.resolve("duplicate.json");
        Files.writeString(duplicate, "{\"title\": \"a\",\n \"title\": \"b\"}");
        Path array = directory.resolve("array.json");
        Files.writeString(array, "[1, 2]");

        Run first = run("generate", "--type", "procuratorial-suggestion", "--data", duplicate.toString(), "--out", "x.pdf");
        Run second = run("generate", "--type", "procuratorial-suggestion", "--data", array.toString(), "--out", "x.pdf");
        Run third = run("generate", "--type", "procuratorial-suggestion", "--data", directory.resolve("none.json").toString(), "--out", "x.pdf");

        assertThat(first.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(first.err).contains("第 2 行").contains("title");
        assertThat(second.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(second.err).contains("顶层应为 JSON 对象");
        assertThat(third.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(third.err).contains("数据文件不存在");
    }

    @Test
    void everyMissingOrInvalidFieldIsListedAtOnce() throws IOException {
        Path data = directory.resolve("fields.json");
        Files.writeString(data, """
                {"documentNumber": "荆检行建〔2024〕03号", "issuingUnit": "荆门市人民检察院", "kind": "社会治理",
                 "title": "关于…的检察建议", "date": "2024-13-01"}
                """);

        Run run = run("generate", "--type", "procuratorial-suggestion", "--data", data.toString(),
                "--out", directory.resolve("x.pdf").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("有 7 处需要修改")
                .contains("发文字号 (documentNumber)")
                .contains("主送机关 (recipient)：必须填写")
                .contains("查明的事实 (facts)：必须填写")
                .contains("存在的问题 (problems)：必须填写")
                .contains("法律依据 (legalBasis)：必须填写")
                .contains("建议事项 (suggestions)：必须填写")
                .contains("成文日期 (date)：应为日期");
    }

    @Test
    void charactersNoFontHasAreBadInputNamingTheField() throws IOException {
        String json = Files.readString(example("procuratorial-suggestion"))
                .replace("\"recipient\": \"荆门市司法局\"", "\"recipient\": \"荆门市\uD80C\uDC00局\"");
        Path data = directory.resolve("uncovered.json");
        Files.writeString(data, json);

        Run run = run("generate", "--type", "procuratorial-suggestion", "--data", data.toString(),
                "--out", directory.resolve("x.pdf").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("字体无法显示的字符").contains("主送机关 (recipient)").contains("U+13000");
        assertThat(directory.resolve("x.pdf")).doesNotExist();
    }

    @Test
    void missingOutputDirectoryIsBadInput() {
        Run run = run("generate", "--type", "reply-reminder", "--data", example("reply-reminder").toString(),
                "--out", directory.resolve("no/such/dir/x.pdf").toString());

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("输出目录不存在");
    }

    @Test
    void benchRenderMeasuresTwoPageDocumentsOfEveryType() {
        Run run = run("bench", "render", "--seconds", "1", "--warmup", "0");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out.lines().filter(line -> line.matches("\\S+ +2 +[0-9.]+/s +[0-9.]+/s +[0-9.]+/s +[0-9.]+/s")))
                .extracting(line -> line.split(" +")[0])
                .containsExactly("procuratorial-suggestion", "procuratorial-opinion", "meeting-notice", "reply-reminder",
                        "meeting-minutes");
    }

    @Test
    void benchRenderRefusesAnEmptyMeasurement() {
        Run run = run("bench", "render", "--seconds", "0");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("--seconds 至少为 1");
    }

    private static Path example(String typeId) {
        return Path.of("..", "examples", typeId + ".json").toAbsolutePath().normalize();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
