package org.wenshu.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;

class SearchCommandIntegrationTests {

    @TempDir
    static Path home;

    static ConfigurableApplicationContext context;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        Path refs = Files.createDirectories(home.resolve("refs/行政法"));
        Files.writeString(refs.resolve("湿地保护法(2021-12-24).md"), "# 中华人民共和国湿地保护法\n\n第一条 为了加强湿地保护，"
                + "维护湿地生态功能及生物多样性，制定本法。\n");
        Files.writeString(refs.resolve("森林法(2019-12-28).md"), "# 中华人民共和国森林法\n\n第一条 为了践行绿水青山就是金山银山理念，"
                + "保护、培育和合理利用森林资源，制定本法。\n");
        context = new SpringApplicationBuilder(Wenshu.class).web(WebApplicationType.NONE).profiles("cli")
                .lazyInitialization(true).run("--wenshu.home=" + home.resolve("data"));
        Run imported = run("import", home.resolve("refs").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 新增");
        // The search command reads the committed index, as it would beside a running server.
        context.getBean(org.wenshu.search.RecordIndex.class).commit();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void printsJsonHitsWithSourceTitleAndMarkedSnippet() {
        Run result = run("search", "湿地生态", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"title\":\"中华人民共和国湿地保护法\"", "\"source\":\"行政法/湿地保护法(2021-12-24).md\"",
                "\"kind\":\"REFERENCE\"", "【湿地生态】", "\"total\":1");
    }

    @Test
    void answersEveryLineOfABatchFileWithOneJsonLine() throws Exception {
        Path batch = Files.writeString(home.resolve("queries.txt"), "湿地\n森林资源\n\"未闭合\n");

        Run result = run("search", "--batch", batch.toString(), "--limit", "5");

        assertThat(result.exit()).isZero();
        String[] lines = result.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"query\":\"湿地\",\"hits\":[{").contains("湿地保护法");
        assertThat(lines[1]).contains("森林法").doesNotContain("湿地保护法");
        assertThat(lines[2]).contains("\"hits\":[]", "unbalanced quote");
    }

    @Test
    void malformedQueryExitsTwoWithTheReasonAndNoStackTrace() {
        Run result = run("search", "湿地 date:2024-02-30");

        assertThat(result.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("no such date: 2024-02-30").doesNotContain("Exception", "\tat ");
    }

    @Test
    void benchSearchReportsImportRatesAndLatencies() {
        Run result = run("bench", "search", "--corpus", home.resolve("refs").toString(), "--records", "200",
                "--queries", "20");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("steady state .*: 2 texts, .* MB/s")
                .containsPattern("first run in a fresh JVM .*: 2 texts")
                .containsPattern("synthetic index: 200 records")
                .containsPattern("synthetic queries \\(agency\\): 20 queries, p50 [0-9.]+ ms");
        assertThat(result.err()).contains("slowest:");
    }

    @Test
    void benchSearchRefusesTooFewQueriesAndMissingCorpus() {
        Run few = run("bench", "search", "--corpus", home.resolve("refs").toString(), "--queries", "5");
        assertThat(few.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(few.err()).contains("--queries");
        Run missing = run("bench", "search", "--corpus", home.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("not a folder");
    }

    @Test
    void aHomeWithoutRecordsAnswersNoHitsAndAHomeWithoutItsIndexSaysToReindex(@TempDir Path other) throws Exception {
        try (InProcessCli fresh = InProcessCli.start(other.resolve("data"))) {
            InProcessCli.Run empty = fresh.run("search", "检察建议");
            assertThat(empty.exitCode()).as(empty.printed()).isZero();
            assertThat(empty.out()).contains("共 0 条");
            InProcessCli.Run emptyJson = fresh.run("search", "检察建议", "--json");
            assertThat(emptyJson.exitCode()).as(emptyJson.printed()).isZero();
            assertThat(emptyJson.json()).containsEntry("total", 0);

            InProcessCli.Run imported = fresh.run("import", home.resolve("refs").toString());
            assertThat(imported.exitCode()).as(imported.printed()).isZero();
        }
        // Deleted by hand, as README allows, while no process holds it.
        try (var files = Files.walk(other.resolve("data/index"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (InProcessCli restarted = InProcessCli.start(other.resolve("data"))) {
            InProcessCli.Run missing = restarted.run("search", "湿地");
            assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(missing.err()).contains("wenshu batch reindex")
                    .doesNotContain("IndexMissing", "org.", "index at", other.toString(), "(failed)");

            InProcessCli.Run reindex = restarted.run("batch", "reindex");
            assertThat(reindex.exitCode()).as(reindex.printed()).isZero();
            InProcessCli.Run found = restarted.run("search", "湿地");
            assertThat(found.exitCode()).as(found.printed()).isZero();
            assertThat(found.out()).contains("湿地保护法");
        }
    }

    @Test
    void anUnexpectedFailureIsOneChineseSentenceWithTheDetailInTheLog() {
        StringWriter err = new StringWriter();
        int exit = ExitCodes.report(new org.springframework.dao.DataAccessResourceFailureException(
                "JDBC rollback; Database is already closed", new IllegalStateException("closed")), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).startsWith("wenshu: 失败：").contains("详情见日志")
                .doesNotContain("Exception", "JDBC", "closed", "org.", "(failed)");
        StringWriter ours = new StringWriter();
        ExitCodes.report(new IllegalStateException("wrapped", new org.wenshu.search.IndexMissing("/x/index")),
                new PrintWriter(ours, true));
        assertThat(ours.toString()).contains("wenshu batch reindex").doesNotContain("/x/index", "wrapped");
    }

    @Test
    void importRejectsOtherKindsAndMissingFolders() {
        assertThat(run("import", home.toString(), "--kind", "instrument").exit()).isEqualTo(ExitCodes.BAD_INPUT);
        Run missing = run("import", home.resolve("nope").toString());
        Run file = run("import", home.resolve("refs/行政法/森林法(2019-12-28).md").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("文件夹不存在：").doesNotContain("not a folder");
        assertThat(file.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(file.err()).contains("是文件，不是文件夹");
    }
}
