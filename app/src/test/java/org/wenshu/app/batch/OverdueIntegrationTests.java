package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code wenshu batch overdue}: one reminder per owed response and round, however often and however overlapping it runs. */
class OverdueIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-overdue");
        cli = InProcessCli.start(home.resolve("data"));
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private String suggestion(String title, String recipient) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", "procuratorial-suggestion.json").toFile(),
                new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("title", title);
        fields.put("recipient", recipient);
        Path data = home.resolve(title + ".json");
        Files.write(data, JSON.writeValueAsBytes(fields));
        Run issued = cli.run("issue", "--type", "procuratorial-suggestion", "--data", data.toString(), "--json");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        return (String) JSON.readValue(issued.out(), new TypeReference<Map<String, Object>>() { }).get("id");
    }

    private List<InstrumentRecord> reminders() {
        return context.getBean(Archive.class).records(0, 1000).stream()
                .filter(r -> r.typeId().equals("reply-reminder")).toList();
    }

    @Test
    void remindsEachOwedResponseOncePerRoundAlsoWhenRunsOverlap() throws Exception {
        String answered = suggestion("关于规范行政执法案件移送的检察建议", "市公安局");
        String owed = suggestion("关于规范社区矫正外出审批的检察建议", "市司法局");
        Path report = home.resolve("整改报告.pdf");
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            pdf.addPage(new PDPage());
            pdf.save(bytes);
            Files.write(report, bytes.toByteArray());
        }
        Run delivered = cli.run("deliver", answered, "--method", "电子送达");
        assertThat(delivered.exitCode()).as(delivered.err()).isZero();
        Run response = cli.run("respond", answered, "--unit", "市公安局", "--measures", "建立移送台账",
                "--results", "已移送线索三条", "--adoption", "采纳", "--file", report.toString());
        assertThat(response.exitCode()).as(response.err()).isZero();
        LocalDate due = context.getBean(Archive.class).record(owed).dueDate().orElseThrow();
        LocalDate firstDay = due.plusDays(3);

        CompletableFuture<Run> one = CompletableFuture.supplyAsync(() -> cli.run("batch", "overdue", "date=" + firstDay));
        CompletableFuture<Run> other = CompletableFuture.supplyAsync(() -> cli.run("batch", "overdue", "date=" + firstDay.plusDays(1)));
        Run first = one.get();
        Run overlapping = other.get();

        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(overlapping.exitCode()).as(overlapping.printed()).isZero();
        List<InstrumentRecord> reminders = reminders();
        assertThat(reminders).hasSize(1);
        InstrumentRecord reminder = reminders.get(0);
        InstrumentRecord earlier = context.getBean(Archive.class).record(owed);
        assertThat(reminder.recipients()).extracting(u -> u.shortName()).containsExactly("市司法局");
        assertThat(reminder.fields()).containsEntry("earlierNumber", earlier.number().text())
                .containsEntry("earlierDueDate", due.toString());
        assertThat(reminder.copiedUnits()).isEmpty();

        Run sameDay = cli.run("batch", "overdue", "date=" + firstDay);
        assertThat(sameDay.out()).contains("已经完成");
        assertThat(reminders()).hasSize(1);

        Run nextRound = cli.run("batch", "overdue", "date=" + due.plusDays(31), "copyToParent=true");

        assertThat(nextRound.exitCode()).as(nextRound.printed()).isZero();
        assertThat(reminders()).hasSize(2);
        // Progress counts the reminders dealt with, in the final line and in the status list alike.
        assertThat(nextRound.out()).contains("已完成 COMPLETED，进度 1/1");
        assertThat(cli.run("batch", "status").out()).containsPattern("overdue\\s+COMPLETED.*\\s1/1\\s");
        InstrumentRecord second = reminders().stream().filter(r -> !r.id().equals(reminder.id())).findFirst().orElseThrow();
        assertThat(second.fields().get("request").toString()).contains("第 2 次督促");
        assertThat(second.copiedUnits()).extracting(u -> u.shortName()).containsExactly("市政府");
    }
}
