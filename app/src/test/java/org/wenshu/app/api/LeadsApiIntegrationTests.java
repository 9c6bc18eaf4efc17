package org.wenshu.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.app.api.ApiClient.Reply;

/**
 * {@code /api/v1/leads}: agency A's lead reaches the procuratorate and A, never agency B, another procuratorate or a
 * researcher — in lists, counts, reads, files and search; the steps in order only; bad input as problem documents.
 */
class LeadsApiIntegrationTests extends ApiIntegrationTest {

    @Test
    void agencyAsLeadIsSeenByTheProcuratorateAndAButNeverByAgencyBInListsReadsFilesAndSearch() throws Exception {
        ApiFixture f = fixture();
        LeadFixture leads = LeadFixture.of(this);
        String id = LeadFixture.id(leads.concluded);
        String path = "/api/v1/leads/" + id;

        Reply listA = api().get("/api/v1/leads?size=200", f.agencyA);
        Reply listB = api().get("/api/v1/leads?size=200", f.agencyB);
        Reply listP = api().get("/api/v1/leads?size=200", f.prosecutor);
        Reply listP2 = api().get("/api/v1/leads?size=200", f.otherProsecutor);

        assertThat(listA.items()).extracting(i -> i.get("id")).contains(id);
        assertThat(listP.items()).extracting(i -> i.get("id")).contains(id);
        assertThat(listB.items()).extracting(i -> i.get("id")).doesNotContain(id);
        assertThat(listB.items()).allSatisfy(i -> assertThat(i.get("filingUnit").toString()).contains("荆门市公安局"));
        assertThat(((Number) listB.json().get("total")).longValue()).isEqualTo(listB.items().size());
        assertThat(listP2.items()).isEmpty();
        assertThat(((Number) listP2.json().get("total")).longValue()).isZero();
        for (String forbidden : List.of(path, path + "/timeline", path + "/files/0", path + "/files/1",
                "/api/v1/leads/" + URLEncoder.encode((String) leads.concluded.get("number"), StandardCharsets.UTF_8))) {
            Reply asB = api().get(forbidden, f.agencyB);
            assertProblem(asB, 404, "not-found");
            assertThat(asB.text()).doesNotContain(LeadFixture.TITLE, "漳河");
            assertProblem(api().get(forbidden, f.otherProsecutor), 404, "not-found");
            assertProblem(api().get(forbidden, f.researcher), 404, "not-found");
        }
        Reply read = api().get(path, f.agencyA);
        assertThat(read.json()).containsEntry("title", LeadFixture.TITLE).containsEntry("status", "CONCLUDED");
        assertThat((String) read.json().get("number")).matches("荆检线索〔\\d{4}〕\\d+号");
        assertThat(api().get(path + "/files/1", f.agencyA).contentType()).startsWith("application/pdf");
        assertThat(api().get(path + "/timeline", f.agencyA).text()).contains("移送线索", "受理", "作出处理决定", "反馈结果");

        String q = "/api/v1/search?size=100&q=" + URLEncoder.encode("漳河 废水", StandardCharsets.UTF_8);
        Reply asA = awaitHit(q, f.agencyA, id);
        Reply asP = awaitHit(q, f.prosecutor, id);
        Reply asB = api().get(q, f.agencyB);
        Reply asP2 = api().get(q, f.otherProsecutor);
        Reply asR = api().get(q, f.researcher);
        Reply asAdmin = awaitHit(q, f.admin, id);

        assertThat(hitIds(asA)).contains(id);
        assertThat(hitIds(asP)).contains(id);
        assertThat(hitIds(asAdmin)).contains(id);
        for (Reply outsider : List.of(asB, asP2, asR)) {
            assertThat(outsider.status()).isEqualTo(200);
            assertThat(hitIds(outsider)).doesNotContain(id);
            assertThat(outsider.text()).doesNotContain("漳河", LeadFixture.TITLE);
            assertThat(((Number) outsider.json().get("total")).longValue())
                    .isEqualTo(((List<?>) outsider.json().get("hits")).size());
            assertThat(outsider.json().get("facets").toString()).doesNotContain("LEAD", "公益诉讼线索");
        }
        Reply kindB = api().get("/api/v1/search?q=" + URLEncoder.encode("kind:lead", StandardCharsets.UTF_8), f.agencyB);
        assertThat(hitIds(kindB)).doesNotContain(id);
    }

    @Test
    void stepsOutOfOrderAreConflictsAndMissingReasonsNameTheirField() {
        ApiFixture f = fixture();
        Map<String, Object> lead = LeadFixture.file(api(), f.agencyA, "关于某餐馆使用过期食材的线索", List.of());
        String path = "/api/v1/leads/" + LeadFixture.id(lead);

        Reply early = api().json("POST", path + "/decision", f.prosecutor, Map.of("decision", "立案"));
        Reply earlyResult = api().multipart(path + "/result", f.prosecutor, Map.of("result", "结果"), List.of());
        Reply ack = api().json("POST", path + "/acknowledgement", f.prosecutor, Map.of());
        Reply again = api().json("POST", path + "/acknowledgement", f.prosecutor, Map.of());
        Reply noReason = api().json("POST", path + "/decision", f.prosecutor, Map.of("decision", "不立案"));
        Reply noBody = api().json("POST", path + "/decision", f.prosecutor, Map.of("decision", "移送其他机关"));
        Reply unknown = api().json("POST", path + "/decision", f.prosecutor, Map.of("decision", "搁置"));
        Reply transfer = api().json("POST", path + "/decision", f.prosecutor,
                Map.of("decision", "移送其他机关", "transferTo", "荆门市市场监督管理局", "reason", "属于行政监管事项"));
        Reply noResult = api().multipart(path + "/result", f.prosecutor, Map.of("result", " "), List.of());

        assertProblem(early, 409, "transition-refused");
        assertThat((String) early.json().get("detail")).contains("尚未受理，请先受理");
        assertProblem(earlyResult, 409, "transition-refused");
        assertThat(ack.status()).isEqualTo(200);
        assertThat((String) ack.json().get("number")).matches("荆检线索〔\\d{4}〕\\d+号");
        assertProblem(again, 409, "transition-refused");
        assertThat((String) again.json().get("detail")).contains("不能重复受理");
        assertProblem(noReason, 400, "invalid-request");
        assertThat(errors(noReason)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "reason")
                .containsEntry("message", "不立案须写明理由"));
        assertThat(errors(noBody)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "transferTo"));
        assertThat(errors(unknown)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "decision"));
        assertThat(transfer.status()).isEqualTo(200);
        assertThat(transfer.json().get("decision").toString()).contains("荆门市市场监督管理局");
        assertThat(errors(noResult)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "result"));
    }

    @Test
    void aHostileAttachmentIsRefusedNamingTheFileAndNothingIsStored() {
        ApiFixture f = fixture();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long leadsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM leads", Long.class);
        long filesBefore = jdbc.queryForObject("SELECT COUNT(*) FROM files", Long.class);
        byte[] elf = new byte[2048];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);

        Reply reply = api().multipart("/api/v1/leads", f.agencyA, Map.of("type", "涉嫌犯罪案件移送",
                        "title", "关于伪装文件的线索", "facts", "事实", "domain", "安全生产", "legalBasis", "依据",
                        "receivingUnit", "荆门市人民检察院"),
                List.of(new ApiClient.FilePart("现场照片.pdf", "application/pdf", elf)));
        Reply asJson = api().json("POST", "/api/v1/leads", f.agencyA, Map.of("title", "x"));
        Reply badType = api().multipart("/api/v1/leads", f.agencyA, Map.of("type", "投诉", "title", "t", "facts", "f",
                "domain", "其他", "legalBasis", "l", "receivingUnit", "荆门市人民检察院"), List.of());
        Reply notProcuratorate = api().multipart("/api/v1/leads", f.agencyA, Map.of("type", "行政违法线索", "title", "t",
                "facts", "f", "domain", "其他", "legalBasis", "l", "receivingUnit", "荆门市公安局"), List.of());

        assertProblem(reply, 422, "file-refused");
        assertThat(errors(reply)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "files"));
        assertThat(reply.text()).contains("现场照片.pdf");
        assertThat(asJson.status()).isEqualTo(415);
        assertThat(errors(badType)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "type"));
        assertThat(errors(notProcuratorate)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "receivingUnit"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM leads", Long.class)).isEqualTo(leadsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM files", Long.class)).isEqualTo(filesBefore);
    }

    private Reply awaitHit(String query, ApiClient.Auth who, String id) throws InterruptedException {
        Reply reply = null;
        // The server's index follows the archive within a second or two.
        for (int i = 0; i < 60; i++) {
            reply = api().get(query, who);
            if (reply.status() == 200 && hitIds(reply).contains(id)) {
                break;
            }
            Thread.sleep(250);
        }
        return reply;
    }

    private static List<Object> hitIds(Reply reply) {
        return ((List<?>) reply.json().get("hits")).stream().map(h -> ((Map<?, ?>) h).get("id")).map(Object.class::cast)
                .toList();
    }
}
