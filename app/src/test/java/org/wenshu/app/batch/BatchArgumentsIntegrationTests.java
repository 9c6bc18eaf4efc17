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

        assertThat(cli.run("batch", "status").out()).contains("还没有运行过批处理作业");
        assertThat(cli.run("search", "不该被导入").out()).contains("共 0 条");
    }
}
