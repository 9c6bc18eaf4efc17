package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.wenshu.app.api.ApiClient.Auth;
import org.wenshu.app.api.ApiClient.FilePart;
import org.wenshu.app.api.ApiClient.Reply;
import org.wenshu.batch.bulk.BulkIssueJobConfiguration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/bulk-issues}: the row-by-row check issues nothing, a start answers 202 with the execution's
 * location and issues each valid row once however often the same upload is confirmed, executions are visible to
 * their unit (and the office) only, and unusable uploads are problem documents naming the part at fault.
 */
class BulkIssueApiIntegrationTests extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> AGENCIES = List.of("市公安局", "市司法局", "市政数局", "市教育局", "市卫健委",
            "市人社局", "市乡村振兴局", "市民政局", "市农业农村局");

    /** The shipped meeting-notice example as base data, without its number (the archive assigns it). */
    static byte[] baseData() {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(Path.of("..", "examples", "meeting-notice.json")
                .toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("copiesTo", List.of("市政府办"));
        return JSON.writeValueAsBytes(fields);
    }

    static FilePart csv(String text) {
        return new FilePart("名单.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, FilePart> upload(FilePart list) {
        Map<String, FilePart> parts = new LinkedHashMap<>();
        parts.put("list", list);
        parts.put("data", new FilePart("基础数据.json", "application/json", baseData()));
        return parts;
    }

    static Map<String, FilePart> upload(FilePart list, Map<String, Object> base) {
        Map<String, FilePart> parts = new LinkedHashMap<>();
        parts.put("list", list);
        parts.put("data", new FilePart("基础数据.json", "application/json", JSON.writeValueAsBytes(base)));
        return parts;
    }

    /** {@link #baseData()} changed by {@code change}. */
    static Map<String, Object> base(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(baseData(), new TypeReference<Map<String, Object>>() { }));
        change.accept(fields);
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Reply reply, String key) {
        return (List<Map<String, Object>>) reply.json().get(key);
    }

    private Reply validate(Auth who, FilePart list) {
        return api().multipartParts("/api/v1/bulk-issues/validate", who, Map.of("type", "meeting-notice"), upload(list));
    }

    private Reply start(Auth who, FilePart list) {
        return api().multipartParts("/api/v1/bulk-issues", who, Map.of("type", "meeting-notice"), upload(list));
    }

    private long instruments(Auth who) {
        return ((Number) api().get("/api/v1/instruments?size=1", who).json().get("total")).longValue();
    }

    private Map<String, Object> awaitEnd(Auth who, String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            Reply reply = api().get(location, who);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            String status = (String) reply.json().get("status");
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                return reply.json();
            }
            assertThat(System.nanoTime()).as("bulk issue still %s", status).isLessThan(deadline);
            Thread.sleep(300);
        }
    }

    @Test
    void validationReportsEveryBadRowWithItsColumnAndIssuesNothing() {
        ApiFixture f = fixture();
        long before = instruments(f.admin);

        Reply reply = validate(f.admin, csv("主送单位,标题\n市公安局,关于校验的第一次会议的通知\n市外星局,关于校验的第二次会议的通知\n"
                + "市司法局,=HYPERLINK(\"http://x\")\n市教育局,关于校验的第四次会议的通知\n"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("rows", 4).containsEntry("valid", 2).containsEntry("badRows", 2)
                .containsEntry("startable", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) reply.json().get("problems");
        assertThat(problems).extracting(p -> p.get("row"), p -> p.get("column"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "主送单位"), org.assertj.core.groups.Tuple.tuple(4, "标题"));
        assertThat((String) problems.get(0).get("reason")).contains("市外星局");
        assertThat((String) problems.get(1).get("reason")).contains("公式");
        assertThat(instruments(f.admin)).isEqualTo(before);
    }

    @Test
    void aStartIssuesEachValidRowOnceHoweverOftenTheSameUploadIsConfirmed() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于接口批量的第一次会议的通知\n市司法局,关于接口批量的第二次会议的通知\n"
                + "市外星局,关于接口批量的第三次会议的通知\n市教育局,关于接口批量的第四次会议的通知\n");

        Reply first = start(f.prosecutor, list);
        Reply second = start(f.prosecutor, list);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/v1/bulk-issues/\\d+");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.headers().firstValue("Location")).contains(location);
        assertThat(second.json()).containsEntry("started", false);

        Map<String, Object> done = awaitEnd(f.prosecutor, location);

        assertThat(done).as(done.toString()).containsEntry("status", "COMPLETED").containsEntry("total", 4)
                .containsEntry("done", 4).containsEntry("skipped", 1).containsEntry("issued", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) done.get("records");
        assertThat(records).extracting(r -> r.get("row")).containsExactly(2, 3, 5);
        assertThat(records).extracting(r -> r.get("title")).containsExactly("关于接口批量的第一次会议的通知",
                "关于接口批量的第二次会议的通知", "关于接口批量的第四次会议的通知");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) done.get("problems");
        assertThat(skipped).singleElement().satisfies(p -> assertThat(p).containsEntry("row", 4).containsEntry("column", "主送单位"));

        Reply third = start(f.prosecutor, list);

        assertThat(third.status()).as(third.toString()).isEqualTo(200);
        assertThat(third.headers().firstValue("Location")).contains(location);
        Reply search = api().get("/api/v1/instruments?type=meeting-notice&size=200", f.admin);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) search.json().get("items");
        assertThat(items).filteredOn(r -> ((String) r.get("title")).startsWith("关于接口批量的")).hasSize(3);
        assertThat(api().get((String) records.get(0).get("href"), f.prosecutor).status()).isEqualTo(200);
    }

    private Reply start(Auth who, FilePart list, String encoding) {
        return api().multipartParts("/api/v1/bulk-issues", who, Map.of("type", "meeting-notice", "encoding", encoding),
                upload(list));
    }

    private List<Map<String, Object>> titled(Auth who, String prefix) {
        Reply search = api().get("/api/v1/instruments?type=meeting-notice&size=200", who);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) search.json().get("items");
        return items.stream().filter(r -> ((String) r.get("title")).startsWith(prefix)).toList();
    }

    @Test
    void theSameListIsIssuedOnceHoweverItsEncodingIsSpelled() throws Exception {
        ApiFixture f = fixture();
        String text = "主送单位,标题\n市公安局,关于编码同一的第一次会议的通知\n市司法局,关于编码同一的第二次会议的通知\n";
        FilePart utf8 = csv(text);
        FilePart gbk = new FilePart("名单.csv", "text/csv",
                text.replace("编码同一", "编码同一国标").getBytes(Charset.forName("GBK")));

        Reply first = start(f.prosecutor, utf8);
        List<Reply> utf8Again = List.of(start(f.prosecutor, utf8, "UTF-8"), start(f.prosecutor, utf8, "utf8"),
                start(f.prosecutor, utf8, "GB18030"));
        Reply gbkFirst = start(f.prosecutor, gbk, "GB18030");
        List<Reply> gbkAgain = List.of(start(f.prosecutor, gbk, "GBK"), start(f.prosecutor, gbk, "gb18030"),
                start(f.prosecutor, gbk, "CP936"), start(f.prosecutor, gbk, "GB2312"));

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(utf8Again).allSatisfy(again -> {
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.headers().firstValue("Location")).contains(location);
            assertThat(again.json()).containsEntry("started", false);
        });
        assertThat(gbkFirst.status()).as(gbkFirst.toString()).isEqualTo(202);
        String gbkLocation = gbkFirst.headers().firstValue("Location").orElseThrow();
        assertThat(gbkLocation).isNotEqualTo(location);
        assertThat(gbkAgain).allSatisfy(again -> {
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(again.headers().firstValue("Location")).contains(gbkLocation);
        });
        assertThat(awaitEnd(f.prosecutor, location)).containsEntry("status", "COMPLETED").containsEntry("issued", 2);
        assertThat(awaitEnd(f.prosecutor, gbkLocation)).containsEntry("status", "COMPLETED").containsEntry("issued", 2);
        assertThat(titled(f.admin, "关于编码同一的")).extracting(r -> r.get("title"))
                .containsExactlyInAnyOrder("关于编码同一的第一次会议的通知", "关于编码同一的第二次会议的通知");
        assertThat(titled(f.admin, "关于编码同一国标的")).extracting(r -> r.get("title"))
                .containsExactlyInAnyOrder("关于编码同一国标的第一次会议的通知", "关于编码同一国标的第二次会议的通知");
    }

    @Test
    void progressCountsTheRecordsIssuedSoFarAndGivesTimesAsInstants() throws Exception {
        ApiFixture f = fixture();
        StringBuilder rows = new StringBuilder("主送单位,标题\n市外星局,关于进度的无效会议的通知\n");
        String[] units = {"市公安局", "市司法局", "市教育局", "市民政局"};
        for (int i = 1; i <= 48; i++) {
            rows.append(units[i % units.length]).append(",关于进度的第").append(i).append("次会议的通知\n");
        }

        Reply started = start(f.prosecutor, csv(rows.toString()));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        // Known from the check before the start, although the job has not validated yet: never -1.
        assertThat(started.json()).containsEntry("total", 49).containsEntry("valid", 48);
        assertThat(started.json().get("issued")).satisfiesAnyOf(issued -> assertThat(issued).isNull(),
                issued -> assertThat(((Number) issued).longValue()).isGreaterThanOrEqualTo(0));
        String location = started.headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int runningPolls = 0;
        Map<String, Object> last;
        while (true) {
            Reply before = api().get(location + "?limit=1000", f.prosecutor);
            Reply after = api().get(location + "?limit=1", f.prosecutor);
            last = after.json();
            @SuppressWarnings("unchecked")
            int recordsBefore = ((List<Map<String, Object>>) before.json().get("records")).size();
            if (!"STARTED".equals(last.get("status"))) {
                break;
            }
            if (last.get("issued") != null || recordsBefore > 0) {
                runningPolls++;
                // Read after the records were listed: every record listed is counted, as issued and as done.
                assertThat(last.get("issued")).as(last.toString()).isNotNull();
                long issued = ((Number) last.get("issued")).longValue();
                long done = ((Number) last.get("done")).longValue();
                assertThat(issued).as(last.toString()).isGreaterThanOrEqualTo(recordsBefore);
                assertThat(done).as(last.toString()).isGreaterThanOrEqualTo(issued).isLessThanOrEqualTo(49);
            }
            assertThat(System.nanoTime()).as("bulk issue still running").isLessThan(deadline);
            Thread.sleep(100);
        }

        assertThat(runningPolls).as("polled while rows were being issued").isPositive();
        Map<String, Object> done = awaitEnd(f.prosecutor, location);
        assertThat(done).as(done.toString()).containsEntry("status", "COMPLETED").containsEntry("done", 49)
                .containsEntry("issued", 48).containsEntry("skipped", 1);
        java.time.Instant start = java.time.Instant.parse((String) done.get("start"));
        java.time.Instant end = java.time.Instant.parse((String) done.get("end"));
        assertThat(start).isBefore(end).isBetween(java.time.Instant.now().minus(Duration.ofMinutes(5)), java.time.Instant.now());
    }

    @Test
    void anUnfinishedExecutionCountsTheRecordsItIssuedPastItsLastCommit() throws Exception {
        ApiFixture f = fixture();
        StringBuilder rows = new StringBuilder("主送单位,标题\n");
        for (int i = 1; i <= 5; i++) {
            rows.append("市公安局,关于中断计数的第").append(i).append("次会议的通知\n");
        }
        String location = start(f.prosecutor, csv(rows.toString())).headers().firstValue("Location").orElseThrow();
        assertThat(awaitEnd(f.prosecutor, location)).containsEntry("status", "COMPLETED").containsEntry("issued", 5);
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        JobRepository repository = server().getBean(JobRepository.class);
        JobExecution execution = repository.getJobExecution(id);
        StepExecution issue = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(BulkIssueJobConfiguration.ISSUE_STEP)).findFirst().orElseThrow();
        issue = repository.getStepExecution(id, issue.getId());

        // As a kill -9 leaves it once recovered: FAILED, its last commit after two rows, three more rows issued since.
        issue.getExecutionContext().putLong("wenshu.done", 2);
        issue.getExecutionContext().putLong("bulk.issued", 2);
        issue.getExecutionContext().putLong("bulk.issued.own", 2);
        repository.updateExecutionContext(issue);
        execution.setStatus(BatchStatus.FAILED);
        repository.update(execution);
        Map<String, Object> failed = api().get(location + "?limit=100", f.prosecutor).json();

        assertThat(failed).as(failed.toString()).containsEntry("status", "FAILED").containsEntry("issued", 5)
                .containsEntry("done", 5);
        assertThat((List<?>) failed.get("records")).hasSize(5);
    }

    private java.time.Instant killedAfter(long id, long committed) {
        return org.wenshu.app.batch.KilledExecutions.leaveKilled(server().getBean(JobRepository.class), dataSource, id,
                committed);
    }

    private static long id(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static double seconds(Map<String, Object> progress) {
        return Duration.between(java.time.Instant.parse((String) progress.get("start")),
                java.time.Instant.parse((String) progress.get("end"))).toMillis() / 1000.0;
    }

    /** Starts six rows titled {@code topic}, waits for them, and leaves the execution killed after its commit at 2. */
    private String killedAfterTwoOfSix(ApiFixture f, String topic) throws Exception {
        StringBuilder rows = new StringBuilder("主送单位,标题\n");
        for (int i = 1; i <= 6; i++) {
            rows.append("市司法局,关于").append(topic).append("的第").append(i).append("次会议的通知\n");
        }
        String location = start(f.prosecutor, csv(rows.toString())).headers().firstValue("Location").orElseThrow();
        assertThat(awaitEnd(f.prosecutor, location)).containsEntry("status", "COMPLETED");
        lastKill = killedAfter(id(location), 2);
        lastList = rows.toString();
        return location;
    }

    private java.time.Instant lastKill;
    private String lastList;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aKilledExecutionKeepsItsCountsAndItsRecordsOnceItsListIsResumed() throws Exception {
        ApiFixture f = fixture();
        String location = killedAfterTwoOfSix(f, "续发计数");
        // The killed run issued rows 1–4 (two after its last commit); rows 5 and 6 it had numbered but not stored when
        // it was killed: its continuation completes them under their numbers.
        org.wenshu.app.batch.KilledExecutions.leaveReserved(dataSource, new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForList("SELECT id FROM instruments WHERE title IN (?, ?)", String.class,
                        "关于续发计数的第5次会议的通知", "关于续发计数的第6次会议的通知"));

        // Resumed as the tester did: the same files uploaded again.
        Reply resumed = start(f.prosecutor, csv(lastList));
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
        String next = resumed.headers().firstValue("Location").orElseThrow();
        Map<String, Object> continuation = awaitEnd(f.prosecutor, next);
        Map<String, Object> after = api().get(location + "?limit=100", f.prosecutor).json();
        Map<String, Object> again = api().get(location + "?limit=100", f.prosecutor).json();
        Map<String, Object> continuationRecords = api().get(next + "?limit=100", f.prosecutor).json();

        // The killed run: the four rows it issued, two of them past its last commit, counted and listed alike.
        assertThat(after).as(after + "\ncontinuation " + continuation).containsEntry("status", "FAILED").containsEntry("done", 4)
                .containsEntry("issued", 4);
        assertThat((List<Map<String, Object>>) (List) after.get("records")).extracting(r -> r.get("title"))
                .containsExactly("关于续发计数的第1次会议的通知", "关于续发计数的第2次会议的通知",
                        "关于续发计数的第3次会议的通知", "关于续发计数的第4次会议的通知");
        assertThat(again).isEqualTo(after);
        // The continuation began at the last commit and issued the last two rows.
        assertThat(continuation).as(continuation.toString()).containsEntry("status", "COMPLETED").containsEntry("done", 6)
                .containsEntry("issued", 2).containsEntry("startDone", 2).containsEntry("listIssued", 6);
        assertThat((List<Map<String, Object>>) (List) continuationRecords.get("records")).extracting(r -> r.get("title"))
                .containsExactly("关于续发计数的第5次会议的通知", "关于续发计数的第6次会议的通知");
        assertThat(after).containsEntry("listIssued", 4).containsEntry("interrupted", true)
                .containsEntry("statusLabel", "中断").containsEntry("resumable", false);
        // Each names the other.
        assertThat(after.get("continuedBy")).isEqualTo(Map.of("id", (int) id(next), "href", next));
        assertThat(map(continuation.get("continues"))).containsEntry("id", (int) id(location));
    }

    @Test
    void aKilledExecutionSaysTheSameBeforeAndAfterItsListIsResumed() throws Exception {
        ApiFixture f = fixture();
        String location = killedAfterTwoOfSix(f, "续发前后");

        Map<String, Object> before = api().get(location + "?limit=100", f.prosecutor).json();
        String next = start(f.prosecutor, csv(lastList)).headers().firstValue("Location").orElseThrow();
        awaitEnd(f.prosecutor, next);
        Map<String, Object> after = api().get(location + "?limit=100", f.prosecutor).json();

        for (String key : List.of("status", "done", "issued", "records", "end", "rowsPerSecond")) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
        assertThat(before).containsEntry("done", 6).containsEntry("issued", 6).containsEntry("resumable", true);
    }

    @Test
    void speedCountsAnExecutionsOwnRowsOverItsOwnRunningTime() throws Exception {
        ApiFixture f = fixture();
        String location = killedAfterTwoOfSix(f, "续发速度");
        java.time.Instant stopped = lastKill;
        Thread.sleep(1500); // the server notices the death later than it happened

        Map<String, Object> killed = api().get(location, f.prosecutor).json();
        String next = start(f.prosecutor, csv(lastList)).headers().firstValue("Location").orElseThrow();
        Map<String, Object> continuation = awaitEnd(f.prosecutor, next);

        // A dead run ends at its last recorded progress, not when the server noticed its death.
        assertThat(java.time.Instant.parse((String) killed.get("end"))).isBetween(stopped.minusMillis(5), stopped.plusMillis(5));
        assertThat(((Number) killed.get("rowsPerSecond")).doubleValue())
                .isCloseTo(6 / seconds(killed), org.assertj.core.data.Percentage.withPercentage(5));
        // The continuation: the four rows it processed over its own running time, not the list's six.
        assertThat(((Number) continuation.get("rowsPerSecond")).doubleValue())
                .isCloseTo(4 / seconds(continuation), org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void onlyAnUnfinishedExecutionIsResumedAndOnlyOnceByThoseWhoMaySeeIt() throws Exception {
        ApiFixture f = fixture();
        String location = start(f.prosecutor, csv("主送单位,标题\n市教育局,关于继续权限的第一次会议的通知\n"
                + "市教育局,关于继续权限的第二次会议的通知\n")).headers().firstValue("Location").orElseThrow();
        assertThat(awaitEnd(f.prosecutor, location)).containsEntry("status", "COMPLETED");

        Reply completed = api().json("POST", location + "/restart", f.prosecutor, Map.of());
        killedAfter(id(location), 1);
        Reply foreign = api().json("POST", location + "/restart", f.otherProsecutor, Map.of());
        Reply agency = api().json("POST", location + "/restart", f.agencyA, Map.of());
        Reply resumed = api().json("POST", location + "/restart", f.prosecutor, Map.of());
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
        String next = resumed.headers().firstValue("Location").orElse("");
        Reply again = api().json("POST", location + "/restart", f.prosecutor, Map.of());
        awaitEnd(f.prosecutor, next);
        Reply unknown = api().json("POST", "/api/v1/bulk-issues/999999/restart", f.admin, Map.of());

        assertThat(completed.status()).as(completed.toString()).isEqualTo(409);
        assertThat(completed.contentType()).startsWith("application/problem+json");
        assertThat(completed.json()).containsEntry("reason", "completed");
        assertThat((String) completed.json().get("detail")).contains("已经完成");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(agency.status()).isEqualTo(403);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
        assertThat(next).matches("/api/v1/bulk-issues/\\d+").isNotEqualTo(location);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json()).containsEntry("reason", "continued");
        assertThat(map(again.json().get("execution"))).containsEntry("href", next);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void theListOfExecutionsShowsWhatTheCallerMaySeeInPagesWithTheSameCounts() throws Exception {
        ApiFixture f = fixture();
        String mine = start(f.prosecutor, csv("主送单位,标题\n市民政局,关于列表的第一次会议的通知\n"))
                .headers().firstValue("Location").orElseThrow();
        Map<String, Object> done = awaitEnd(f.prosecutor, mine);

        Reply first = api().get("/api/v1/bulk-issues?size=1", f.prosecutor);
        Reply all = api().get("/api/v1/bulk-issues?size=100", f.prosecutor);
        Reply foreign = api().get("/api/v1/bulk-issues?size=100", f.otherProsecutor);
        Reply office = api().get("/api/v1/bulk-issues?size=100", f.admin);
        Reply tooLarge = api().get("/api/v1/bulk-issues?size=1000", f.prosecutor);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.items()).hasSize(1);
        assertThat(first.json()).containsEntry("page", 0).containsEntry("size", 1);
        long total = ((Number) all.json().get("total")).longValue();
        assertThat(all.items()).hasSize((int) total);
        assertThat(((Number) first.json().get("total")).longValue()).isEqualTo(total);
        Map<String, Object> listed = all.items().stream().filter(item -> item.get("href").equals(mine)).findFirst().orElseThrow();
        for (String key : List.of("status", "done", "total", "issued", "listIssued", "skipped")) {
            assertThat(listed.get(key)).as(key).isEqualTo(done.get(key));
        }
        assertThat(foreign.items()).extracting(item -> item.get("href")).doesNotContain(mine);
        assertThat(office.items()).extracting(item -> item.get("href")).contains(mine);
        assertThat(api().get("/api/v1/bulk-issues", f.agencyA).status()).isEqualTo(403);
        assertThat(tooLarge.status()).isEqualTo(400);
    }

    @Test
    void executionsAreVisibleToTheirUnitAndTheOfficeOnly() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于权限的会议的通知\n");
        Reply started = start(f.prosecutor, list);
        assertThat(started.status()).as(started.toString()).isIn(200, 202);
        String location = started.headers().firstValue("Location").orElseThrow();

        assertThat(api().get(location, f.agencyA).status()).isEqualTo(403);
        assertThat(api().get(location, f.researcher).status()).isEqualTo(403);
        Reply other = api().get(location, f.otherProsecutor);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.text()).doesNotContain("关于权限的会议的通知");
        assertThat(api().get(location, f.admin).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/bulk-issues/999999", f.admin).status()).isEqualTo(404);
        assertThat(validate(f.agencyA, list).status()).isEqualTo(403);
        assertThat(start(f.agencyA, list).status()).isEqualTo(403);

        Reply foreign = start(f.otherProsecutor, csv("主送单位,标题\n市公安局,关于孝感越权的会议的通知\n"));

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.text()).contains("urn:wenshu:problem:rows-forbidden", "荆门市“府检联动”工作领导小组办公室");
        assertThat(list(foreign, "rows")).singleElement().satisfies(p -> assertThat(p).containsEntry("row", 2)
                .containsEntry("blocking", true));
        awaitEnd(f.prosecutor, location);
    }

    /** Issuing units that are known but have no seal: the government office, the government, the police. */
    private static final String UNSEALED_ROWS = "主送单位,发文机关,标题\n"
            + "市司法局,市政府办,关于印章的第一次会议的通知\n"
            + "市司法局,荆门市人民政府,关于印章的第二次会议的通知\n"
            + "市教育局,市公安局,关于印章的第三次会议的通知\n"
            + "市教育局,荆门市“府检联动”工作领导小组办公室,关于印章的第四次会议的通知\n";

    @Test
    void rowsWhoseIssuingUnitHasNoSealAreNamedAndStopTheUpload() {
        ApiFixture f = fixture();
        long before = instruments(f.admin);

        Reply checked = validate(f.admin, csv(UNSEALED_ROWS));
        Reply started = start(f.admin, csv(UNSEALED_ROWS));

        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json()).containsEntry("rows", 4).containsEntry("valid", 1).containsEntry("badRows", 3)
                .containsEntry("startable", false);
        assertThat(list(checked, "problems")).extracting(p -> p.get("row"), p -> p.get("column"), p -> p.get("blocking"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "发文机关", true),
                        org.assertj.core.groups.Tuple.tuple(3, "发文机关", true),
                        org.assertj.core.groups.Tuple.tuple(4, "发文机关", true));
        assertThat(list(checked, "problems")).extracting(p -> (String) p.get("reason")).containsExactly(
                "发文机关 荆门市人民政府办公室 没有电子印章，不能发文", "发文机关 荆门市人民政府 没有电子印章，不能发文",
                "发文机关 荆门市公安局 没有电子印章，不能发文");
        assertProblem(started, 422, "rows-unsealed");
        assertThat(list(started, "rows")).extracting(p -> p.get("row"), p -> p.get("blocking"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, true), org.assertj.core.groups.Tuple.tuple(3, true),
                        org.assertj.core.groups.Tuple.tuple(4, true));
        assertThat(checked.text() + started.text()).doesNotContain("wenshu.signing", "key-alias", "unit-seal-missing");
        assertThat(instruments(f.admin)).isEqualTo(before);
    }

    @Test
    void anUnsealedIssuingUnitFromTheBaseDataStopsTheUploadOnEveryRow() {
        ApiFixture f = fixture();
        Map<String, Object> police = base(b -> b.put("issuingUnit", "荆门市公安局"));

        Reply started = api().multipartParts("/api/v1/bulk-issues", f.admin, Map.of("type", "meeting-notice"),
                upload(csv("主送单位,标题\n市司法局,关于基础数据印章的第一次会议的通知\n市教育局,关于基础数据印章的第二次会议的通知\n"),
                        police));

        assertProblem(started, 422, "rows-unsealed");
        assertThat(list(started, "rows")).extracting(p -> p.get("row"), p -> p.get("column"), p -> p.get("blocking"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "发文机关（基础数据）", true),
                        org.assertj.core.groups.Tuple.tuple(3, "发文机关（基础数据）", true));
        assertThat(started.text()).contains("荆门市公安局 没有电子印章").doesNotContain("wenshu.signing");
    }

    @Test
    void aUnitThatIsNotTheCallersIsForbiddenEvenWithoutASeal() {
        ApiFixture f = fixture();
        String list = "主送单位,发文机关,标题\n市司法局,市公安局,关于越权印章的会议的通知\n";

        Reply own = start(f.prosecutor, csv(list));
        Reply foreign = start(f.otherProsecutor, csv(list));

        assertProblem(own, 403, "rows-forbidden");
        assertProblem(foreign, 403, "rows-forbidden");
        assertThat(list(own, "rows")).isNotEmpty().allSatisfy(p -> assertThat(p).containsEntry("row", 2)
                .containsEntry("column", "发文机关").containsEntry("blocking", true));
        assertThat(own.text()).contains("当前账号不能以「荆门市公安局」的名义发文").doesNotContain("wenshu.signing");
        // The detail tells why the caller is refused (the unit is not theirs), not that the unit has no seal.
        for (Reply reply : List.of(own, foreign)) {
            assertThat((String) reply.json().get("detail")).as(reply.toString())
                    .contains("第 2 行", "当前账号不能以「荆门市公安局」的名义发文").doesNotContain("电子印章");
        }
    }

    @Test
    void baseDataMistakesNoRowCanCorrectAreOneDataRefusal() {
        ApiFixture f = fixture();
        StringBuilder many = new StringBuilder("主送单位,会议时间\n"); // more rows than the skip limit (50)
        for (int i = 0; i < 60; i++) {
            many.append(AGENCIES.get(i % AGENCIES.size())).append(",第").append(i + 1).append("场\n");
        }
        Map<String, Object> broken = base(b -> {
            b.remove("title");
            b.put("meetingHost", "张三");
            b.put("date", "2024-02-30");
        });
        long before = instruments(f.admin);

        Reply checked = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                upload(csv(many.toString()), broken));
        Reply started = api().multipartParts("/api/v1/bulk-issues", f.admin, Map.of("type", "meeting-notice"),
                upload(csv(many.toString()), broken));
        Reply titled = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                upload(csv("主送单位,标题\n市公安局,关于逐行标题的会议的通知\n"), base(b -> b.remove("title"))));

        for (Reply reply : List.of(checked, started)) {
            assertPartProblem(reply, 422, "data-refused", "data.title");
            assertThat(list(reply, "errors")).extracting(e -> e.get("field"))
                    .containsExactlyInAnyOrder("data.title", "data.meetingHost", "data.date");
            assertThat(reply.text()).contains("标题：必须填写", "2024-02-30").doesNotContain("第 2 行", "too-many-bad-rows");
        }
        assertThat(titled.status()).as("a row may give what the base data lacks: %s", titled).isEqualTo(200);
        assertThat(titled.json()).containsEntry("valid", 1);
        assertThat(instruments(f.admin)).isEqualTo(before);
    }

    @Test
    void unusableUploadsAreProblemDocumentsNamingThePart() {
        ApiFixture f = fixture();
        Map<String, FilePart> withoutData = new LinkedHashMap<>();
        withoutData.put("list", csv("主送单位,标题\n市公安局,关于缺件的通知\n"));

        Reply missing = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                withoutData);
        Reply unknownType = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "no-such-type"),
                upload(csv("主送单位,标题\n市公安局,关于类型的通知\n")));
        Reply gbk = validate(f.admin, new FilePart("名单.csv", "text/csv",
                "主送单位,标题\n市公安局,关于编码的会议的通知\n".getBytes(Charset.forName("GBK"))));
        StringBuilder many = new StringBuilder("主送单位,标题\n");
        for (int i = 0; i <= 10_000; i++) {
            many.append("市公安局,关于第").append(i).append("次会议的通知\n");
        }
        Reply tooMany = validate(f.admin, csv(many.toString()));
        Reply pdf = validate(f.admin, new FilePart("名单.pdf", "application/pdf", pdf("not a list")));
        Reply fakeXlsx = validate(f.admin, new FilePart("名单.xlsx", "application/octet-stream", pdf("not a workbook")));
        Map<String, FilePart> badJson = new LinkedHashMap<>();
        badJson.put("list", csv("主送单位,标题\n市公安局,关于数据的通知\n"));
        badJson.put("data", new FilePart("基础数据.json", "application/json", "{\"title\": ".getBytes(StandardCharsets.UTF_8)));
        Reply brokenData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                badJson);
        Reply badHeader = validate(f.admin, csv("收件人,标题\n市公安局,关于表头的通知\n"));
        Reply headerOnly = validate(f.admin, csv("主送单位,标题\n"));
        Reply txt = validate(f.admin, new FilePart("名单.txt", "text/plain",
                "主送单位,标题\n市公安局,关于文本的通知\n".getBytes(StandardCharsets.UTF_8)));
        Reply json = api().json("POST", "/api/v1/bulk-issues", f.admin, Map.of("type", "meeting-notice"));

        assertPartProblem(missing, 400, "invalid-request", "data");
        assertPartProblem(unknownType, 400, "unknown-type", "type");
        assertPartProblem(gbk, 422, "list-refused", "list");
        assertThat(gbk.text()).contains("GBK", "UTF-8", "encoding 部分").doesNotContain("命令", "CSV 编码");
        assertPartProblem(tooMany, 422, "list-refused", "list");
        assertThat(tooMany.text()).contains("10000");
        assertPartProblem(pdf, 422, "list-refused", "list");
        assertThat(pdf.text()).contains(".xlsx");
        assertPartProblem(fakeXlsx, 422, "list-refused", "list");
        assertPartProblem(brokenData, 422, "data-refused", "data");
        assertThat(brokenData.text()).contains("JSON");
        assertPartProblem(badHeader, 422, "list-refused", "list");
        assertThat(badHeader.text()).contains("收件人");
        assertPartProblem(headerOnly, 422, "list-refused", "list");
        assertThat(headerOnly.text()).contains("名单没有数据行");
        assertPartProblem(txt, 422, "list-refused", "list");
        assertThat(txt.text()).contains(".csv（UTF-8）或 .xlsx", "另存为");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).startsWith("application/problem+json");
    }

    /** What a user reads names the cause in Chinese: never a server path, a library's English text or a wrong setting. */
    @Test
    void refusalsExplainInChineseWithoutServerPathsOrLibraryTexts() {
        ApiFixture f = fixture();
        Reply fakeXlsx = validate(f.admin, new FilePart("名单.xlsx", "application/octet-stream", pdf("not a workbook")));
        Reply brokenCsv = validate(f.admin, csv("主送单位,标题\n市公安局,\"关于\"召开会议的通知\n"));
        Map<String, FilePart> badJson = new LinkedHashMap<>();
        badJson.put("list", csv("主送单位,标题\n市公安局,关于数据的通知\n"));
        badJson.put("data", new FilePart("基础数据.json", "application/json",
                "{\n  \"title\": \"关于会议的通知\"\n  \"place\": \"第一会议室\"\n}".getBytes(StandardCharsets.UTF_8)));
        Reply brokenData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                badJson);
        StringBuilder many = new StringBuilder("主送单位,标题\n");
        for (int i = 0; i <= 10_000; i++) {
            many.append("市公安局,关于第").append(i).append("次会议的通知\n");
        }
        Reply tooMany = validate(f.admin, csv(many.toString()));

        assertPartProblem(fakeXlsx, 422, "list-refused", "list");
        assertThat(fakeXlsx.text()).contains("不是有效的 .xlsx").doesNotContain("bulk-uploads", "/tmp", "Failed", "stream");
        assertPartProblem(brokenCsv, 422, "list-refused", "list");
        assertThat(brokenCsv.text()).contains("第 2 行", "引号").doesNotContain("invalid char", "encapsulated");
        assertPartProblem(brokenData, 422, "data-refused", "data");
        assertThat(brokenData.text()).contains("第 3 行", "缺少逗号").doesNotContain("Unexpected", "expecting");
        assertThat(tooMany.text()).contains("wenshu.batch.max-rows").doesNotContain("bulk.max-rows");
    }

    /**
     * 会议纪要 are recorded from their meeting (which links the notice and tracks the resolutions): neither a bulk list
     * nor a single issue may make them on their own.
     */
    @Test
    void meetingMinutesAreRefusedOutsideTheirMeeting() {
        ApiFixture f = fixture();
        long before = instruments(f.admin);

        Reply bulk = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-minutes"),
                upload(csv("分送单位\n市公安局\n")));
        Reply bulkStart = api().multipartParts("/api/v1/bulk-issues", f.admin, Map.of("type", "meeting-minutes"),
                upload(csv("分送单位\n市公安局\n")));
        Reply single = api().json("POST", "/api/v1/instruments", f.admin, Map.of("typeId", "meeting-minutes",
                "fields", Map.of("title", "关于第一次联席会议的纪要")));
        Reply check = api().json("POST", "/api/v1/instruments/validation", f.admin, Map.of("typeId", "meeting-minutes",
                "fields", Map.of("title", "关于第一次联席会议的纪要")));

        assertPartProblem(bulk, 422, "type-issued-elsewhere", "type");
        assertThat(bulk.text()).contains("会议纪要须在对应的联席会议中录入");
        assertPartProblem(bulkStart, 422, "type-issued-elsewhere", "type");
        assertPartProblem(single, 422, "type-issued-elsewhere", "typeId");
        assertThat(single.text()).contains("/api/v1/meetings/");
        assertPartProblem(check, 422, "type-issued-elsewhere", "typeId");
        assertThat(instruments(f.admin)).isEqualTo(before);
    }

    @Test
    void anUnknownEncodingOrAnOversizedPartIsAProblemNamingThatPart() {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于编码名称的会议的通知\n");
        byte[] big = new byte[25 * 1024 * 1024 + 300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Map<String, FilePart> bigData = new LinkedHashMap<>();
        bigData.put("list", list);
        bigData.put("data", new FilePart("基础数据.json", "application/json", big));
        Map<String, FilePart> bigList = upload(new FilePart("名单.csv", "text/csv", big));

        Reply bogus = start(f.prosecutor, list, "bogus");
        Reply bogusValidation = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor,
                Map.of("type", "meeting-notice", "encoding", "bogus"), upload(list));
        Reply latin = start(f.prosecutor, list, "ISO-8859-1");
        Reply big5 = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor,
                Map.of("type", "meeting-notice", "encoding", "Big5"), upload(new FilePart("名单.csv", "text/csv",
                        "主送機關,標題\n荊門市司法局,關於會議的通知\n".getBytes(Charset.forName("Big5")))));
        Reply tooLargeData = api().multipartParts("/api/v1/bulk-issues", f.prosecutor, Map.of("type", "meeting-notice"),
                bigData);
        Reply tooLargeList = api().multipartParts("/api/v1/bulk-issues", f.prosecutor, Map.of("type", "meeting-notice"),
                bigList);

        for (Reply refused : List.of(bogus, bogusValidation, latin, big5)) {
            assertPartProblem(refused, 400, "unknown-encoding", "encoding");
            assertThat(refused.text()).contains("UTF-8", "GB18030", "GBK").doesNotContain("\"list\"", "Big5、");
        }
        assertThat(big5.text()).contains("Big5 写不出简体中文的表头和单位名称").doesNotContain("主送機關", "荊門市司法局");
        assertThat(bogus.text()).contains("encoding=bogus");
        assertPartProblem(tooLargeData, 413, "upload-too-large", "data");
        assertThat(tooLargeData.text()).contains("基础数据文件 基础数据.json 过大：基础数据文件不超过 1 MB")
                .doesNotContain("\"list\"", "25 MB");
        assertPartProblem(tooLargeList, 413, "upload-too-large", "list");
        assertThat(tooLargeList.text()).contains("名单文件 名单.csv 过大：名单文件不超过 20 MB、10000 行，请拆分为多个文件")
                .doesNotContain("\"data\"", "25 MB");
        assertThat(titled(f.admin, "关于编码名称的")).isEmpty();
    }

    /** Base data or a list whose bytes are not what is required is named by what they are, never a syntax error. */
    @Test
    void filesInAnotherEncodingOrFormatAreNamedByWhatTheyAre() throws Exception {
        ApiFixture f = fixture();
        String json = new String(baseData(), StandardCharsets.UTF_8);
        FilePart list = csv("主送单位,标题\n市公安局,关于文件类型的会议的通知\n");
        java.util.function.Function<byte[], Map<String, FilePart>> withData = data -> {
            Map<String, FilePart> parts = new LinkedHashMap<>();
            parts.put("list", list);
            parts.put("data", new FilePart("基础数据.json", "application/json", data));
            return parts;
        };
        Map<String, String> type = Map.of("type", "meeting-notice");

        Reply gbkData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, type,
                withData.apply(json.getBytes(Charset.forName("GBK"))));
        Reply utf16Data = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, type,
                withData.apply(json.getBytes(StandardCharsets.UTF_16LE)));
        Reply utf16BomData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, type,
                withData.apply(json.getBytes(StandardCharsets.UTF_16)));
        Reply utf16List = validate(f.admin, new FilePart("u16le.csv", "text/csv",
                "主送单位\n市公安局\n".getBytes(StandardCharsets.UTF_16LE)));
        Reply xlsxList = validate(f.admin, new FilePart("xlsx.csv", "text/csv",
                java.nio.file.Files.readAllBytes(Path.of("..", "examples", "meeting-notice-recipients.xlsx"))));

        for (Reply data : List.of(gbkData, utf16Data, utf16BomData)) {
            assertPartProblem(data, 422, "data-refused", "data");
            assertThat(data.text()).contains("基础数据须为 UTF-8 编码的 JSON", "另存为 UTF-8").doesNotContain("第 1 行", "缺少逗号");
        }
        assertThat(gbkData.text()).contains("看起来是 GBK/GB18030");
        assertThat(utf16Data.text()).contains("UTF-16（小端，无 BOM）");
        assertThat(utf16BomData.text()).contains("UTF-16（大端，带 BOM）");
        assertPartProblem(utf16List, 422, "list-refused", "list");
        assertThat(utf16List.text()).contains("UTF-16（小端，无 BOM）", "CSV UTF-8").doesNotContain("GBK", "encoding 部分");
        assertPartProblem(xlsxList, 422, "list-refused", "list");
        assertThat(xlsxList.text()).contains("实际是 Excel 工作簿（.xlsx）", "扩展名改为 .xlsx")
                .doesNotContain("UTF-8 编码", "GBK", "encoding 部分");
    }

    /**
     * A list sent again with a row added (re-saved, so another upload): the check names the rows issued the first time
     * with their numbers and counts only the new row as to issue, as the job will then issue it.
     */
    @Test
    void validationNamesTheRowsAlreadyIssuedWithTheirNumbersAndCountsOnlyTheRest() throws Exception {
        ApiFixture f = fixture();
        String rows = "市公安局,关于重发校验的第一次会议的通知\n市司法局,关于重发校验的第二次会议的通知\n"
                + "市教育局,关于重发校验的第三次会议的通知\n";
        String location = start(f.prosecutor, csv("主送单位,标题\n" + rows)).headers().firstValue("Location").orElseThrow();
        Map<String, Object> first = awaitEnd(f.prosecutor, location + "?limit=10");
        assertThat(first).containsEntry("issued", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) first.get("records");
        FilePart again = csv(("主送单位,标题\n" + rows + "市民政局,关于重发校验的第四次会议的通知\n").replace("\n", "\r\n"));
        FilePart allAgain = csv(("主送单位,标题\n" + rows).replace("\n", "\r\n"));

        Reply checked = validate(f.prosecutor, again);
        Reply nothingNew = validate(f.prosecutor, allAgain);
        Reply nothingStarted = start(f.prosecutor, allAgain);
        Reply sameUpload = start(f.prosecutor, csv("主送单位,标题\n" + rows));

        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json()).containsEntry("rows", 4).containsEntry("valid", 1).containsEntry("badRows", 0)
                .containsEntry("startable", true);
        assertThat(list(checked, "problems")).isEmpty();
        assertThat(list(checked, "alreadyIssued")).extracting(a -> a.get("row"), a -> a.get("number")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, records.get(0).get("number")),
                org.assertj.core.groups.Tuple.tuple(3, records.get(1).get("number")),
                org.assertj.core.groups.Tuple.tuple(4, records.get(2).get("number")));
        assertThat((String) list(checked, "alreadyIssued").get(0).get("reason"))
                .contains("与已发出的 " + records.get(0).get("number") + " 完全相同", "不会重复发文");
        assertThat(nothingNew.json()).containsEntry("valid", 0).containsEntry("startable", false);
        assertThat((String) nothingNew.json().get("obstacle")).contains("已发过文");
        assertProblem(nothingStarted, 422, "no-valid-rows");
        assertThat(nothingStarted.text()).contains("3 行已发过文");
        // The upload that issued them is its own job instance: confirming it again finds that execution.
        assertThat(sameUpload.status()).as(sameUpload.toString()).isEqualTo(200);
        assertThat(sameUpload.headers().firstValue("Location")).contains(location);

        Reply started = start(f.prosecutor, again);

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Map<String, Object> done = awaitEnd(f.prosecutor, started.headers().firstValue("Location").orElseThrow());
        assertThat(done).containsEntry("issued", 1);
        assertThat(titled(f.admin, "关于重发校验的")).hasSize(4);
    }

    /**
     * The same upload checked again once it was issued: every row is named as issued by that execution, with its
     * number, none is counted as to issue, and the check leads to the execution instead of offering a start.
     */
    @Test
    void validationOfAnUploadIssuedBeforeNamesItsRowsAsIssuedByThatExecution() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于同单重验的第一次会议的通知\n市司法局,关于同单重验的第二次会议的通知\n");
        String location = start(f.prosecutor, list).headers().firstValue("Location").orElseThrow();
        Map<String, Object> first = awaitEnd(f.prosecutor, location + "?limit=10");
        assertThat(first).containsEntry("issued", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) first.get("records");

        Reply checked = validate(f.prosecutor, list);

        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json()).containsEntry("rows", 2).containsEntry("valid", 0).containsEntry("alreadyIssuedRows", 2)
                .containsEntry("badRows", 0).containsEntry("startable", false);
        assertThat(list(checked, "alreadyIssued")).extracting(a -> a.get("row"), a -> a.get("number"),
                a -> map(a.get("execution")).get("id")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, records.get(0).get("number"), (int) id(location)),
                org.assertj.core.groups.Tuple.tuple(3, records.get(1).get("number"), (int) id(location)));
        assertThat((String) list(checked, "alreadyIssued").get(0).get("reason"))
                .contains("批量发文 #" + id(location), (String) records.get(0).get("number"), "不会重复发文");
        assertThat(map(checked.json().get("execution"))).containsEntry("href", location).containsEntry("resumable", false);
        assertThat((String) checked.json().get("obstacle")).contains("#" + id(location), "不会重复发文");
        assertThat(list(checked, "problems")).isEmpty();
        assertThat(titled(f.admin, "关于同单重验的")).hasSize(2);
    }

    /**
     * A list whose execution died with rows left to issue: the check counts as to issue exactly the rows the resumed
     * job then issues, and names the others as issued by that execution.
     */
    @Test
    void validationOfAPartlyIssuedUploadCountsOnlyTheRowsLeftToIssue() throws Exception {
        ApiFixture f = fixture();
        String location = killedAfterTwoOfSix(f, "部分重验");
        // As if the process had died before its last two rows: their instruments are not this list's.
        org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        List<String> lastTwo = List.of("关于部分重验的第5次会议的通知", "关于部分重验的第6次会议的通知");
        jdbc.update("UPDATE register_entries SET idempotency_key = idempotency_key || '-moved' WHERE idempotency_key IN "
                + "(SELECT idempotency_key FROM instruments WHERE title IN (?, ?))", lastTwo.get(0), lastTwo.get(1));
        assertThat(jdbc.update("UPDATE instruments SET idempotency_key = idempotency_key || '-moved', title = title || '（另发）' "
                + "WHERE title IN (?, ?)", lastTwo.get(0), lastTwo.get(1))).isEqualTo(2);

        Reply checked = validate(f.prosecutor, csv(lastList));
        Reply started = start(f.prosecutor, csv(lastList));

        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json()).containsEntry("rows", 6).containsEntry("valid", 2).containsEntry("alreadyIssuedRows", 4)
                .containsEntry("startable", true);
        assertThat(list(checked, "alreadyIssued")).extracting(a -> a.get("row"), a -> map(a.get("execution")).get("id"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, (int) id(location)),
                        org.assertj.core.groups.Tuple.tuple(3, (int) id(location)),
                        org.assertj.core.groups.Tuple.tuple(4, (int) id(location)),
                        org.assertj.core.groups.Tuple.tuple(5, (int) id(location)));
        assertThat(map(checked.json().get("execution"))).containsEntry("resumable", true);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Map<String, Object> done = awaitEnd(f.prosecutor, started.headers().firstValue("Location").orElseThrow());
        assertThat(done).as(done.toString()).containsEntry("status", "COMPLETED").containsEntry("issued", 2);
        assertThat(titled(f.admin, "关于部分重验的")).hasSize(8);
    }

    /** A key given twice in the base data is refused naming it, never read as its last value. */
    @Test
    void aKeyGivenTwiceInTheBaseDataIsRefusedByName() {
        ApiFixture f = fixture();
        String data = new String(baseData(), StandardCharsets.UTF_8);
        Map<String, FilePart> parts = new LinkedHashMap<>();
        parts.put("list", csv("主送单位\n市公安局\n"));
        parts.put("data", new FilePart("基础数据.json", "application/json", ("{\"title\": \"关于重复键的第一次会议的通知\", "
                + data.substring(1)).getBytes(StandardCharsets.UTF_8)));

        Reply checked = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor, Map.of("type", "meeting-notice"),
                parts);

        assertPartProblem(checked, 422, "data-refused", "data");
        assertThat(checked.text()).contains("字段「title」出现了两次").doesNotContain("Duplicate");
    }

    /** An empty type names no type: the same problem as no type part at all, on both operations. */
    @Test
    void anEmptyTypeIsTheSameProblemAsAMissingOne() {
        ApiFixture f = fixture();
        Map<String, FilePart> parts = upload(csv("主送单位,标题\n市公安局,关于空类型的会议的通知\n"));

        Reply missing = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of(), parts);
        Reply empty = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", ""), parts);
        Reply blank = api().multipartParts("/api/v1/bulk-issues", f.admin, Map.of("type", " "), parts);

        for (Reply reply : List.of(missing, empty, blank)) {
            assertPartProblem(reply, 400, "invalid-request", "type");
            assertThat(reply.json().get("detail")).as(reply.toString()).isEqualTo(missing.json().get("detail"));
        }
        assertThat(titled(f.admin, "关于空类型的")).isEmpty();
    }

    /**
     * A part or parameter that takes one value, given twice, is refused naming it: neither the second list dropped nor
     * two types joined with a comma.
     */
    @Test
    void aSingleValuedPartOrParameterGivenTwiceIsRefusedByName() throws Exception {
        ApiFixture f = fixture();
        String twoLists = "--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nmeeting-notice\r\n"
                + filePart("list", "list.csv", "主送单位,标题\n市公安局,关于两份名单的第一次会议的通知\n")
                + filePart("list", "list2.csv", "主送单位,标题\n市司法局,关于两份名单的第二次会议的通知\n")
                + filePart("data", "data.json", new String(baseData(), StandardCharsets.UTF_8)) + "--b--\r\n";
        String twoTypes = "--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nmeeting-notice\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nreply-reminder\r\n"
                + filePart("list", "list.csv", "主送单位,标题\n市公安局,关于两种类型的会议的通知\n")
                + filePart("data", "data.json", new String(baseData(), StandardCharsets.UTF_8)) + "--b--\r\n";

        Reply lists = api().send("POST", "/api/v1/bulk-issues/validate", f.prosecutor, "multipart/form-data; boundary=b",
                twoLists.getBytes(StandardCharsets.UTF_8), Map.of());
        Reply types = api().send("POST", "/api/v1/bulk-issues", f.prosecutor, "multipart/form-data; boundary=b",
                twoTypes.getBytes(StandardCharsets.UTF_8), Map.of());
        Reply pages = api().get("/api/v1/bulk-issues?page=0&page=1", f.prosecutor);

        assertPartProblem(lists, 400, "invalid-request", "list");
        assertThat(lists.text()).contains("「list」只能给一个，收到 2 个");
        assertPartProblem(types, 400, "invalid-request", "type");
        assertThat(types.text()).contains("「type」只能给一个，收到 2 个").doesNotContain("meeting-notice,reply-reminder");
        assertPartProblem(pages, 400, "invalid-request", "page");
        assertThat(titled(f.admin, "关于两份名单的")).isEmpty();
        assertThat(titled(f.admin, "关于两种类型的")).isEmpty();
    }

    private static String filePart(String name, String fileName, String content) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
    }

    private static void assertPartProblem(Reply reply, int status, String kind, String field) {
        assertProblem(reply, status, kind);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.json().get("errors");
        assertThat(errors).as(reply.toString()).extracting(e -> e.get("field")).contains(field);
    }

    /**
     * One limit, one sentence: a list over the list limit is told the same whether the servlet container (past its
     * per-file limit) or the application (past wenshu.batch.max-list-size) finds it; a text part too long is that
     * field too long, not the upload as a whole.
     */
    @Test
    void sizeLimitsAreStatedOnceAndBlameThePartAtFault() {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于长字段的会议的通知\n");
        byte[] over = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(over, (byte) ' ');
        String longText = "x".repeat(1_000_000);

        Reply overList = validate(f.prosecutor, new FilePart("大名单.csv", "text/csv", over));
        Reply longType = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor, Map.of("type", longText),
                upload(list));
        Reply longEncoding = api().multipartParts("/api/v1/bulk-issues", f.prosecutor,
                Map.of("type", "meeting-notice", "encoding", longText), upload(list));

        assertPartProblem(overList, 413, "upload-too-large", "list");
        assertThat(overList.text()).contains("名单文件 大名单.csv 过大：名单文件不超过 20 MB、10000 行，请拆分为多个文件")
                .doesNotContain("字节", "20971520");
        assertPartProblem(longType, 413, "upload-too-large", "type");
        assertThat(longType.text()).contains("「type」过长").doesNotContain("合计", "60 MB", "xxxxxxxxxx");
        assertPartProblem(longEncoding, 413, "upload-too-large", "encoding");
        assertThat(longEncoding.text()).contains("「encoding」过长").doesNotContain("合计", "\"upload\"", "xxxxxxxxxx");
        // Past the 2 MB the text parts may hold together, no part is named, but the text fields are blamed, not the files.
        Reply overPostSize = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor,
                Map.of("type", "x".repeat(3_000_000)), upload(list));
        assertThat(overPostSize.status()).isEqualTo(413);
        assertThat(overPostSize.text()).contains("文本字段过长", "各不超过 100 个字符").doesNotContain("60 MB", "xxxxxxxxxx");
        assertThat(titled(f.admin, "关于长字段的")).isEmpty();
    }

    /**
     * A body that says multipart but is not (no boundary) is malformed (400), not "not multipart" (415); a file sent as
     * a text part is told it must be a file part, not that it is missing.
     */
    @Test
    void multipartMistakesAreNamedAsTheyAre() {
        ApiFixture f = fixture();
        byte[] xx = "xx".getBytes(StandardCharsets.UTF_8);
        Map<String, FilePart> dataAsText = new LinkedHashMap<>();
        dataAsText.put("list", csv("主送单位,标题\n市公安局,关于文字部分的会议的通知\n"));

        Reply[] malformed = {
                api().send("POST", "/api/v1/bulk-issues/validate", f.prosecutor, "multipart/form-data", xx, Map.of()),
                api().send("POST", "/api/v1/bulk-issues", f.prosecutor, "multipart/form-data", xx, Map.of()),
                api().send("POST", "/api/v1/instruments/" + f.recordA.get("id") + "/responses", f.agencyA,
                        "multipart/form-data", xx, Map.of()),
                api().send("POST", "/api/v1/verify", Auth.none(), "multipart/form-data", xx, Map.of())};
        Reply json = api().send("POST", "/api/v1/bulk-issues/validate", f.prosecutor, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        Reply textData = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor,
                Map.of("type", "meeting-notice", "data", "{\"title\":\"x\"}"), dataAsText);

        for (Reply reply : malformed) {
            assertProblem(reply, 400, "malformed-multipart");
            assertThat(reply.text()).contains("boundary").doesNotContain("此操作须以");
        }
        Map<String, FilePart> typeAsFile = upload(csv("主送单位,标题\n市公安局,关于文件部分的会议的通知\n"));
        typeAsFile.put("type", new FilePart("type.txt", "text/plain", "meeting-notice".getBytes(StandardCharsets.UTF_8)));
        Reply fileType = api().multipartParts("/api/v1/bulk-issues/validate", f.prosecutor, Map.of(), typeAsFile);

        assertProblem(json, 415, "unsupported-media-type");
        assertPartProblem(textData, 400, "invalid-request", "data");
        assertThat(textData.text()).contains("须以文件部分上传").doesNotContain("缺少「data」");
        assertPartProblem(fileType, 400, "invalid-request", "type");
        assertThat(fileType.text()).contains("须为文字字段").doesNotContain("缺少「type」");
    }

    /**
     * Tomcat's form limit is raised for multipart text parts; a URL-encoded body, read whole into memory, is still
     * refused past 2 MB before anything reads it.
     */
    @Test
    void aLargeUrlEncodedBodyIsRefusedBeforeItIsRead() {
        ApiFixture f = fixture();
        byte[] body = ("result=" + "x".repeat(3_000_000)).getBytes(StandardCharsets.UTF_8);

        Reply refused = api().send("POST", "/api/v1/leads/none/result", f.prosecutor,
                "application/x-www-form-urlencoded", body, Map.of());

        assertProblem(refused, 413, "upload-too-large");
        assertThat(refused.text()).contains("2 MB");
    }

    /**
     * A conflict with an execution the caller may not see names no execution id (the caller would get 404 for it)
     * and says truthfully who issued the list — here the office's administrator, in the caller's own unit's name.
     */
    @Test
    void aConflictNamesNoHiddenExecutionAndWhoIssuedTheList() throws Exception {
        ApiFixture f = fixture();
        FilePart list = csv("主送单位,标题\n市公安局,关于冲突说明的会议的通知\n");
        Reply first = start(f.admin, list);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        awaitEnd(f.admin, location);

        Reply again = start(f.prosecutor, list);

        assertProblem(again, 409, "bulk-issue-conflict");
        assertThat(again.text()).contains("管理员", "登记簿").doesNotContain("执行 " + id, "（执行", "其他单位");
        assertThat(api().get(location, f.prosecutor).status()).isEqualTo(404);
    }

    /** Messages name the files as uploaded, and read as sentences when the upload gave no file name. */
    @Test
    void messagesNameTheUploadedFiles() {
        ApiFixture f = fixture();
        Reply fakeXlsx = validate(f.admin, new FilePart("季度名单.xlsx", "application/octet-stream", pdf("not a workbook")));
        Reply unnamedXlsx = validate(f.admin, new FilePart("", "application/octet-stream", pdf("not a workbook")));
        Map<String, FilePart> badJson = new LinkedHashMap<>();
        badJson.put("list", csv("主送单位,标题\n市公安局,关于文件名的通知\n"));
        badJson.put("data", new FilePart("会议数据.json", "application/json", "{\"title\": ".getBytes(StandardCharsets.UTF_8)));
        Reply brokenData = api().multipartParts("/api/v1/bulk-issues/validate", f.admin, Map.of("type", "meeting-notice"),
                badJson);

        assertPartProblem(fakeXlsx, 422, "list-refused", "list");
        assertThat(fakeXlsx.text()).contains("季度名单.xlsx").doesNotContain("（上传的名单）");
        assertPartProblem(unnamedXlsx, 422, "list-refused", "list");
        assertThat(unnamedXlsx.text()).contains("没有文件名").doesNotContain("：\"", "：\\\"", "或 .xlsx：\"");
        assertPartProblem(brokenData, 422, "data-refused", "data");
        assertThat(brokenData.text()).contains("会议数据.json").doesNotContain("（上传的基础数据）");
    }

    /** The API's type list says which types may be issued on their own, and lists only those when asked. */
    @Test
    @SuppressWarnings("unchecked")
    void theTypeListTellsTypesWithTheirOwnWorkflowApart() {
        ApiFixture f = fixture();
        List<Map<String, Object>> all = (List<Map<String, Object>>) api().get("/api/v1/types", f.prosecutor).json().get("items");
        List<Map<String, Object>> issuable = (List<Map<String, Object>>) api().get("/api/v1/types?standalone=true",
                f.prosecutor).json().get("items");

        assertThat(all).filteredOn(t -> t.get("id").equals("meeting-minutes")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("standalone", false));
        assertThat(all).filteredOn(t -> t.get("id").equals("meeting-notice")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("standalone", true));
        assertThat(issuable).extracting(t -> t.get("id")).contains("meeting-notice").doesNotContain("meeting-minutes");
    }
}
