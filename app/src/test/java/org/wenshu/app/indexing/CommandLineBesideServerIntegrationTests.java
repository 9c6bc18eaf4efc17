package org.wenshu.app.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.ExitCodes;
import org.wenshu.app.cli.WenshuCommand;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordChange;
import org.wenshu.search.RecordIndex;
import org.wenshu.search.SearchRequest;
import org.wenshu.search.Viewer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line on the home of a running {@code wenshu serve}: commands run as separate processes (their own H2
 * connection through AUTO_SERVER, their own embedded S3 endpoint over the same objects, no index writer), the
 * server's follower indexes what they change, and the database, objects and index stay consistent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineBesideServerIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private ConfigurableApplicationContext server;

    @BeforeAll
    void serve() throws IOException {
        home = Files.createTempDirectory("wenshu-beside-server");
        // Not the dev profile: no demo data, only what the test issues.
        server = Wenshu.serve("--server.port=0", "--wenshu.home=" + home, "--spring.profiles.active=test");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code ./wenshu ARGS} as its own JVM on the server's home, as a user's shell would. */
    private Run wenshuProcess(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Wenshu.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("WENSHU_HOME", home.toString());
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("wenshu " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path data(String title) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "procuratorial-suggestion.json").toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", title);
        return Files.write(home.resolve("fields-" + System.nanoTime() + ".json"), JSON.writeValueAsBytes(fields));
    }

    private long serverHits(String query) {
        return server.getBean(RecordIndex.class).search(SearchRequest.of(query, Viewer.administrator(), 10)).total();
    }

    @Test
    void aRecordIssuedFromTheCommandLineIsFoundByTheServerWithinTwoSeconds() throws Exception {
        Run issued = wenshuProcess("issue", "--type", "procuratorial-suggestion", "--data",
                data("关于加强湿地候鸟栖息地保护的检察建议").toString(), "--json");

        assertThat(issued.exitCode()).as(issued.err()).isZero();
        String id = (String) JSON.readValue(issued.out(), new TypeReference<Map<String, Object>>() { }).get("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (serverHits("候鸟栖息地") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serverHits("候鸟栖息地")).as("hits for the CLI's record within 2 s").isEqualTo(1);
        assertThat(server.getBean(Archive.class).find(id)).isPresent();

        // The command line searches the index the server commits, and lists the record the server sees.
        Run searched = wenshuProcess("search", "候鸟栖息地", "--json");
        assertThat(searched.exitCode()).as(searched.err()).isZero();
        assertThat(searched.out()).contains(id);
        Run listed = wenshuProcess("records", "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(id);
        assertConsistent();
    }

    @Test
    void importSaysToStopTheServerAndChangesNothing() throws IOException, InterruptedException {
        Path refs = Files.createDirectories(home.resolve("refs"));
        Files.writeString(refs.resolve("湿地保护法.md"), "# 中华人民共和国湿地保护法\n\n第一条 为了加强湿地保护，制定本法。\n");
        long before = server.getBean(Archive.class).changesSince(0, 10_000).size();
        // A command-line context in this JVM: Lucene's write lock refuses a second writer here as in another process.
        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(Wenshu.class).web(WebApplicationType.NONE)
                .profiles("cli").lazyInitialization(true).run("--wenshu.home=" + home)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = WenshuCommand.execute(cli, new PrintWriter(out, true), new PrintWriter(err, true), "import",
                    refs.toString());

            assertThat(code).isEqualTo(ExitCodes.FAILURE);
            assertThat(err.toString()).contains("正被另一个 wenshu 进程写入").contains("请在 wenshu serve 停止后运行")
                    .doesNotContain("Exception");
        }
        assertThat(server.getBean(Archive.class).changesSince(0, 10_000)).hasSize((int) before);
        assertConsistent();
    }

    /** Every record in the database is in the server's index once the follower has caught up, and nothing else. */
    private void assertConsistent() throws InterruptedException {
        Archive archive = server.getBean(Archive.class);
        RecordIndex index = server.getBean(RecordIndex.class);
        List<RecordChange> changes = archive.changesSince(0, 10_000);
        long distinct = changes.stream().map(RecordChange::recordId).distinct().count();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<String> missing;
        do {
            Thread.sleep(100);
            missing = changes.stream().map(RecordChange::recordId).filter(id -> !index.contains(id)).toList();
        } while ((!missing.isEmpty() || index.size() != distinct) && System.nanoTime() < deadline);
        assertThat(missing).as("archive records missing from the index").isEmpty();
        // No responses here: one index document per changed record, none left over from a failed write.
        assertThat(index.size()).isEqualTo(distinct);
        List<InstrumentRecord> records = archive.records(0, 10_000);
        assertThat(records).allSatisfy(record -> assertThat(archive.read(record.objects().get(0).key())).isPresent());
    }
}
