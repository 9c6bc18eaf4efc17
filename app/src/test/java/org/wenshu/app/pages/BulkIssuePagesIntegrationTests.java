package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.RecordQuery;
import org.wenshu.batch.BatchJobs;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk-issue page (批量发文): upload → the row-by-row check shows the bad rows before anything is issued →
 * confirm (twice) → progress polled to the end → the skip report and links to records that exist exactly once.
 */
class BulkIssuePagesIntegrationTests extends PagesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HIDDEN = Pattern.compile("name=\"(listFile|dataFile)\" value=\"([^\"]+)\"");

    @Autowired
    BatchJobs jobs;

    @BeforeEach
    void accounts() {
        ensureAccounts();
    }

    static byte[] baseData() {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.readValue(Path.of("..", "examples", "meeting-notice.json")
                .toFile(), new TypeReference<Map<String, Object>>() { }));
        fields.remove("documentNumber");
        fields.put("copiesTo", List.of("市政府办"));
        return JSON.writeValueAsBytes(fields);
    }

    static Map<String, Map.Entry<String, byte[]>> upload(String listName, byte[] list, byte[] data) {
        Map<String, Map.Entry<String, byte[]>> parts = new LinkedHashMap<>();
        parts.put("list", Map.entry(listName, list));
        if (data != null) {
            parts.put("data", Map.entry("基础数据.json", data));
        }
        return parts;
    }

    private List<InstrumentRecord> titled(String prefix) {
        WenshuUser admin = WenshuUser.of(accounts.require(ADMIN));
        return instruments.list(admin, RecordQuery.all().type("meeting-notice"), 0, 1000).items().stream()
                .filter(r -> r.title().startsWith(prefix)).toList();
    }

    @Test
    void uploadShowsTheBadRowsThenConfirmIssuesEachValidRowOnceWithLiveProgress() throws Exception {
        PageSession office = signedIn(ADMIN);
        assertThat(office.get("/bulk-issues").body()).contains("批量发文", "name=\"list\"", "name=\"data\"");
        String list = "主送单位,标题\r\n市公安局,关于页面批量的第一次会议的通知\r\n市外星局,关于页面批量的第二次会议的通知\r\n"
                + "市司法局,+关于页面批量的第三次会议的通知\r\n市教育局,关于页面批量的第四次会议的通知\r\n"
                + "市民政局,关于页面批量的第五次会议的通知\r\n";

        Page preview = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", ("\uFEFF" + list).getBytes(StandardCharsets.UTF_8), baseData()));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("有错误的行", "确认发文（3 份）", "市外星局", "可能被表格软件当作公式执行")
                .containsPattern("<td data-label=\"行号\">3</td>\\s*<td data-label=\"列\">主送单位</td>")
                .containsPattern("<td data-label=\"行号\">4</td>\\s*<td data-label=\"列\">标题</td>")
                .doesNotContain("disabled=\"disabled\"");
        assertThat(titled("关于页面批量的")).isEmpty();
        Map<String, String> confirm = new LinkedHashMap<>();
        confirm.put("type", "meeting-notice");
        confirm.put("encoding", "");
        Matcher hidden = HIDDEN.matcher(preview.body());
        while (hidden.find()) {
            confirm.put(hidden.group(1), hidden.group(2));
        }
        assertThat(confirm).containsKeys("listFile", "dataFile");

        Page first = office.post("/bulk-issues", confirm);
        Page second = office.post("/bulk-issues", confirm);

        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.location()).matches(".*/bulk-issues/\\d+");
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.location()).isEqualTo(first.location() + "?again");
        String path = first.location().substring(first.location().indexOf("/bulk-issues/"));
        Page page = office.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("批量发文 #", "id=\"progress\"");

        String fragment = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        boolean sawPolling = page.body().contains("hx-trigger=\"every 1s\"");
        while (System.nanoTime() < deadline) {
            fragment = office.get(path + "/progress").body();
            if (fragment.contains("data-status=\"COMPLETED\"") || fragment.contains("data-status=\"FAILED\"")) {
                break;
            }
            sawPolling |= fragment.contains("hx-trigger=\"every 1s\"");
            Thread.sleep(250);
        }

        assertThat(sawPolling).as("the page polls while the job runs").isTrue();
        assertThat(fragment).contains("data-status=\"COMPLETED\"", "已完成", "跳过的行", "本次执行发出的文书")
                .contains("本次执行发出 <strong id=\"issued-count\">3</strong> 份").doesNotContain("hx-trigger");
        List<InstrumentRecord> issued = titled("关于页面批量的");
        assertThat(issued).extracting(InstrumentRecord::title).containsExactlyInAnyOrder("关于页面批量的第一次会议的通知",
                "关于页面批量的第四次会议的通知", "关于页面批量的第五次会议的通知");
        String finished = fragment;
        issued.forEach(record -> assertThat(finished).contains("/instruments/" + record.id(), record.number().text()));
        assertThat(office.get("/bulk-issues").body()).contains(path);
    }

    @Test
    void rowsWhoseIssuingUnitHasNoSealAreShownAsBlockingNotAsSkipped() {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        String list = "主送单位,发文机关,标题\r\n市司法局,市政府办,关于页面印章的第一次会议的通知\r\n"
                + "市教育局,市公安局,关于页面印章的第二次会议的通知\r\n"
                + "市外星局,荆门市“府检联动”工作领导小组办公室,关于页面印章的第三次会议的通知\r\n"
                + "市民政局,荆门市“府检联动”工作领导小组办公室,关于页面印章的第四次会议的通知\r\n";

        Page preview = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list.getBytes(StandardCharsets.UTF_8), baseData()));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.body()).contains("发文机关 荆门市人民政府办公室 没有电子印章，不能发文",
                        "发文机关 荆门市公安局 没有电子印章，不能发文", "disabled=\"disabled\"")
                .containsPattern("id=\"blocking-rows\">2</strong>\\s*行阻止发文")
                .containsPattern("id=\"skipped-rows\">1</strong> 行有错误")
                .containsPattern("<td data-label=\"行号\">2</td>\\s*<td data-label=\"列\">发文机关</td>\\s*"
                        + "<td data-label=\"原因\">[^<]*</td>\\s*<td data-label=\"结果\">阻止发文</td>")
                .containsPattern("<td data-label=\"行号\">4</td>\\s*<td data-label=\"列\">主送单位</td>\\s*"
                        + "<td data-label=\"原因\">[^<]*</td>\\s*<td data-label=\"结果\">跳过此行</td>")
                .doesNotContain("3</strong> 行有错误", "将被跳过", "wenshu.signing", "key-alias");
        assertThat(titled("关于页面印章的")).isEmpty();
    }

    @Test
    void baseDataMistakesAreOneMessageBesideTheDataField() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        Map<String, Object> broken = new LinkedHashMap<>(JSON.readValue(baseData(), new TypeReference<Map<String, Object>>() { }));
        broken.remove("title");
        StringBuilder list = new StringBuilder("主送单位,会议时间\r\n");
        for (int i = 1; i <= 9; i++) {
            list.append("市公安局,第").append(i).append("场\r\n");
        }

        Page refused = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list.toString().getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(broken)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).containsPattern("id=\"data-error\"[^>]*>[^<]*标题\\(title\\)：必须填写")
                .doesNotContain("第 2 行", "有错误的行");
    }

    @Test
    void timesAreShownInTheConfiguredZone() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues"); // the form's CSRF token (signing in changes it)
        String list = "主送单位,标题\r\n市公安局,关于页面时间的会议的通知\r\n";
        Page preview = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list.getBytes(StandardCharsets.UTF_8), baseData()));
        Map<String, String> confirm = new LinkedHashMap<>(Map.of("type", "meeting-notice", "encoding", ""));
        Matcher hidden = HIDDEN.matcher(preview.body());
        while (hidden.find()) {
            confirm.put(hidden.group(1), hidden.group(2));
        }
        Page started = office.post("/bulk-issues", confirm);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        long id = Long.parseLong(started.location().replaceAll(".*/bulk-issues/(\\d+).*", "$1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (jobs.execution(id).orElseThrow().getStartTime() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        LocalDateTime recorded = jobs.execution(id).orElseThrow().getStartTime();

        String recent = office.get("/bulk-issues").body();
        Page failure = office.get("/error");

        // Spring Batch records the JVM's local time; the page shows it in wenshu.archive.zone (Asia/Shanghai).
        ZonedDateTime start = recorded.atZone(ZoneId.systemDefault()).withZoneSameInstant(ZoneId.of("Asia/Shanghai"));
        assertThat(recent).contains(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(start));
        assertThat(failure.body()).contains("系统暂时无法完成操作").doesNotContain("UTC", "GMT");
        Matcher time = Pattern.compile("时间：(\\d{4})年(\\d{2})月(\\d{2})日 (\\d{2}):(\\d{2}):(\\d{2})").matcher(failure.body());
        assertThat(time.find()).as(failure.body()).isTrue();
        ZonedDateTime shown = ZonedDateTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)),
                Integer.parseInt(time.group(3)), Integer.parseInt(time.group(4)), Integer.parseInt(time.group(5)),
                Integer.parseInt(time.group(6)), 0, ZoneId.of("Asia/Shanghai"));
        assertThat(Duration.between(shown.toInstant(), java.time.Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void unusableUploadsAreRefusedBesideTheirFieldAndIssueNothing() {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues"); // the form's CSRF token (signing in changes it)

        Page gbk = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("名单.csv",
                "主送单位,标题\n市公安局,关于编码的会议的通知\n".getBytes(Charset.forName("GBK")), baseData()));
        Page noData = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("名单.csv",
                "主送单位,标题\n市公安局,关于缺件的会议的通知\n".getBytes(StandardCharsets.UTF_8), null));
        Page xls = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("名单.xls",
                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, baseData()));
        Page forged = office.post("/bulk-issues", Map.of("type", "meeting-notice", "listFile", "../../db.mv.db",
                "dataFile", "x.json"));

        assertThat(gbk.status()).isEqualTo(422);
        assertThat(gbk.body()).containsPattern("id=\"list-error\"[^>]*>[^<]*GBK[^<]*「CSV 编码」")
                .doesNotContain("在命令中", "encoding=GB18030");
        assertThat(noData.status()).isEqualTo(422);
        assertThat(noData.body()).containsPattern("id=\"data-error\"[^>]*>[^<]*缺少基础数据");
        assertThat(xls.status()).isEqualTo(422);
        assertThat(xls.body()).contains("另存为 .xlsx");
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.body()).contains("上传的文件已失效");
        assertThat(titled("关于编码的会议")).isEmpty();
    }

    @Test
    void filesInAnotherEncodingOrFormatAreNamedBesideTheirField() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        byte[] list = "主送单位,标题\n市公安局,关于页面文件类型的会议的通知\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbkData = new String(baseData(), StandardCharsets.UTF_8).getBytes(Charset.forName("GBK"));

        Page renamed = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("xlsx.csv",
                java.nio.file.Files.readAllBytes(Path.of("..", "examples", "meeting-notice-recipients.xlsx")), baseData()));
        Page utf16 = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("u16le.csv",
                "主送单位\n市公安局\n".getBytes(StandardCharsets.UTF_16LE), baseData()));
        Page gbk = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list, gbkData));

        assertThat(renamed.status()).isEqualTo(422);
        assertThat(renamed.body()).containsPattern("id=\"list-error\"[^>]*>[^<]*实际是 Excel 工作簿（.xlsx）[^<]*扩展名改为 .xlsx")
                .doesNotContain("「CSV 编码」");
        assertThat(utf16.status()).isEqualTo(422);
        assertThat(utf16.body()).containsPattern("id=\"list-error\"[^>]*>[^<]*UTF-16（小端，无 BOM）[^<]*CSV UTF-8")
                .doesNotContain("「CSV 编码」");
        assertThat(gbk.status()).isEqualTo(422);
        assertThat(gbk.body()).containsPattern("id=\"data-error\"[^>]*>[^<]*看起来是 GBK/GB18030[^<]*基础数据须为 UTF-8 编码的 JSON")
                .doesNotContain("缺少逗号");
    }

    @Test
    void thePreviewNamesTheRowsAlreadyIssuedAndTheConfirmationCountsOnlyTheRest() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        String rows = "市公安局,关于页面重发的第一次会议的通知\n市司法局,关于页面重发的第二次会议的通知\n"
                + "市教育局,关于页面重发的第三次会议的通知\n";
        Page first = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", ("主送单位,标题\n" + rows).getBytes(StandardCharsets.UTF_8), baseData()));
        Page started = office.post("/bulk-issues", confirmation(first, ""));
        awaitEnd(office, started.location());
        Map<String, String> numberOf = new LinkedHashMap<>();
        titled("关于页面重发的").forEach(r -> numberOf.put(r.title(), r.number().text()));

        Page again = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"), upload("名单.csv",
                ("主送单位,标题\n" + rows + "市民政局,关于页面重发的第四次会议的通知\n").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8), baseData()));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("确认发文（1 份）", "已发过文的行")
                .containsPattern("id=\"already-issued-rows\">3</strong>\\s*行已发过文")
                .containsPattern("<td data-label=\"行号\">2</td>\\s*<td data-label=\"已发出的文书\">"
                        + Pattern.quote(numberOf.get("关于页面重发的第一次会议的通知")) + "</td>")
                .containsPattern("<td data-label=\"行号\">4</td>\\s*<td data-label=\"已发出的文书\">"
                        + Pattern.quote(numberOf.get("关于页面重发的第三次会议的通知")) + "</td>")
                .doesNotContain("有错误的行", "disabled=\"disabled\"");
    }

    /**
     * The same list uploaded again once it was issued: its rows are shown as issued by that bulk issue, with their
     * numbers; nothing is offered to confirm, a link leads to that bulk issue instead.
     */
    @Test
    void aListIssuedBeforeIsShownAsIssuedWithALinkToItsBulkIssueInsteadOfAConfirmation() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        byte[] list = ("主送单位,标题\n市公安局,关于页面同单的第一次会议的通知\n市司法局,关于页面同单的第二次会议的通知\n"
                + "市教育局,关于页面同单的第三次会议的通知\n").getBytes(StandardCharsets.UTF_8);
        Page first = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list, baseData()));
        Page started = office.post("/bulk-issues", confirmation(first, ""));
        awaitEnd(office, started.location());
        String path = started.location().substring(started.location().indexOf("/bulk-issues/"));
        String id = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> numberOf = new LinkedHashMap<>();
        titled("关于页面同单的").forEach(r -> numberOf.put(r.title(), r.number().text()));

        Page again = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list, baseData()));

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).containsPattern("<strong class=\"notice\">0</strong> 行可以发文")
                .containsPattern("id=\"already-issued-rows\">3</strong>\\s*行已发过文")
                .containsPattern("<td data-label=\"行号\">2</td>\\s*<td data-label=\"已发出的文书\">"
                        + Pattern.quote(numberOf.get("关于页面同单的第一次会议的通知")) + "</td>\\s*<td[^>]*><a href=\""
                        + Pattern.quote(path) + "\">#" + id + "</a>")
                .contains("id=\"earlier-execution\"", "href=\"" + path + "\"", "批量发文 #" + id)
                .doesNotContain("确认发文", "尚未发出任何文书", "有错误的行");
        assertThat(titled("关于页面同单的")).hasSize(3);
    }

    private Map<String, String> confirmation(Page preview, String encoding) {
        Map<String, String> confirm = new LinkedHashMap<>();
        confirm.put("type", "meeting-notice");
        confirm.put("encoding", encoding);
        Matcher hidden = HIDDEN.matcher(preview.body());
        while (hidden.find()) {
            confirm.put(hidden.group(1), hidden.group(2));
        }
        assertThat(confirm).as(preview.body()).containsKeys("listFile", "dataFile");
        return confirm;
    }

    private void awaitEnd(PageSession session, String location) throws InterruptedException {
        String path = location.substring(location.indexOf("/bulk-issues/"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!session.get(path + "/progress").body().contains("data-status=\"COMPLETED\"")) {
            assertThat(System.nanoTime()).as("bulk issue %s still running", path).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Autowired
    org.springframework.batch.core.repository.JobRepository repository;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void anInterruptedBulkIssueSaysSoAndIsResumedOnceFromItsPage() throws Exception {
        PageSession prosecutor = signedIn(PROSECUTOR);
        prosecutor.get("/bulk-issues");
        String list = "主送单位,标题\r\n市公安局,关于页面续发的第一次会议的通知\r\n市司法局,关于页面续发的第二次会议的通知\r\n"
                + "市教育局,关于页面续发的第三次会议的通知\r\n";
        Page preview = prosecutor.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", list.getBytes(StandardCharsets.UTF_8), baseData()));
        Page started = prosecutor.post("/bulk-issues", confirmation(preview, ""));
        String path = started.location().substring(started.location().indexOf("/bulk-issues/"));
        awaitEnd(prosecutor, path);
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        org.wenshu.app.batch.KilledExecutions.leaveKilled(repository, dataSource, id, 1);

        Page failed = prosecutor.get(path);
        PageSession agencySession = signedIn(AGENCY);
        agencySession.get("/inbox"); // its page's CSRF token
        Page agency = agencySession.post(path + "/restart", Map.of());
        Page forged = prosecutor.post(path + "/restart", Map.of("_csrf", "forged"));
        Page first = prosecutor.post(path + "/restart", Map.of());
        Page second = prosecutor.post(path + "/restart", Map.of());
        assertThat(failed.body()).contains("执行中断", "继续发文");
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        String next = first.location().substring(first.location().indexOf("/bulk-issues/"));
        awaitEnd(prosecutor, next);
        Page continued = prosecutor.get(path);
        Page continuation = prosecutor.get(next);

        assertThat(failed.body()).contains("中断", "执行中断", "名单已处理 <strong>3</strong> / <span>3</span> 行",
                "本次执行发出 <strong id=\"issued-count\">3</strong> 份", "继续发文", "action=\"" + path + "/restart\"",
                "name=\"_csrf\"").doesNotContain("失败原因");
        assertThat(agency.status()).isEqualTo(403);
        // Without the page's CSRF token nothing is resumed: the session is sent to sign in again.
        assertThat(forged.status()).isEqualTo(302);
        assertThat(forged.location()).contains("/login?error=");
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(next).matches("/bulk-issues/\\d+").isNotEqualTo(path);
        assertThat(second.status()).isEqualTo(302);
        assertThat(second.location()).endsWith(next + "?again");
        assertThat(continued.body()).contains("这份名单已由", "href=\"" + next + "\"", "本次执行发出 <strong id=\"issued-count\">3</strong> 份")
                .doesNotContain("action=\"" + path + "/restart\"");
        assertThat(continuation.body()).contains("href=\"" + path + "\"", "中断处", "本次执行发出 <strong id=\"issued-count\">0</strong> 份",
                "这份名单至此共发出", "<strong id=\"list-issued-count\">3</strong>");
        assertThat(titled("关于页面续发的")).hasSize(3);
    }

    @Test
    void confirmingTheSameListUnderAnotherSpellingOfItsEncodingIssuesItOnce() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        String text = "主送单位,标题\r\n市公安局,关于页面编码的第一次会议的通知\r\n市司法局,关于页面编码的第二次会议的通知\r\n";
        Page utf8 = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice", "encoding", ""),
                upload("名单.csv", text.getBytes(StandardCharsets.UTF_8), baseData()));
        Page gbk = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice", "encoding", "GB18030"),
                upload("名单.csv", text.replace("页面编码", "页面编码国标").getBytes(Charset.forName("GBK")), baseData()));
        assertThat(utf8.status()).as(utf8.body()).isEqualTo(200);
        assertThat(gbk.status()).as(gbk.body()).isEqualTo(200);

        Page first = office.post("/bulk-issues", confirmation(utf8, ""));
        Page needless = office.post("/bulk-issues", confirmation(utf8, "GB18030"));
        Page named = office.post("/bulk-issues", confirmation(utf8, "UTF-8"));
        Page gbkFirst = office.post("/bulk-issues", confirmation(gbk, "GB18030"));
        Page gbkAgain = office.post("/bulk-issues", confirmation(gbk, "gbk"));

        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(needless.location()).isEqualTo(first.location() + "?again");
        assertThat(named.location()).isEqualTo(first.location() + "?again");
        assertThat(gbkFirst.status()).as(gbkFirst.body()).isEqualTo(302);
        assertThat(gbkFirst.location()).isNotEqualTo(first.location()).doesNotContain("?again");
        assertThat(gbkAgain.location()).isEqualTo(gbkFirst.location() + "?again");
        awaitEnd(office, first.location());
        awaitEnd(office, gbkFirst.location());
        assertThat(titled("关于页面编码的")).hasSize(2);
        assertThat(titled("关于页面编码国标的")).extracting(InstrumentRecord::title)
                .containsExactlyInAnyOrder("关于页面编码国标的第一次会议的通知", "关于页面编码国标的第二次会议的通知");
    }

    @Test
    void anUnknownEncodingIsRefusedBesideTheEncodingChoice() {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");

        Page bogus = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice", "encoding", "bogus"),
                upload("名单.csv", "主送单位,标题\n市公安局,关于编码选择的会议的通知\n".getBytes(StandardCharsets.UTF_8), baseData()));

        Page big5 = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice", "encoding", "Big5"),
                upload("名单.csv", "主送機關,標題\n荊門市司法局,關於編碼選擇的會議的通知\n".getBytes(Charset.forName("Big5")),
                        baseData()));

        assertThat(bogus.status()).isEqualTo(422);
        assertThat(bogus.body()).containsPattern("id=\"encoding-error\"[^>]*>[^<]*encoding=bogus[^<]*GB18030");
        assertThat(big5.status()).isEqualTo(422);
        assertThat(big5.body()).containsPattern("id=\"encoding-error\"[^>]*>[^<]*Big5 写不出简体中文的表头和单位名称[^<]*GB18030")
                .doesNotContain("主送機關");
        assertThat(titled("关于编码选择的")).isEmpty();
    }

    @Test
    void theListTemplateHeadsEveryFieldButTheNumberByItsChineseLabel() {
        PageSession office = signedIn(PROSECUTOR);

        Page template = office.get("/bulk-issues/template.csv?type=meeting-notice");
        Page unknown = office.get("/bulk-issues/template.csv?type=no-such-type");

        assertThat(template.status()).isEqualTo(200);
        assertThat(template.header("Content-Type")).startsWith("text/csv");
        assertThat(template.body()).startsWith("\uFEFF").contains("主送单位", "标题", "发文机关").doesNotContain("发文字号");
        assertThat(template.body().lines()).hasSize(1);
        assertThat(unknown.status()).isEqualTo(404);
    }

    /** Tampered or truncated links and forms get a page in Chinese, never the framework's English problem document. */
    @Test
    void malformedLinksAndFormsGetAChinesePage() {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");

        Page letters = office.get("/bulk-issues/abc");
        Page noType = office.get("/bulk-issues/template.csv");
        Page noList = office.post("/bulk-issues", Map.of("type", "meeting-notice", "dataFile", "x.json"));
        Page minutes = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-minutes"), upload("名单.csv",
                "分送单位\n市公安局\n".getBytes(StandardCharsets.UTF_8), baseData()));

        for (Page page : List.of(letters, noType, noList)) {
            assertThat(page.status()).as(page.body()).isEqualTo(400);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("链接或表单不完整").doesNotContain("Failed", "Required", "parameter");
        }
        // The upload's own path, opened as a link: not an execution id "validation".
        Page validationLink = office.get("/bulk-issues/validation");
        assertThat(validationLink.status()).as(validationLink.body()).isEqualTo(405);
        assertThat(validationLink.header("Content-Type")).startsWith("text/html");
        assertThat(validationLink.body()).doesNotContain("链接或表单不完整", "Failed", "Request method");
        assertThat(minutes.status()).isEqualTo(422);
        assertThat(minutes.body()).containsPattern("id=\"type-error\"[^>]*>[^<]*会议纪要须在对应的联席会议中录入");
    }

    /**
     * A list over the upload limit, sent without the form's own size check (no JavaScript), fails before the page's
     * controller reads it: the answer still names the limits and says nothing was kept.
     */
    @Test
    void aListOverTheUploadLimitIsRefusedBesideTheList() {
        PageSession office = signedIn(ADMIN);
        office.get("/bulk-issues");
        byte[] huge = new byte[26 << 20];
        java.util.Arrays.fill(huge, (byte) 'a');

        Page refused = office.postParts("/bulk-issues/validation", Map.of("type", "meeting-notice"),
                upload("名单.csv", huge, baseData()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        // The form is kept, the reason beside the list, in the words the form states the limit in.
        assertThat(refused.body()).contains("id=\"bulk-upload\"", "名单文件不超过 20 MB、10000 行")
                .containsPattern("id=\"list-error\"[^>]*>名单文件 名单\\.csv 过大：名单文件不超过 20 MB、10000 行，请拆分为多个文件<")
                .doesNotContain("25MB", "25 MB", "最多 10000 行");
        Page form = office.get("/bulk-issues");
        assertThat(form.body()).contains("名单文件不超过 20 MB、10000 行").doesNotContain("最多 10000 行");
    }

    /** 会议纪要 have their own workflow (their meeting): no page offers them for bulk or standalone issuing. */
    @Test
    void typesWithTheirOwnWorkflowAreNotOffered() {
        PageSession office = signedIn(ADMIN);

        Page form = office.get("/bulk-issues");
        Page template = office.get("/bulk-issues/template.csv?type=meeting-minutes");
        Page chooser = office.get("/instruments/new");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("meeting-notice").doesNotContain("meeting-minutes", "会议纪要");
        assertThat(chooser.body()).contains("procuratorial-suggestion").doesNotContain("meeting-minutes");
        assertThat(template.status()).isEqualTo(422);
        assertThat(template.body()).contains("会议纪要须在对应的联席会议中录入");
    }

    @Test
    void agenciesHaveNoBulkIssuePages() {
        PageSession agency = signedIn(AGENCY);

        assertThat(agency.get("/bulk-issues").status()).isEqualTo(403);
        assertThat(agency.get("/bulk-issues/1").status()).isEqualTo(403);
        assertThat(signedIn(PROSECUTOR).get("/bulk-issues/999999").status()).isEqualTo(404);
    }
}
