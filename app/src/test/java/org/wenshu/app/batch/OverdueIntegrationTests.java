package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenshu.app.Wenshu;
import org.wenshu.app.cli.WenshuCommand;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code wenshu batch overdue}: one reminder per owed response and round, however often and however overlapping it runs. */
class OverdueIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path home;
    private ConfigurableApplicationContext context;

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-overdue");
        SpringApplication application = new SpringApplication(Wenshu.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        application.setBannerMode(Banner.Mode.OFF);
        application.setAdditionalProfiles("cli");
        context = application.run("--wenshu.home=" + home.resolve("data"));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WenshuCommand.execute(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
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
        String[] issued = run("issue", "--type", "procuratorial-suggestion", "--data", data.toString(), "--json");
        assertThat(issued[0]).as(issued[2]).isEqualTo("0");
        return (String) JSON.readValue(issued[1], new TypeReference<Map<String, Object>>() { }).get("id");
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
        String[] delivered = run("deliver", answered, "--method", "电子送达");
        assertThat(delivered[0]).as(delivered[2]).isEqualTo("0");
        String[] response = run("respond", answered, "--unit", "市公安局", "--measures", "建立移送台账",
                "--results", "已移送线索三条", "--adoption", "采纳", "--file", report.toString());
        assertThat(response[0]).as(response[2]).isEqualTo("0");
        LocalDate due = context.getBean(Archive.class).record(owed).dueDate().orElseThrow();
        LocalDate firstDay = due.plusDays(3);

        CompletableFuture<String[]> one = CompletableFuture.supplyAsync(() -> run("batch", "overdue", "date=" + firstDay));
        CompletableFuture<String[]> other = CompletableFuture.supplyAsync(() -> run("batch", "overdue", "date=" + firstDay.plusDays(1)));
        String[] first = one.get();
        String[] overlapping = other.get();

        assertThat(first[0]).as(first[1] + first[2]).isEqualTo("0");
        assertThat(overlapping[0]).as(overlapping[1] + overlapping[2]).isEqualTo("0");
        List<InstrumentRecord> reminders = reminders();
        assertThat(reminders).hasSize(1);
        InstrumentRecord reminder = reminders.get(0);
        InstrumentRecord earlier = context.getBean(Archive.class).record(owed);
        assertThat(reminder.recipients()).extracting(u -> u.shortName()).containsExactly("市司法局");
        assertThat(reminder.fields()).containsEntry("earlierNumber", earlier.number().text())
                .containsEntry("earlierDueDate", due.toString());
        assertThat(reminder.copiedUnits()).isEmpty();

        String[] sameDay = run("batch", "overdue", "date=" + firstDay);
        assertThat(sameDay[1]).contains("已经完成");
        assertThat(reminders()).hasSize(1);

        String[] nextRound = run("batch", "overdue", "date=" + due.plusDays(31), "copyToParent=true");

        assertThat(nextRound[0]).as(nextRound[1] + nextRound[2]).isEqualTo("0");
        assertThat(reminders()).hasSize(2);
        InstrumentRecord second = reminders().stream().filter(r -> !r.id().equals(reminder.id())).findFirst().orElseThrow();
        assertThat(second.fields().get("request").toString()).contains("第 2 次督促");
        assertThat(second.copiedUnits()).extracting(u -> u.shortName()).containsExactly("市政府");
    }
}
