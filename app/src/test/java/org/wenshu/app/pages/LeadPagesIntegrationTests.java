package org.wenshu.app.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenshu.app.accounts.WenshuUser;
import org.wenshu.app.leads.LeadCases;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadType;

/**
 * 线索移送 pages over HTTP: a lead of agency A (荆门市司法局) shows for A, the procuratorate and the office and never for
 * agency B (荆门市公安局); refusals come back beside their fields; steps out of order are refused with the reason.
 */
class LeadPagesIntegrationTests extends PagesTestSupport {

    @Autowired
    LeadCases leads;

    @BeforeEach
    void accounts() {
        ensureAccounts();
    }

    private Lead fileAsAgencyA(String title) {
        byte[] pdf;
        try {
            pdf = BrowserIntegrationTests.pdf("note");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return leads.file(WenshuUser.of(accounts.require(AGENCY)), "荆门市人民检察院", LeadType.ADMINISTRATIVE_VIOLATION,
                title, "执法中发现某单位长期未依法履行监管职责。", LeadDomain.SOCIAL_GOVERNANCE, "《行政处罚法》第七十五条",
                List.of(new UploadedFile("说明.pdf", pdf)));
    }

    @Test
    void agencyAsLeadShowsForAgencyAProcuratorateAndOfficeButNeverForAgencyB() throws Exception {
        String title = "关于某市场监管不到位的线索-" + UUID.randomUUID().toString().substring(0, 6);
        Lead lead = fileAsAgencyA(title);
        PageSession agencyA = signedIn(AGENCY);
        PageSession agencyB = signedIn(OTHER_AGENCY);
        PageSession prosecutor = signedIn(PROSECUTOR);
        PageSession admin = signedIn(ADMIN);

        Page listB = agencyB.get("/leads");
        Page filedB = agencyB.get("/leads?status=FILED");
        Page detailB = agencyB.get("/leads/" + lead.id());
        Page fileB = agencyB.get("/leads/" + lead.id() + "/files/0");
        Page ackB = agencyB.post("/leads/" + lead.id() + "/acknowledgement", Map.of());

        assertThat(listB.status()).isEqualTo(200);
        assertThat(listB.body()).doesNotContain(title).contains("本单位移送的线索");
        assertThat(filedB.body()).doesNotContain(title);
        assertThat(detailB.status()).isEqualTo(404);
        assertThat(detailB.body()).doesNotContain(title, "执法中发现");
        assertThat(fileB.status()).isEqualTo(404);
        assertThat(ackB.status()).isEqualTo(404);
        assertThat(agencyA.get("/leads").body()).contains(title);
        Page detailA = agencyA.get("/leads/" + lead.id());
        assertThat(detailA.body()).contains(title, "移送线索", "待受理").doesNotContain("id=\"acknowledge-form\"");
        assertThat(agencyA.post("/leads/" + lead.id() + "/acknowledgement", Map.of()).status()).isEqualTo(403);
        assertThat(prosecutor.get("/leads").body()).contains(title, "收到的线索");
        assertThat(prosecutor.get("/leads/" + lead.id()).body()).contains(title, "id=\"acknowledge-form\"");
        assertThat(admin.get("/leads").body()).contains(title);
        assertThat(admin.get("/leads/" + lead.id()).body()).contains(title).doesNotContain("id=\"acknowledge-form\"");
        assertThat(agencyA.get("/leads/new").status()).isEqualTo(200);
        assertThat(prosecutor.get("/leads/new").status()).isEqualTo(403);
    }

    @Test
    void aHostileAttachmentIsRefusedBesideTheFileInputAndNothingIsStored() {
        PageSession agency = signedIn(AGENCY);
        agency.get("/leads/new");
        long before = leads.list(WenshuUser.of(accounts.require(AGENCY)), LeadQuery.all(), 0, 1).total();
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);

        Page page = agency.postMultipart("/leads", Map.of("receivingUnit", "jm-procuratorate", "type", "PUBLIC_INTEREST",
                "title", "关于伪装附件的线索", "domain", "ECOLOGY", "facts", "事实写在这里", "legalBasis", "依据"),
                Map.of("现场照片.png", elf), false);
        Page empty = agency.postMultipart("/leads", Map.of("receivingUnit", "jm-procuratorate"), Map.of(), false);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).containsPattern("id=\"lead-files-error\"[^>]*>文件「现场照片.png」被拒收")
                .contains("value=\"关于伪装附件的线索\"", "事实写在这里");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("请选择线索类别", "请填写线索标题", "请填写线索事实", "请选择所属领域",
                "请填写您认为适用的法律依据");
        assertThat(leads.list(WenshuUser.of(accounts.require(AGENCY)), LeadQuery.all(), 0, 1).total()).isEqualTo(before);
    }

    @Test
    void aDecisionBeforeAcknowledgementIsRefusedWithTheReasonAndTheRegisterNumbersInOrder() {
        Lead lead = fileAsAgencyA("关于先决定后受理的线索");
        PageSession prosecutor = signedIn(PROSECUTOR);
        prosecutor.get("/leads/" + lead.id());

        Page early = prosecutor.post("/leads/" + lead.id() + "/decision", Map.of("decision", "OPEN_CASE"));
        Page ack = prosecutor.post("/leads/" + lead.id() + "/acknowledgement", Map.of());
        Page acknowledged = prosecutor.get("/leads/" + lead.id());
        Page noReason = prosecutor.post("/leads/" + lead.id() + "/decision", Map.of("decision", "NO_CASE", "reason", ""));
        Page register = prosecutor.get("/leads/register");

        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body()).contains("尚未受理，请先受理再作出处理决定");
        assertThat(ack.status()).isEqualTo(302);
        assertThat(acknowledged.body()).containsPattern("荆检线索〔\\d{4}〕\\d+号").contains("id=\"decision-form\"");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).containsPattern("id=\"decision-reason\"[^>]*aria-invalid=\"true\"")
                .contains("不立案须写明理由");
        assertThat(register.body()).contains("关于先决定后受理的线索", "线索收案登记簿");
    }
}
