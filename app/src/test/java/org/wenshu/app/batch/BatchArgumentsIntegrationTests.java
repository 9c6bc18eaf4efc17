package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;

/**
 * An empty value of a job's {@code key=value} parameter is refused as a missing one (exit 2, the job's usage line),
 * before any execution exists: {@code dir=} is not the current folder, {@code maxObjectsPerSecond=} not 0,
 * {@code copyToParent=} not false.
 */
class BatchArgumentsIntegrationTests {

    private Path home;
    private InProcessCli cli;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-batch-arguments");
        cli = InProcessCli.start(home.resolve("data"), "wenshu.batch.threads=2");
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    @Test
    void anEmptyValueOfAnyJobParameterIsRefusedWithTheJobsUsage() throws IOException {
        Path data = BulkIssueFiles.baseData(home);
        Path list = BulkIssueFiles.recipients(home, 2);
        Files.writeString(home.resolve("README.md"), "# 不该被导入的说明\n\n当前文件夹里的文件。\n");
        List<List<String>> commands = List.of(
                List.of("import", "dir="),
                List.of("import", "dir=  "),
                List.of("bulk-issue", "type=", "data=" + data, "file=" + list),
                List.of("bulk-issue", "type=meeting-notice", "data=", "file=" + list),
                List.of("bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list, "skipLimit="),
                List.of("bulk-issue", "type=meeting-notice", "data=" + data, "file=" + list, "encoding="),
                List.of("overdue", "date="),
                List.of("overdue", "copyToParent="),
                List.of("fixity", "maxObjectsPerSecond="));

        for (List<String> command : commands) {
            String job = command.get(0);
            Run run = cli.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("batch"), command.stream())
                    .toArray(String[]::new));
            assertThat(run.exitCode()).as("%s: %s", command, run.printed()).isEqualTo(2);
            assertThat(run.err()).as(command.toString()).contains("没有给出值", "用法：wenshu batch " + job);
        }
        Run plainImport = cli.run("import", "");
        assertThat(plainImport.exitCode()).as(plainImport.printed()).isEqualTo(2);
        assertThat(plainImport.err()).contains("路径是空的");

        // A value written right but impossible is told so: a day its month lacks, a number past every limit.
        Run noSuchDay = cli.run("batch", "overdue", "date=2025-02-29");
        assertThat(noSuchDay.exitCode()).as(noSuchDay.printed()).isEqualTo(2);
        assertThat(noSuchDay.err()).contains("date=2025-02-29 不存在（该月没有这一天）");
        Run tooLarge = cli.run("batch", "fixity", "maxObjectsPerSecond=99999999999999999999");
        assertThat(tooLarge.exitCode()).as(tooLarge.printed()).isEqualTo(2);
        assertThat(tooLarge.err()).contains("超出范围，须在 0–9223372036854775807 之间");
        Run noSuchDelivery = cli.run("deliver", "荆检行建〔2026〕1号", "--method", "电子送达", "--date", "2026-04-31");
        assertThat(noSuchDelivery.exitCode()).as(noSuchDelivery.printed()).isEqualTo(2);
        assertThat(noSuchDelivery.err()).contains("送达日期「2026-04-31」不存在（该月没有这一天）");

        assertThat(cli.run("batch", "status").out()).contains("还没有运行过批处理作业");
        assertThat(cli.run("search", "不该被导入").out()).contains("共 0 条");
    }

    @Test
    void anImportWithAFileThatCannotBeReadSaysWhyInChinese() throws IOException {
        Path folder = Files.createDirectories(home.resolve("broken"));
        Files.writeString(folder.resolve("好.md"), "# 好\n\n森林防火的规定。\n");
        Files.writeString(folder.resolve("坏.pdf"), "%PDF-1.7 broken");

        Run run = cli.run("batch", "import", "dir=" + folder);

        assertThat(run.exitCode()).as(run.printed()).isEqualTo(1);
        assertThat(run.out()).contains("失败 1 个文件：无法解析", "坏.pdf", "失败原因：1 个文件导入失败")
                .doesNotContain("Exception", "PDF header", "内部错误");
    }

    @Test
    void anImportReportGroupsSkippedFilesByReasonAndKeepsTheFullListWithTheExecution() throws IOException {
        Path folder = Files.createDirectories(home.resolve("refs/docs"));
        Files.writeString(folder.resolve("说明.md"), "# 说明\n\n线索移送台账的说明。\n");
        for (int i = 0; i < 25; i++) {
            Files.writeString(folder.resolve(String.format("图%02d.png", i)), "not an image");
        }
        Files.createSymbolicLink(home.resolve("refs/link-dir"), Files.createDirectories(home.resolve("elsewhere")));

        Run run = cli.run("batch", "import", "dir=" + home.resolve("refs"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("（执行 (\\d+)）").matcher(run.out());
        assertThat(id.find()).isTrue();
        assertThat(run.out()).contains("进度 27/27", "跳过 25 个文件：不支持的文件类型（只导入 .md、.txt、.pdf、.docx）",
                        "docs/图19.png", "……另有 5 个；wenshu batch status " + id.group(1) + " --all 列出全部",
                        "跳过 1 个文件：指向文件夹的符号链接", "link-dir")
                .doesNotContain("docs/图20.png", "unsupported");
        Run all = cli.run("batch", "status", id.group(1), "--all");
        assertThat(all.out()).contains("docs/图00.png", "docs/图24.png").doesNotContain("另有");
        Run direct = cli.run("import", home.resolve("refs").toString());
        assertThat(direct.out()).contains("1 未变，26 跳过", "跳过 25 个文件：不支持的文件类型", "……另有 5 个；加 --all 列出全部")
                .doesNotContain("docs/图20.png", "skipped", "added");
        // A folder that names no category gives its texts the default type, not "docs".
        assertThat(cli.run("search", "线索移送台账").out()).contains("[reference 参考资料]").doesNotContain("[reference docs]");
    }
}
