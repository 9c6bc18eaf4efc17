package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.meetings.Meetings;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.SourceKind;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;
import org.wenshu.generator.verification.PdfVerifier;
import org.wenshu.generator.verification.VerificationReport;

/**
 * The meeting pages over HTTP as a browser posts them: an invited unit replies once (a second reply is refused
 * unless it is a correction), a unit the notice does not invite cannot reply, leave needs a reason — each refusal
 * beside its field and nothing stored — and the convening office's minutes with two resolutions come out as a sealed
 * PDF whose text says exactly what was entered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingPagesIntegrationTests extends PagesTestSupport {

    @Autowired
    Meetings meetings;

    @Autowired
    PdfVerifier verifier;

    @Autowired
    TrackedItems trackedItems;

    @Autowired
    javax.sql.DataSource dataSource;

    private long registerSize() {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM register_entries", Long.class);
    }

    @BeforeAll
    void setUp() {
        ensureAccounts();
    }

    /** A meeting notice from the coordination office to 市司法局 (page-agency) and 市教育局, a week ahead. */
    String notice(String title) {
        LocalDate today = instruments.today();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        fields.put("title", title);
        fields.put("recipients", List.of("荆门市司法局", "荆门市教育局"));
        fields.put("purpose", "经研究，定于近期召开联席会议。");
        fields.put("meetingDate", today.plusDays(7).toString());
        fields.put("meetingTime", "上午9:00");
        fields.put("place", "荆门市人民检察院第一会议室");
        fields.put("attendingUnits", List.of("荆门市司法局", "荆门市教育局"));
        fields.put("attendees", "分管负责同志1名");
        fields.put("agenda", List.of("通报工作情况", "研究线索移送规程"));
        fields.put("replyBy", today.plusDays(3).toString());
        fields.put("contact", "李明，0724-2351234");
        fields.put("date", today.toString());
        WenshuUser admin = WenshuUser.of(accounts.require(ADMIN));
        return instruments.issue(admin, "meeting-notice", fields, Optional.empty()).id();
    }

    private static Map<String, String> attend(String name, String position) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("decision", "ATTEND");
        form.put("name", name);
        form.put("position", position);
        return form;
    }

    @Test
    void eachInvitedUnitRepliesOnceAndOnlyACorrectionReplacesIt() {
        String id = notice("关于召开回执测试联席会议的通知");
        PageSession agency = signedIn(AGENCY);
        agency.get("/meetings/" + id);

        Page first = agency.post("/meetings/" + id + "/attendance", attend("王明", "副局长"));
        Page form = agency.get("/meetings/" + id);
        Page second = agency.post("/meetings/" + id + "/attendance", attend("李强", "科长"));
        Map<String, String> correction = attend("李强", "科长");
        correction.put("correction", "true");
        agency.get("/meetings/" + id);
        Page corrected = agency.post("/meetings/" + id + "/attendance", correction);

        assertThat(first.status()).isEqualTo(302);
        assertThat(first.location()).endsWith("/meetings/" + id + "?done=reply");
        assertThat(form.body()).contains("本单位的参会回执", "王明（副局长）", "更正参会回执");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body()).contains("已对会议通知", "提交过参会回执", "更正回执");
        assertThat(corrected.status()).isEqualTo(302);
        assertThat(corrected.location()).endsWith("?done=correct");
        assertThat(meetings.find(id, "jm-justice")).hasValueSatisfying(reply -> {
            assertThat(reply.revision()).isEqualTo(2);
            assertThat(reply.attendees()).extracting(a -> a.name()).containsExactly("李强");
        });
        Page inbox = agency.get("/inbox/" + id);
        PageSession office = signedIn(ADMIN);
        Page record = office.get("/instruments/" + id);
        Page table = office.get("/meetings/" + id);
        assertThat(inbox.body()).contains("href=\"/meetings/" + id + "\"");
        assertThat(record.body()).contains("href=\"/meetings/" + id + "\"", "参会回执汇总与会议纪要");
        assertThat(table.status()).isEqualTo(200);
        assertThat(table.body()).contains("参会回执汇总", "受邀 2 个单位：已回执 1，参会 1（1 人），请假 0，未回执 1",
                "未回执：荆门市教育局", "李强（科长）", "（已更正）");
    }

    @Test
    void aUnitTheNoticeDoesNotInviteCannotReplyAndNothingIsStored() {
        String id = notice("关于召开邀请范围测试联席会议的通知");
        PageSession police = signedIn(OTHER_AGENCY);
        police.get("/meetings");

        Page page = police.get("/meetings/" + id);
        Page post = police.post("/meetings/" + id + "/attendance", attend("张三", "副局长"));
        PageSession prosecutor = signedIn(PROSECUTOR);
        prosecutor.get("/meetings/" + id);
        Page prosecutorPost = prosecutor.post("/meetings/" + id + "/attendance", attend("赵六", "处长"));

        assertThat(page.status()).isEqualTo(404);
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.body()).doesNotContain("邀请范围测试", "张三");
        assertThat(prosecutorPost.status()).isEqualTo(403);
        assertThat(meetings.attendance(id).replied()).isZero();
    }

    @Test
    void leaveNeedsAReasonShownBesideTheField() {
        String id = notice("关于召开请假测试联席会议的通知");
        PageSession agency = signedIn(AGENCY);
        agency.get("/meetings/" + id);

        Page refused = agency.post("/meetings/" + id + "/attendance", Map.of("decision", "LEAVE", "leaveReason", " "));
        Page noPeople = agency.post("/meetings/" + id + "/attendance", Map.of("decision", "ATTEND"));
        Page leave = agency.post("/meetings/" + id + "/attendance", Map.of("decision", "LEAVE",
                "leaveReason", "同日参加省厅专题会议"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"leave-reason-error\"", "请填写请假事由");
        assertThat(noPeople.status()).isEqualTo(422);
        assertThat(noPeople.body()).contains("id=\"attendees-error\"", "参会须填写至少一名参会人员的姓名和职务");
        assertThat(leave.status()).isEqualTo(302);
        assertThat(meetings.find(id, "jm-justice")).hasValueSatisfying(reply ->
                assertThat(reply.leaveReason()).contains("同日参加省厅专题会议"));
    }

    @Test
    void minutesWithTwoResolutionsAreIssuedSealedAndSayExactlyWhatWasEntered() throws IOException {
        String id = notice("关于召开纪要测试联席会议的通知");
        PageSession agency = signedIn(AGENCY);
        agency.get("/meetings/" + id);
        agency.post("/meetings/" + id + "/attendance", attend("王明", "副局长"));
        PageSession admin = signedIn(ADMIN);
        Page form = admin.get("/meetings/" + id + "/minutes");
        String day = instruments.today().plusDays(7).toString();
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("title", "纪要测试联席会议纪要");
        posted.put("meetingDate", day);
        posted.put("date", day);
        posted.put("place", "荆门市人民检察院第一会议室");
        posted.put("chair", "市政府分管副市长");
        posted.put("attendees", "市司法局：王明 副局长");
        posted.put("summary", "会议研究了公益诉讼线索移送工作。\n会议要求各单位按期落实。");
        posted.put("recipients", "荆门市司法局");
        posted.put("r.title", "制定公益诉讼线索移送工作规程");
        posted.put("r.lead", "荆门市司法局");
        posted.put("r.co", "荆门市公安局、荆门市教育局");
        posted.put("r.deadline", LocalDate.parse(day).plusMonths(3).toString());
        String body = encodeSecondRow(posted, "组织同堂培训", "荆门市教育局", "", LocalDate.parse(day).plusMonths(1).toString());

        long numbersBefore = registerSize();
        Page badUnit = admin.post("/meetings/" + id + "/minutes", withRow(posted, "r.lead", "不存在的局"));
        long numbersAfterRefusal = registerSize();
        int issuedStatus = postRaw(admin, "/meetings/" + id + "/minutes", body);

        assertThat(form.body()).contains("纪要测试联席会议纪要", "市司法局：王明 副局长", "id=\"resolution-rows\"");
        assertThat(badUnit.status()).isEqualTo(422);
        assertThat(badUnit.body()).contains("id=\"resolutions-error\"", "第 1 项的单位「不存在的局」不是已登记的单位");
        assertThat(numbersAfterRefusal).as("no document number taken for refused minutes").isEqualTo(numbersBefore);
        assertThat(issuedStatus).isEqualTo(302);
        String minutesId = meetings.minutesOf(id).orElseThrow();
        InstrumentRecord minutes = instruments.get(WenshuUser.of(accounts.require(ADMIN)), minutesId);
        assertThat(minutes.number().text()).startsWith("荆府检联纪〔");
        byte[] pdf = instruments.instrumentPdf(WenshuUser.of(accounts.require(ADMIN)), minutesId).content();
        VerificationReport report = verifier.verify(pdf);
        assertThat(report.signatures()).hasSize(1);
        assertThat(report.allValid()).as(report.problems().toString()).isTrue();
        String text = text(pdf);
        String deadline1 = chinese(LocalDate.parse(day).plusMonths(3));
        String deadline2 = chinese(LocalDate.parse(day).plusMonths(1));
        assertThat(text).contains("会议通知：" + meetings.notice(id).number().text() + "。",
                "（一）制定公益诉讼线索移送工作规程。牵头单位：荆门市司法局；配合单位：荆门市公安局、荆门市教育局；完成时限："
                        + deadline1 + "前。",
                "（二）组织同堂培训。牵头单位：荆门市教育局；完成时限：" + deadline2 + "前。",
                "市司法局：王明副局长", "分送：荆门市司法局。");
        Page meeting = admin.get("/meetings/" + id + "?done=minutes");
        assertThat(meeting.body()).contains("会议纪要已发文", minutes.number().text(), "制定公益诉讼线索移送工作规程",
                "组织同堂培训");
        List<TrackedItem> items = trackedItems.items(ItemQuery.all().from(SourceKind.RESOLUTION, minutesId));
        assertThat(items).extracting(TrackedItem::number, TrackedItem::title, item -> item.lead().name(),
                item -> item.coUnits().stream().map(u -> u.name()).toList(), item -> item.deadline().dueDate())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "制定公益诉讼线索移送工作规程", "荆门市司法局",
                                List.of("荆门市公安局", "荆门市教育局"), LocalDate.parse(day).plusMonths(3)),
                        org.assertj.core.groups.Tuple.tuple(2, "组织同堂培训", "荆门市教育局", List.of(),
                                LocalDate.parse(day).plusMonths(1)));
        assertThat(meeting.body()).contains("id=\"tracked\"", "议定事项（已转为督办事项）");
        Page retrack = admin.post("/meetings/" + id + "/minutes/tracking", Map.of());
        assertThat(retrack.status()).isEqualTo(302);
        assertThat(trackedItems.items(ItemQuery.all().from(SourceKind.RESOLUTION, minutesId))).hasSize(2);
        admin.get("/meetings/" + id);
        Page again = admin.post("/meetings/" + id + "/minutes", posted);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).contains("已录入会议纪要");
    }

    /**
     * Posts a form body with repeated parameters (two resolution rows) in {@code session}, with its cookies and CSRF
     * token; returns the status.
     */
    private int postRaw(PageSession session, String path, String body) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(session.cookies)
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + enc(session.csrf())))
                            .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> withRow(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    /** The form body with a second resolution row (parameters repeat, as the browser sends them). */
    private static String encodeSecondRow(Map<String, String> form, String title, String lead, String co, String deadline) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(enc(k)).append('=').append(enc(v)).append('&'));
        body.append("r.title=").append(enc(title)).append("&r.lead=").append(enc(lead)).append("&r.co=").append(enc(co))
                .append("&r.deadline=").append(enc(deadline));
        return body.toString();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String chinese(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** The PDF's text in reading order with line breaks and page numbers removed, so wrapped sentences read whole. */
    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            return String.join("", text.lines().filter(line -> !line.matches("— \\d+ —")).toList())
                    .replaceAll("\\s+", "");
        }
    }
}
