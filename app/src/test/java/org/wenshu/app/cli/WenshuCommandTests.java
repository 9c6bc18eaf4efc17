package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command lines answered without starting the application, and those that need it. */
class WenshuCommandTests {

    record Answer(Optional<Integer> exitCode, String out, String err) {
    }

    private static Answer answer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<Integer> code = WenshuCommand.answerWithoutApplication(new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Answer(code, out.toString(), err.toString());
    }

    @Test
    void answersUsageHelpWithoutTheApplication() {
        Answer answer = answer("--help");

        assertThat(answer.exitCode()).contains(0);
        assertThat(answer.out()).contains("Usage: wenshu").contains("issue").contains("types");
    }

    @Test
    void answersHelpOfACommandThatTakesApplicationBeansLazily() {
        Answer issue = answer("issue", "--help");
        Answer generate = answer("help", "generate");

        assertThat(issue.exitCode()).contains(0);
        assertThat(issue.out()).contains("Usage: wenshu issue").contains("--type");
        assertThat(generate.exitCode()).contains(0);
        assertThat(generate.out()).contains("Usage: wenshu generate").contains("--out");
    }

    @Test
    void listsTheInstrumentTypesWithoutTheApplication() {
        Answer answer = answer("types", "--json");

        assertThat(answer.exitCode()).contains(0);
        assertThat(answer.out()).contains("\"id\" : \"procuratorial-suggestion\"").contains("\"name\" : \"检察建议书\"");
    }

    @Test
    void reportsInputErrorsWithoutTheApplication() {
        Answer unknown = answer("issue", "--type");
        Answer missing = answer();

        assertThat(unknown.exitCode()).contains(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).startsWith("wenshu: ").contains("--type");
        assertThat(missing.exitCode()).contains(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("missing subcommand");
    }

    @Test
    void batchJobHelpListsThatJobsParametersInChinese() {
        Answer general = answer("batch", "--help");
        assertThat(general.exitCode()).contains(0);
        assertThat(general.out()).contains("Usage: wenshu batch", "wenshu batch JOB --help");

        Map<List<String>, List<String>> expected = new LinkedHashMap<>();
        expected.put(List.of("bulk-issue"), List.of("type=类型", "data=基础数据.json", "file=名单.xlsx|.csv", "encoding=", "skipLimit="));
        expected.put(List.of("overdue"), List.of("date=YYYY-MM-DD", "copyToParent="));
        expected.put(List.of("fixity"), List.of("maxObjectsPerSecond=N", "不限速"));
        expected.put(List.of("reindex"), List.of("没有参数"));
        expected.put(List.of("import"), List.of("dir=文件夹", ".docx"));
        expected.put(List.of("status"), List.of("[ID]", "--all"));
        expected.put(List.of("restart"), List.of("ID", "执行编号"));
        expected.forEach((job, words) -> {
            Answer help = answer("batch", job.get(0), "--help");
            assertThat(help.exitCode()).as(help.err()).contains(0);
            assertThat(help.out()).as(job.toString()).startsWith("用法：wenshu batch " + job.get(0)).contains(words)
                    .doesNotContain("Usage:", "bulk-issue | overdue");
        });
    }

    @Test
    void reportsParseErrorsInChineseNamingWhatIsWrong() {
        Answer noJob = answer("batch");
        Answer noCommand = answer("no-such-command");
        Answer badValue = answer("search", "食品安全", "--limit", "many");
        Answer noValue = answer("issue", "--type");
        Answer noOption = answer("generate", "--type", "meeting-notice", "--data", "x.json");
        Answer twice = answer("search", "食品安全", "--limit", "1", "--limit", "2");
        Answer extra = answer("verify", "a.pdf", "b.pdf");

        assertThat(List.of(noJob, noCommand, badValue, noValue, noOption, twice, extra)).allSatisfy(answer -> {
            assertThat(answer.exitCode()).as(answer.err()).contains(ExitCodes.BAD_INPUT);
            assertThat(answer.err()).startsWith("wenshu: ").doesNotContain("Missing", "Unknown", "Unmatched",
                    "Invalid value", "should be specified only once");
        });
        assertThat(noJob.err()).startsWith("wenshu: batch：缺少参数 JOB").contains("bulk-issue", "用法见 wenshu batch --help");
        assertThat(noCommand.err()).contains("没有子命令 no-such-command", "generate");
        assertThat(badValue.err()).contains("选项 --limit 的值「many」无效：须为整数");
        // Written as a number or a date, but too large for its option or a day its month lacks: told so.
        Answer tooLarge = answer("search", "食品安全", "--limit", "99999999999");
        Answer noSuchDay = answer("bench", "seed", "--today", "2024-02-30");
        assertThat(tooLarge.exitCode()).as(tooLarge.err()).contains(ExitCodes.BAD_INPUT);
        assertThat(tooLarge.err()).contains("选项 --limit 的值「99999999999」超出范围，须在 -2147483648–2147483647 之间")
                .doesNotContain("须为整数");
        assertThat(noSuchDay.exitCode()).as(noSuchDay.err()).contains(ExitCodes.BAD_INPUT);
        assertThat(noSuchDay.err()).contains("选项 --today 的值「2024-02-30」不存在（该月没有这一天）");
        assertThat(noValue.err()).contains("选项 --type 缺少值");
        assertThat(noOption.err()).contains("缺少选项 --out");
        assertThat(twice.err()).contains("选项 --limit 给了两次");
        assertThat(extra.err()).contains("多余的参数 b.pdf");
    }

    @Test
    void everyCommandReportsAnUnknownOptionInChinese() {
        List<List<String>> paths = new ArrayList<>();
        collect(WenshuCommand.class, new ArrayList<>(), paths);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--no-such-option");
            Answer answer = answer(args.toArray(String[]::new));

            assertThat(answer.exitCode()).as("%s: %s", path, answer.err()).contains(ExitCodes.BAD_INPUT);
            assertThat(answer.err()).as("%s", path).startsWith("wenshu: " + String.join(" ", path) + "：")
                    // picocli reports a missing required option or parameter before an unknown option
                    .containsAnyOf("不认识的选项 --no-such-option", "：缺少")
                    .doesNotContain("Unknown option", "Missing required", "Unmatched");
        }
    }

    @Test
    void leavesCommandsThatReadStorageToTheApplication() {
        assertThat(answer("records").exitCode()).isEmpty();
        assertThat(answer("search", "食品安全").exitCode()).isEmpty();
        assertThat(answer("issue", "--type", "procuratorial-suggestion", "--data", "x.json").exitCode()).isEmpty();
        assertThat(answer("users", "list").exitCode()).isEmpty();
    }

    @Test
    void answersTheHelpOfEveryCommandWithoutTheApplication() {
        List<List<String>> paths = new ArrayList<>();
        collect(WenshuCommand.class, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Answer answer = answer(args.toArray(String[]::new));

            assertThat(answer.exitCode()).as("%s --help: %s", path, answer.err()).contains(0);
            assertThat(answer.out()).as("%s --help", path).contains("Usage: wenshu " + String.join(" ", path));
        }
    }

    private static void collect(Class<?> command, List<String> path, List<List<String>> paths) {
        for (Class<?> sub : command.getAnnotation(Command.class).subcommands()) {
            if (sub == CommandLine.HelpCommand.class) {
                continue;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getAnnotation(Command.class).name());
            paths.add(subPath);
            collect(sub, subPath, paths);
        }
    }
}
