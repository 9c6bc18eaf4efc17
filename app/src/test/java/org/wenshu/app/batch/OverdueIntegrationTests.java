package org.wenshu.app.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.cli.InProcessCli;
import org.wenshu.app.cli.InProcessCli.Run;
import org.wenshu.archive.Archive;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wenshu batch overdue}: one reminder per owed response and round, however often and however overlapping it
 * runs; dated, numbered and due from the day it is issued, under the issuing unit's own code. Time passes on the
 * context's clock, never through future {@code date=} values.
 */
class OverdueIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 12, 1);
    private static final Pattern EXECUTION = Pattern.compile("作业 overdue（执行 (\\d+)）");

    private Path home;
    private InProcessCli cli;
    private ConfigurableApplicationContext context;
    private final MovableClock clock = new MovableClock(FIRST_DAY);

    /** The context's clock: archive, issuing and the job's "today" follow it. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(LocalDate day) {
            moveTo(day);
        }

        /** Ten in the morning of {@code day} in the archive's zone. */
        void moveTo(LocalDate day) {
            now = day.atTime(10, 0).atZone(ZONE).toInstant();
        }

        LocalDate today() {
            return LocalDate.ofInstant(now, ZONE);
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws IOException {
        home = Files.createTempDirectory("wenshu-overdue");
        cli = InProcessCli.start(home.resolve("data"), clock);
        context = cli.context();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private Map<String, Object> example(String type) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(
                Path.of("..", "examples", type + ".json").toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("date", clock.today().toString());
        return fields;
    }

    private Run issue(String type, Map<String, Object> fields) throws IOException {
        Path data = home.resolve(fields.get("title") + "-" + System.nanoTime() + ".json");
        Files.write(data, JSON.writeValueAsBytes(fields));
        return cli.run("issue", "--type", type, "--data", data.toString(), "--json");
    }

    private String suggestion(String title, String recipient) throws IOException {
        Map<String, Object> fields = example("procuratorial-suggestion");
        fields.put("title", title);
        fields.put("recipient", recipient);
        Run issued = issue("procuratorial-suggestion", fields);
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        return (String) issued.json().get("id");
    }

    private Archive archive() {
        return context.getBean(Archive.class);
    }

    private List<InstrumentRecord> reminders() {
        return archive().records(0, 1000).stream().filter(r -> r.typeId().equals("reply-reminder")).toList();
    }

    private static String execution(Run run) {
        Matcher matcher = EXECUTION.matcher(run.out());
        assertThat(matcher.find()).as(run.printed()).isTrue();
        return matcher.group(1);
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
        LocalDate due = archive().record(owed).dueDate().orElseThrow();
        clock.moveTo(due.plusDays(3));

        // Today, and as of yesterday: both owe round 1 of the same response.
        CompletableFuture<Run> one = CompletableFuture.supplyAsync(() -> cli.run("batch", "overdue"));
        CompletableFuture<Run> other = CompletableFuture.supplyAsync(() -> cli.run("batch", "overdue",
                "date=" + due.plusDays(2)));
        Run first = one.get();
        Run overlapping = other.get();

        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(overlapping.exitCode()).as(overlapping.printed()).isZero();
        List<InstrumentRecord> reminders = reminders();
        assertThat(reminders).hasSize(1);
        InstrumentRecord reminder = reminders.get(0);
        InstrumentRecord earlier = archive().record(owed);
        assertThat(reminder.recipients()).extracting(u -> u.shortName()).containsExactly("市司法局");
        assertThat(reminder.fields()).containsEntry("earlierNumber", earlier.number().text())
                .containsEntry("earlierDueDate", due.toString());
        assertThat(reminder.copiedUnits()).isEmpty();

        Run sameDay = cli.run("batch", "overdue");
        assertThat(sameDay.exitCode()).as(sameDay.printed()).isZero();
        assertThat(sameDay.out()).contains("今天（" + clock.today() + "）已经催办过（执行 ", "不会重复发督促回复函")
                .doesNotContain("修改文件");
        assertThat(reminders()).hasSize(1);

        clock.moveTo(due.plusDays(31));
        Run nextRound = cli.run("batch", "overdue", "copyToParent=true");

        assertThat(nextRound.exitCode()).as(nextRound.printed()).isZero();
        assertThat(reminders()).hasSize(2);
        // Progress counts the reminders dealt with, in the final line and in the status list alike.
        assertThat(nextRound.out()).contains("已完成 COMPLETED，进度 1/1");
        assertThat(cli.run("batch", "status").out()).containsPattern("overdue\\s+COMPLETED.*\\s1/1\\s");
        InstrumentRecord second = reminders().stream().filter(r -> !r.id().equals(reminder.id())).findFirst().orElseThrow();
        assertThat(second.fields().get("request").toString()).contains("第 2 次督促");
        assertThat(second.copiedUnits()).extracting(u -> u.shortName()).containsExactly("市政府");
    }

    /**
     * A reminder counts the reminders the unit has really been sent: an instrument left unreminded for months gets
     * 「第 1 次督促」, not the number of reminder intervals that passed; the next one sent is the second.
     */
    @Test
    void theFirstReminderSentIsTheFirstHoweverLongTheInstrumentWasOverdue() throws Exception {
        String owed = suggestion("关于规范行政处罚裁量基准的检察建议", "市司法局");
        LocalDate due = archive().record(owed).dueDate().orElseThrow();
        clock.moveTo(due.plusDays(200));

        Run first = cli.run("batch", "overdue");

        assertThat(first.exitCode()).as(first.printed()).isZero();
        assertThat(reminders()).hasSize(1);
        assertThat(reminders().get(0).fields().get("request").toString()).contains("第 1 次督促");
        assertThat(first.out()).contains("第 1 次督促").doesNotContainPattern("第 ([2-9]|\\d{2,}) 次督促");

        clock.moveTo(due.plusDays(400));
        Run second = cli.run("batch", "overdue");

        assertThat(second.exitCode()).as(second.printed()).isZero();
        assertThat(reminders()).hasSize(2);
        assertThat(reminders()).extracting(r -> r.fields().get("request").toString())
                .anySatisfy(request -> assertThat(request).contains("第 2 次督促"));
        assertThat(second.out()).contains("第 2 次督促");
    }

    /**
     * The as-of day decides what is overdue, not which round a reminder belongs to: a run as of an earlier day, after
     * today's run or before it, owes the round of the day it issues in and so sends nothing a second time.
     */
    @Test
    void aRunAsOfAnEarlierDayNeverRemindsAgainInTheSameRound() throws Exception {
        String first = suggestion("关于规范行政执法公示的检察建议", "市司法局");
        String second = suggestion("关于规范涉企行政检查的检察建议", "市公安局");
        LocalDate due = archive().record(first).dueDate().orElseThrow();
        assertThat(archive().record(second).dueDate()).contains(due);
        clock.moveTo(due.plusDays(200));

        Run today = cli.run("batch", "overdue");
        assertThat(today.exitCode()).as(today.printed()).isZero();
        assertThat(reminders()).hasSize(2);

        for (LocalDate asOf : List.of(due.plusDays(1), due.plusDays(45), due.plusDays(199))) {
            Run earlier = cli.run("batch", "overdue", "date=" + asOf);
            assertThat(earlier.exitCode()).as(earlier.printed()).isZero();
            assertThat(earlier.out()).as(asOf.toString()).contains("本次没有需要催办的").doesNotContain("本次发出督促回复函");
        }
        assertThat(reminders()).hasSize(2);

        // The other way round: as of an earlier day first, then today, in the next round.
        clock.moveTo(due.plusDays(400));
        Run asOfEarlier = cli.run("batch", "overdue", "date=" + due.plusDays(2));
        assertThat(asOfEarlier.exitCode()).as(asOfEarlier.printed()).isZero();
        assertThat(reminders()).hasSize(4);
        Run todayAgain = cli.run("batch", "overdue");
        assertThat(todayAgain.exitCode()).as(todayAgain.printed()).isZero();
        assertThat(todayAgain.out()).contains("本次没有需要催办的");
        assertThat(reminders()).hasSize(4);
        assertThat(reminders()).extracting(r -> r.fields().get("request").toString())
                .filteredOn(request -> request.contains("第 2 次督促")).hasSize(2);
    }

    @Test
    void remindersAreDatedNumberedAndDueFromTheDayTheyAreIssuedWhateverTheAsOfDate() throws Exception {
        String owed = suggestion("关于规范社区矫正外出审批的检察建议", "市司法局");
        InstrumentRecord earlier = archive().record(owed);
        LocalDate today = LocalDate.of(2028, 1, 3);
        clock.moveTo(today);

        Run future = cli.run("batch", "overdue", "date=" + today.plusDays(1));

        assertThat(future.exitCode()).as(future.printed()).isEqualTo(2);
        assertThat(future.err()).contains("date=" + today.plusDays(1) + " 晚于今天（" + today + "）", "不能是将来的日期",
                "督促回复函一律以发函当天为成文日期、编号年份和回复期限的起算日");
        assertThat(reminders()).isEmpty();
        // An execution asked for a future day by another launcher (or left by an older version) fails in words, and
        // its restart is refused as input, without the advice to restart it.
        org.springframework.batch.core.job.JobExecution launched = context.getBean(org.wenshu.batch.BatchJobs.class)
                .run("overdue", org.wenshu.batch.overdue.OverdueJobConfiguration.parameters(today.plusDays(1), false));
        Run restarted = cli.run("batch", "restart", Long.toString(launched.getId()));
        assertThat(restarted.exitCode()).as(restarted.printed()).isEqualTo(2);
        assertThat(restarted.out()).contains("失败原因：date=" + today.plusDays(1) + " 晚于今天");
        assertThat(restarted.err()).doesNotContain("wenshu batch restart");
        assertThat(reminders()).isEmpty();

        // As of a day of the year before: overdue is judged then, the reminder is written today.
        Run past = cli.run("batch", "overdue", "date=2027-12-30");

        assertThat(past.exitCode()).as(past.printed()).isZero();
        InstrumentRecord reminder = reminders().stream().findFirst().orElseThrow();
        assertThat(reminder.number().text()).isEqualTo("荆检行督〔2028〕1号");
        assertThat(reminder.fields()).containsEntry("date", today.toString());
        assertThat(reminder.dueDate()).contains(today.plusDays(15));
        String line = "荆检行督〔2028〕1号 → 荆门市司法局（督促回复 " + earlier.number().text() + " 检察建议书，第 ";
        assertThat(past.out()).contains("本次发出督促回复函 1 份：", line);
        assertThat(cli.run("batch", "status", execution(past)).out()).contains("本次发出督促回复函 1 份：", line);

        Run nothingOwed = cli.run("batch", "overdue");

        assertThat(nothingOwed.exitCode()).as(nothingOwed.printed()).isZero();
        assertThat(nothingOwed.out()).contains("本次没有需要催办的").doesNotContain("本次发出督促回复函");
        assertThat(cli.run("batch", "status", execution(nothingOwed)).out()).contains("本次没有需要催办的");
        assertThat(reminders()).hasSize(1);
    }

    @Test
    void theOfficesRemindersCarryItsOwnCodeAndLeaveTheProcuratoratesSeriesFree() throws Exception {
        Map<String, Object> notice = example("meeting-notice");
        notice.put("recipients", List.of("市公安局", "市司法局"));
        notice.put("replyBy", FIRST_DAY.plusDays(4).toString());
        notice.put("meetingDate", FIRST_DAY.plusDays(9).toString());
        Run noticed = issue("meeting-notice", notice);
        assertThat(noticed.exitCode()).as(noticed.printed()).isZero();
        clock.moveTo(FIRST_DAY.plusDays(10));

        Run overdue = cli.run("batch", "overdue");

        assertThat(overdue.exitCode()).as(overdue.printed()).isZero();
        assertThat(reminders()).extracting(r -> r.number().text())
                .containsExactlyInAnyOrder("荆府检联督〔2026〕1号", "荆府检联督〔2026〕2号");
        assertThat(reminders()).allSatisfy(r ->
                assertThat(r.issuingUnit().name()).isEqualTo("荆门市“府检联动”工作领导小组办公室"));

        Map<String, Object> own = example("reply-reminder");
        Run procuratorate = issue("reply-reminder", own);

        assertThat(procuratorate.exitCode()).as(procuratorate.printed()).isZero();
        assertThat(procuratorate.json().get("number")).isEqualTo("荆检行督〔2026〕1号");

        // The office writing the procuratorate's code is refused; so is a register ahead of its counter, in words.
        Map<String, Object> foreign = example("reply-reminder");
        foreign.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        foreign.put("documentNumber", "荆检行督〔2026〕9号");
        Run refused = issue("reply-reminder", foreign);
        assertThat(refused.exitCode()).as(refused.printed()).isEqualTo(2);
        assertThat(refused.err()).contains("发文机关代字「荆检行督」属于荆门市人民检察院", "代字是「荆府检联督」");

        new JdbcTemplate(context.getBean(DataSource.class)).update("INSERT INTO register_entries (issuing_unit, prefix, "
                + "num_year, serial, number_text, state, record_id, type_id, title, reserved_at) VALUES ('jm-procuratorate', "
                + "'荆检行督', 2026, 2, '荆检行督〔2026〕2号', 'VOID', 'restored-2', 'reply-reminder', '恢复的登记', ?)",
                java.time.OffsetDateTime.now(clock));
        Map<String, Object> next = example("reply-reminder");
        next.put("title", "关于再次督促回复的函");
        Run taken = issue("reply-reminder", next);

        assertThat(taken.exitCode()).as(taken.printed()).isEqualTo(1);
        assertThat(taken.err()).contains("发文字号 荆检行督〔2026〕2号 已由荆门市人民检察院登记")
                .doesNotContain("SQL", "register_entries", "Exception");
    }

    @Test
    void aFinishedRunIsRefusedInTheTermsOfItsJob() throws Exception {
        suggestion("关于规范社区矫正外出审批的检察建议", "市司法局");
        Run fixity = cli.run("batch", "fixity");
        assertThat(fixity.exitCode()).as(fixity.printed()).isZero();
        Matcher id = Pattern.compile("作业 fixity（执行 (\\d+)）").matcher(fixity.out());
        assertThat(id.find()).as(fixity.out()).isTrue();

        Run again = cli.run("batch", "restart", id.group(1));

        assertThat(again.out()).contains("这次完整性核查已经完成（执行 " + id.group(1) + "）",
                "再次运行 wenshu batch fixity 即开始一次新的核查").doesNotContain("不会重复发文", "修改文件");

        Run overdue = cli.run("batch", "overdue", "date=" + FIRST_DAY.minusDays(1));
        Run overdueAgain = cli.run("batch", "overdue", "date=" + FIRST_DAY.minusDays(1));

        assertThat(overdue.exitCode()).as(overdue.printed()).isZero();
        assertThat(overdueAgain.out()).contains("截至 " + FIRST_DAY.minusDays(1) + " 的逾期已经催办过（执行 "
                + execution(overdue) + "）：不会重复发督促回复函");
    }
}
