package org.wenshu.app.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.Role;
import org.wenshu.app.indexing.IndexUpdates;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.Archive;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.ResponseSubmission;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadFiling;
import org.wenshu.archive.leads.LeadQuery;
import org.wenshu.archive.leads.LeadType;
import org.wenshu.archive.leads.Leads;

/**
 * 演示数据: on an empty home in the {@code dev} profile, one account per role with a generated password (printed
 * once, at this start only) and a handful of instruments in every state (issued, delivered, answered, overdue,
 * closed) and one lead from 荆门市司法局 (acknowledged, awaiting the decision), drawn from the topics of the 府检联动
 * founding notice. Idempotent: instruments carry fixed idempotency
 * keys, and accounts are created only while none exist.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String PROCURATORATE = "荆门市人民检察院";
    private static final String OFFICE = "荆门市“府检联动”工作领导小组办公室";

    /** A demo login: user name, generated password, role and unit. */
    public record DemoLogin(String username, String password, Role role, String unit) {
    }

    private final Accounts accounts;
    private final Archive archive;
    private final InstrumentIssuing issuing;
    private final IndexUpdates index;

    public DemoData(Accounts accounts, Archive archive, InstrumentIssuing issuing, IndexUpdates index) {
        this.accounts = accounts;
        this.archive = archive;
        this.issuing = issuing;
        this.index = index;
    }

    /** Creates the demo accounts if no account exists yet; returns the logins created (empty otherwise). */
    public List<DemoLogin> seedAccounts() {
        if (accounts.count() > 0) {
            return List.of();
        }
        List<DemoLogin> logins = List.of(
                new DemoLogin("prosecutor", Accounts.generatePassword(), Role.PROSECUTOR, PROCURATORATE),
                new DemoLogin("agency", Accounts.generatePassword(), Role.AGENCY, "荆门市司法局"),
                new DemoLogin("police", Accounts.generatePassword(), Role.AGENCY, "荆门市公安局"),
                new DemoLogin("researcher", Accounts.generatePassword(), Role.RESEARCHER, ""),
                new DemoLogin("admin", Accounts.generatePassword(), Role.ADMIN, OFFICE));
        Map<String, String> names = Map.of("prosecutor", "王检察官", "agency", "司法局联络员", "police", "公安局联络员",
                "researcher", "李研究员", "admin", "府检联动办管理员");
        for (DemoLogin login : logins) {
            accounts.create(login.username(), names.get(login.username()), login.role(),
                    Optional.of(login.unit()).filter(u -> !u.isEmpty()), login.password(), true);
        }
        return logins;
    }

    /** Issues the demo instruments that are not there yet and moves each to its state; returns how many it issued. */
    public int seedInstruments() {
        LocalDate today = archive.today();
        int before = archive.records(0, 1000).size();
        // 1. answered and closed (采纳)
        InstrumentRecord closed = issue("demo-suggestion-community-correction", "procuratorial-suggestion", suggestion(
                "关于规范涉企社区矫正对象外出审批管理工作的检察建议", "荆门市司法局", "社会治理",
                "本院在履行社区矫正法律监督职责中，对全市涉企社区矫正对象外出审批管理工作开展了专项检察，发现部分司法所未在规定期限内作出决定。",
                "审批期限把握不严，简化审批程序适用不足，不予批准的决定说理不充分。",
                "《中华人民共和国社区矫正法》第二十七条",
                List.of("严格执行外出审批期限规定，按期作出决定。", "依法适用简化批准程序，保障企业正常经营。"), today.minusDays(40)));
        deliver(closed, today.minusDays(38));
        respond(closed, "荆门市司法局", "已印发外出审批工作指引，明确审批期限和简化程序适用情形。",
                "整改后外出申请均在规定期限内作出决定，不予批准的均书面说明理由。", Adoption.ADOPTED);
        close(closed, Adoption.ADOPTED, "整改措施具体，已落实到位。");
        // 2. delivered, answered, awaiting the evaluation
        InstrumentRecord answered = issue("demo-suggestion-execution-linkage", "procuratorial-suggestion", suggestion(
                "关于加强行政执法与刑事司法衔接信息共享的检察建议", "荆门市公安局", "纠正违法",
                "本院在办理案件中发现，部分行政执法机关移送涉嫌犯罪案件时信息录入不及时，行刑衔接共享平台数据更新滞后。",
                "案件移送信息录入不及时，平台数据与实际办案情况不一致。",
                "《行政执法机关移送涉嫌犯罪案件的规定》第三条",
                List.of("及时在行刑衔接共享平台录入移送案件信息。", "定期与本院核对平台数据。"), today.minusDays(20)));
        deliver(answered, today.minusDays(18));
        respond(answered, "荆门市公安局", "已指定专人负责平台信息录入，建立每周核对制度。",
                "平台积压的 12 条移送信息已全部补录。", Adoption.PARTLY_ADOPTED);
        // 3. delivered and overdue: the meeting notice's reply-by date has passed without a reply
        InstrumentRecord overdue = issue("demo-meeting-notice-2024", "meeting-notice", meetingNotice(today));
        // 4. delivered, reply still open
        InstrumentRecord delivered = issue("demo-suggestion-school-safety", "procuratorial-suggestion", suggestion(
                "关于加强校园周边食品安全监管的检察建议", "荆门市教育局", "公益诉讼诉前",
                "本院在履行公益诉讼检察职责中发现，部分中小学校周边流动摊贩销售“三无”食品，存在食品安全隐患。",
                "校园周边食品安全监管存在薄弱环节，学校食品安全教育不到位。",
                "《中华人民共和国食品安全法》第六条",
                List.of("会同有关部门开展校园周边食品安全专项整治。", "加强学校食品安全宣传教育。"), today.minusDays(5)));
        deliver(delivered, today.minusDays(3));
        // 5. issued, not yet delivered
        issue("demo-suggestion-data-sharing", "procuratorial-suggestion", suggestion(
                "关于推进政务数据与检察监督数据共享的检察建议", "荆门市政务服务和大数据管理局", "社会治理",
                "本院在推进数字检察工作中发现，政务服务数据与检察监督数据尚未实现共享，影响法律监督线索发现。",
                "数据共享机制尚未建立，数据标准不统一。",
                "《人民检察院检察建议工作规定》第十一条",
                List.of("建立政务数据与检察监督数据共享机制。", "统一数据标准和接口规范。"), today));
        // 6. a lead from 荆门市司法局, acknowledged by the procuratorate and awaiting its decision
        seedLead();
        index.afterChange();
        return archive.records(0, 1000).size() - before;
    }

    private void seedLead() {
        Leads leads = Leads.of(archive);
        if (leads.list(LeadQuery.all().filedBy("jm-justice"), 0, 1).total() > 0) {
            return;
        }
        Lead lead = leads.file(new LeadFiling("荆门市司法局", "司法局联络员", PROCURATORATE, LeadType.PUBLIC_INTEREST,
                "关于某社区矫正对象所在企业非法占用林地的线索",
                "司法所在对社区矫正对象开展走访时发现，其经营的企业在东宝区某村未经批准占用集体林地约 12 亩堆放建筑材料，林木被毁。",
                LeadDomain.ECOLOGY, "《中华人民共和国森林法》第三十七条、第七十三条", List.of()));
        leads.acknowledge(lead.id(), PROCURATORATE, "王检察官");
    }

    private InstrumentRecord issue(String key, String type, Map<String, Object> fields) {
        IssueRequest request = issuing.request(type, fields).withKey(key);
        return archive.issue(request, issuing.producer(request));
    }

    private void deliver(InstrumentRecord record, LocalDate date) {
        InstrumentRecord current = archive.record(record.id());
        if (current.status().name().equals("ISSUED")) {
            LocalDate issued = archive.today();
            archive.deliver(record.id(), DeliveryMethod.values()[0], date.isBefore(issued) ? issued : date,
                    Optional.of("演示数据"), record.issuingUnit().name());
        }
    }

    private void respond(InstrumentRecord record, String unit, String measures, String results, Adoption adoption) {
        if (archive.responses(record.id()).isEmpty()) {
            archive.respond(new ResponseSubmission(record.id(), unit, measures, results, adoption,
                    List.of(new UploadedFile("整改情况报告.pdf", replyPdf(unit + "关于检察建议的整改情况报告", measures + results)))));
        }
    }

    private void close(InstrumentRecord record, Adoption adoption, String note) {
        if (!archive.record(record.id()).status().name().equals("CLOSED")) {
            archive.close(record.id(), adoption, note, Optional.empty(), record.issuingUnit().name());
        }
    }

    private static Map<String, Object> suggestion(String title, String recipient, String kind, String facts,
                                                  String problems, String legalBasis, List<String> suggestions,
                                                  LocalDate date) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", PROCURATORATE);
        fields.put("kind", kind);
        fields.put("urgent", false);
        fields.put("title", title);
        fields.put("recipient", recipient);
        fields.put("facts", facts);
        fields.put("problems", problems);
        fields.put("legalBasis", legalBasis);
        fields.put("suggestions", suggestions);
        fields.put("contact", "王检察官，0724-2351234");
        fields.put("date", date.toString());
        fields.put("copiesTo", List.of(OFFICE));
        fields.put("printedBy", "荆门市人民检察院办公室");
        return fields;
    }

    private static Map<String, Object> meetingNotice(LocalDate today) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", OFFICE);
        fields.put("title", "关于召开荆门市“府检联动”工作联席会议的通知");
        fields.put("recipients", List.of("荆门市公安局", "荆门市司法局", "荆门市教育局"));
        fields.put("purpose", "为贯彻落实常态化“府检联动”工作机制，通报年度工作要点落实情况，研究部署下一阶段重点工作，定于近期召开联席会议。");
        fields.put("meetingDate", today.plusDays(10).toString());
        fields.put("meetingTime", "上午9:00");
        fields.put("place", "市检察院三楼会议室");
        fields.put("attendingUnits", List.of("荆门市公安局", "荆门市司法局", "荆门市教育局"));
        fields.put("attendees", "各成员单位分管负责同志及联络员");
        fields.put("agenda", List.of("通报“府检联动”年度工作要点落实情况", "研究行政执法与刑事司法衔接工作", "部署下一阶段重点工作"));
        fields.put("requirements", "请各成员单位于回执截止日期前报送参会人员名单。");
        fields.put("replyBy", today.minusDays(2).toString());
        fields.put("contact", "府检联动办，0724-2351000");
        fields.put("date", today.minusDays(9).toString());
        fields.put("copiesTo", List.of("荆门市人民政府办公室"));
        fields.put("printedBy", OFFICE);
        return fields;
    }

    /** A one-page PDF with a heading and body text in an embedded CJK font, standing in for an agency's report. */
    static byte[] replyPdf(String heading, String body) {
        try (PDDocument document = new PDDocument(); InputStream font = DemoData.class.getResourceAsStream(
                "/fonts/LXGWWenKai-Regular.ttf")) {
            if (font == null) {
                throw new IllegalStateException("the LXGW WenKai font is missing from the generator's resources");
            }
            PDType0Font cjk = PDType0Font.load(document, font);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(cjk, 16);
                text.newLineAtOffset(72, 760);
                text.showText(heading);
                text.setFont(cjk, 12);
                for (String line : wrap(body, 38)) {
                    text.newLineAtOffset(0, -24);
                    text.showText(line);
                }
                text.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < text.length(); i += width) {
            lines.add(text.substring(i, Math.min(text.length(), i + width)));
        }
        return lines;
    }

    /** Logs the demo logins once, as the dev profile's start-up message. */
    public static void announce(List<DemoLogin> logins) {
        if (logins.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("演示账号（dev 配置，密码只显示这一次）：\n");
        for (DemoLogin login : logins) {
            message.append(String.format("  %-11s %-18s %s%s%n", login.username(), login.password(), login.role().label(),
                    login.unit().isEmpty() ? "" : "，" + login.unit()));
        }
        log.warn(message.toString().stripTrailing());
    }
}
