package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.InstrumentRecord;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** 审计日志: the office filters the hash-chained events and sees the chain's verdict, intact or broken; others are refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesIntegrationTests extends PagesTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    private Map<String, InstrumentRecord> seeded;

    @BeforeAll
    void setUp() {
        ensureAccounts();
        seeded = SeededYear.ensure(context);
    }

    private HttpResponse<String> api(String method, String username, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOfficeFiltersEventsByRecordActorActionAndDates() throws Exception {
        String j2 = seeded.get("J2").id();
        PageSession office = signedIn(ADMIN);

        Page byRecord = office.get("/admin/audit?recordId=" + j2);
        Page byActionAndDay = office.get("/admin/audit?action=RESPONDED&from=2021-03-21&to=2021-03-21");
        Page badDate = office.get("/admin/audit?from=21.03.2021");
        HttpResponse<String> api = api("GET", ADMIN, "/api/v1/audit?recordId=" + j2 + "&size=2");
        HttpResponse<String> byActor = api("GET", ADMIN, "/api/v1/audit?actor=" + URLEncoder.encode("十堰", StandardCharsets.UTF_8)
                + "&from=2021-01-01&to=2021-12-31");
        HttpResponse<String> reversed = api("GET", ADMIN, "/api/v1/audit?from=2021-05-01&to=2021-04-01");

        assertThat(byRecord.status()).isEqualTo(200);
        assertThat(byRecord.body()).contains("共 4 个事件", ">ISSUED<", ">DELIVERED<", ">RESPONDED<");
        assertThat(byActionAndDay.body()).contains("共 1 个事件", j2, "荆门市司法局");
        assertThat(badDate.body()).contains("class=\"field-error\"", "起始日期「21.03.2021」无效");
        Map<String, Object> page = JSON.readValue(api.body(), new TypeReference<Map<String, Object>>() { });
        assertThat(page).containsEntry("total", 4).containsEntry("size", 2);
        assertThat((List<Map<String, Object>>) page.get("items")).extracting(e -> e.get("action"))
                .containsExactly("RESPONDED", "RESPONDED");
        Map<String, Object> actor = JSON.readValue(byActor.body(), new TypeReference<Map<String, Object>>() { });
        assertThat((List<Map<String, Object>>) actor.get("items")).extracting(e -> e.get("actor"))
                .containsOnly("十堰市人民检察院").hasSize(2);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("截止日期 2021-04-01 早于起始日期 2021-05-01");
    }

    @Test
    void theVerifyButtonShowsAnIntactChainAndThenTheChangedEvent() throws Exception {
        PageSession office = signedIn(ADMIN);
        office.get("/admin/audit");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        Page intact = office.post("/admin/audit/verify", Map.of());
        HttpResponse<String> intactApi = api("POST", ADMIN, "/api/v1/audit/verify");
        long seq = jdbc.queryForObject("SELECT MIN(seq) FROM audit_events WHERE record_id = ?", Long.class, seeded.get("P1").id());
        String detail = jdbc.queryForObject("SELECT detail FROM audit_events WHERE seq = ?", String.class, seq);
        Page broken;
        HttpResponse<String> brokenApi;
        try {
            jdbc.update("UPDATE audit_events SET detail = ? WHERE seq = ?", detail.replace("}", ",\"forged\":true}"), seq);
            office.get("/admin/audit");
            broken = office.post("/admin/audit/verify", Map.of());
            brokenApi = api("POST", ADMIN, "/api/v1/audit/verify");
        } finally {
            jdbc.update("UPDATE audit_events SET detail = ? WHERE seq = ?", detail, seq);
        }

        assertThat(intact.status()).isEqualTo(200);
        assertThat(intact.body()).contains("id=\"audit-verdict\"", "审计链完整", "没有事件被改动、插入或删除");
        assertThat(JSON.readValue(intactApi.body(), new TypeReference<Map<String, Object>>() { })).containsEntry("intact", true);
        assertThat(broken.body()).contains("审计链已被破坏", "审计事件 " + seq + " 的内容已被改动（哈希不符）");
        assertThat(JSON.readValue(brokenApi.body(), new TypeReference<Map<String, Object>>() { }))
                .containsEntry("intact", false);
        assertThat(brokenApi.body()).contains("审计事件 " + seq + " 的内容已被改动");
    }

    @Test
    void nobodyButTheOfficeSeesTheAuditTrail() throws Exception {
        assertThat(signedIn(PROSECUTOR).get("/admin/audit").status()).isEqualTo(403);
        assertThat(signedIn(AGENCY).get("/admin/audit").status()).isEqualTo(403);
        assertThat(api("GET", PROSECUTOR, "/api/v1/audit").statusCode()).isEqualTo(403);
        assertThat(api("POST", AGENCY, "/api/v1/audit/verify").statusCode()).isEqualTo(403);
    }
}
