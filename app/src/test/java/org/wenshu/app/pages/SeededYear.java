package org.wenshu.app.pages;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.wenshu.app.TestPdfs;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.ReplyTerm;
import org.wenshu.archive.ResponseSubmission;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;
import org.wenshu.archive.leads.LeadDomain;
import org.wenshu.archive.leads.LeadFiling;
import org.wenshu.archive.leads.LeadType;
import org.wenshu.archive.leads.Leads;
import org.wenshu.archive.storage.S3ObjectStore;
import org.wenshu.archive.tracking.ItemDraft;
import org.wenshu.archive.tracking.ItemList;
import org.wenshu.archive.tracking.ItemQuery;
import org.wenshu.archive.tracking.ProgressReport;
import org.wenshu.archive.tracking.ReportSubmission;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.archive.tracking.TrackedItems;

/**
 * The year 2021 of the shared page-test context (a year no other test's records fall in: the example files are dated
 * 2024, the other page tests issue today), seeded once per JVM through a second archive on the same database
 * and storage whose clock the seed moves (the application's own clock says today). Every figure of it is counted by
 * hand in {@link #EXPECTED}: nine instruments of 2021, all issued on 2021-03-01 at 10:00 Shanghai time, delivered the
 * same day and due 2021-05-01 unless said otherwise —
 * <ul>
 * <li>P1 → 市公安局 (社会治理): answered 2021-04-10, on time, 40 days, 采纳;</li>
 * <li>P2 → 市公安局 (社会治理): answered 2021-05-01T16:30Z = 00:30 on 2 May in Shanghai: late (on time in UTC), 62 days, 部分采纳;</li>
 * <li>P3 → 市公安局: closed without a reply (none of on time / late / overdue);</li>
 * <li>J1 → 市司法局 (纠正违法): unanswered, overdue;</li>
 * <li>J2 → 市司法局: answered 2021-03-21 (未采纳) and 2021-03-25 (采纳, the latest): on time, 20 days;</li>
 * <li>J3 → 市司法局: withdrawn (only in the state counts);</li>
 * <li>D1 → 市政数局: never delivered, due from the issue date, overdue;</li>
 * <li>X1 → 市公安局 (公益诉讼诉前) from another procuratorate (十堰市人民检察院): answered 2021-03-11, on time,
 * 10 days, 未采纳 — counted for the office, never for a 荆门 prosecutor;</li>
 * <li>OLD → 市公安局, numbered 2020: outside the year.</li>
 * </ul>
 * and, for the yearly inspection (年度检查), counted by hand in the inspection tests:
 * <ul>
 * <li>the 2021 work-point list, published 2021-05-02, of three points: W1 建立线索移送台账 (市公安局, due 2021-06-30,
 * reported 2021-06-10 and accepted 06-12: on time); W2 开展联合培训 (市公安局, due 2021-05-10, reported 2021-05-20 and
 * accepted 05-21: late); W3 完善信息共享机制 (市司法局, due 2021-09-30, never reported: open and overdue);</li>
 * <li>one resolution of a joint meeting, R1 建立议定事项督办台账 (市司法局, due 2021-12-31, reported 2021-07-01 and
 * accepted 07-02: done);</li>
 * <li>two leads from 市公安局 to 市检察院: L1 filed 2021-05-06, 立案, result fed back 2021-06-20; L2 filed
 * 2021-05-08, 不立案.</li>
 * </ul>
 */
final class SeededYear {

    static final int YEAR = 2021;
    static final String OTHER_PROCURATORATE = "sy-procuratorate";

    private static Map<String, InstrumentRecord> records;

    private SeededYear() {
    }

    /** Seeds the year once; returns the records by their key (P1, P2, …). */
    static synchronized Map<String, InstrumentRecord> ensure(ApplicationContext context) {
        if (records == null) {
            records = seed(context);
        }
        return records;
    }

    private static Map<String, InstrumentRecord> seed(ApplicationContext context) {
        DataSource dataSource = context.getBean(DataSource.class);
        new JdbcTemplate(dataSource).update("INSERT INTO units (id, name, short_name, kind, parent_id) VALUES (?, ?, ?, ?, NULL)",
                OTHER_PROCURATORATE, "十堰市人民检察院", "十堰市检察院", "PROCURATORATE");
        MovingClock clock = new MovingClock(Instant.parse("2021-03-01T02:00:00Z"));
        Archive archive = Archive.open(dataSource, context.getBean(S3ObjectStore.class), ArchiveLimits.defaults(), clock);
        Map<String, InstrumentRecord> r = new LinkedHashMap<>();
        r.put("P1", issue(archive, "P1", "市检察院", "市公安局", YEAR, "社会治理"));
        r.put("P2", issue(archive, "P2", "市检察院", "市公安局", YEAR, "社会治理"));
        r.put("P3", issue(archive, "P3", "市检察院", "市公安局", YEAR, null));
        r.put("J1", issue(archive, "J1", "市检察院", "市司法局", YEAR, "纠正违法"));
        r.put("J2", issue(archive, "J2", "市检察院", "市司法局", YEAR, null));
        r.put("J3", issue(archive, "J3", "市检察院", "市司法局", YEAR, null));
        r.put("D1", issue(archive, "D1", "市检察院", "市政数局", YEAR, null));
        r.put("X1", issue(archive, "X1", "十堰市检察院", "市公安局", YEAR, "公益诉讼诉前"));
        r.put("OLD", issue(archive, "OLD", "市检察院", "市公安局", YEAR - 1, "社会治理"));
        LocalDate march = LocalDate.of(YEAR, 3, 1);
        for (String key : List.of("P1", "P2", "P3", "J1", "J2", "OLD")) {
            archive.deliver(r.get(key).id(), DeliveryMethod.DIRECT, march, Optional.empty(), "市检察院");
        }
        archive.deliver(r.get("X1").id(), DeliveryMethod.DIRECT, march, Optional.empty(), "十堰市检察院");
        archive.withdraw(r.get("J3").id(), "问题已自行整改", "市检察院");
        clock.set("2021-03-11T02:00:00Z");
        respond(archive, r.get("X1"), "市公安局", Adoption.NOT_ADOPTED);
        clock.set("2021-03-21T02:00:00Z");
        respond(archive, r.get("J2"), "市司法局", Adoption.NOT_ADOPTED);
        clock.set("2021-03-25T02:00:00Z");
        respond(archive, r.get("J2"), "市司法局", Adoption.ADOPTED);
        clock.set("2021-04-10T02:00:00Z");
        respond(archive, r.get("P1"), "市公安局", Adoption.ADOPTED);
        respond(archive, r.get("OLD"), "市公安局", Adoption.ADOPTED);
        clock.set("2021-05-01T16:30:00Z");
        respond(archive, r.get("P2"), "市公安局", Adoption.PARTLY_ADOPTED);
        archive.close(r.get("P3").id(), Adoption.ADOPTED, "已当面督促", Optional.of("问题已在联席会议上解决"), "市检察院");
        seedInspection(dataSource, context, archive, clock);
        return r;
    }

    /** The work points, resolution and leads of the year (see the class comment), in the order of their days. */
    private static void seedInspection(DataSource dataSource, ApplicationContext context, Archive archive, MovingClock clock) {
        TrackedItems tracked = TrackedItems.open(dataSource, archive, context.getBean(S3ObjectStore.class),
                ArchiveLimits.defaults(), clock);
        Leads leads = Leads.of(archive);
        clock.set("2021-05-02T02:00:00Z");
        ItemList list = tracked.createList(YEAR, "2021年府检联动工作要点", "jm-coordination-office", List.of(
                new ItemDraft(1, "建立线索移送台账", "", "市公安局", List.of(), "2021-06-30"),
                new ItemDraft(2, "开展联合培训", "", "市公安局", List.of(), "2021-05-10"),
                new ItemDraft(3, "完善信息共享机制", "", "市司法局", List.of(), "2021-09-30")), "seed");
        tracked.publish(list.id(), "seed");
        Map<Integer, String> points = new LinkedHashMap<>();
        tracked.items(ItemQuery.all().inList(list.id())).forEach(item -> points.put(item.number(), item.id()));
        clock.set("2021-05-03T02:00:00Z");
        TrackedItem resolution = tracked.createFromResolution("seed-meeting-2021", YEAR,
                new ItemDraft(1, "建立议定事项督办台账", "", "市司法局", List.of(), "2021-12-31"), "seed");
        clock.set("2021-05-06T02:00:00Z");
        Lead l1 = leads.file(lead("L1"));
        leads.acknowledge(l1.id(), "市检察院", "检察官甲");
        leads.decide(l1.id(), LeadDecision.OPEN_CASE, null, null, "市检察院", "检察官甲");
        clock.set("2021-05-08T02:00:00Z");
        Lead l2 = leads.file(lead("L2"));
        leads.acknowledge(l2.id(), "市检察院", "检察官甲");
        leads.decide(l2.id(), LeadDecision.NO_CASE, "不符合立案条件", null, "市检察院", "检察官甲");
        clock.set("2021-05-20T02:00:00Z");
        ProgressReport w2 = tracked.submit(new ReportSubmission(points.get(2), "市公安局", "seed", "已开展联合培训",
                Optional.of(LocalDate.of(YEAR, 5, 20)), List.of()));
        clock.set("2021-05-21T02:00:00Z");
        tracked.accept(w2.id(), Optional.empty(), "seed");
        clock.set("2021-06-10T02:00:00Z");
        ProgressReport w1 = tracked.submit(new ReportSubmission(points.get(1), "市公安局", "seed", "台账已建立",
                Optional.of(LocalDate.of(YEAR, 6, 10)), List.of()));
        clock.set("2021-06-12T02:00:00Z");
        tracked.accept(w1.id(), Optional.empty(), "seed");
        clock.set("2021-06-20T02:00:00Z");
        leads.conclude(l1.id(), "已提起行政公益诉讼", Optional.empty(), "市检察院", "检察官甲");
        clock.set("2021-07-01T02:00:00Z");
        ProgressReport r1 = tracked.submit(new ReportSubmission(resolution.id(), "市司法局", "seed", "督办台账已建立",
                Optional.of(LocalDate.of(YEAR, 7, 1)), List.of()));
        clock.set("2021-07-02T02:00:00Z");
        tracked.accept(r1.id(), Optional.empty(), "seed");
    }

    private static LeadFiling lead(String key) {
        return new LeadFiling("市公安局", "公安局民警", "市检察院", LeadType.PUBLIC_INTEREST, "种子线索 " + key,
                "种子数据 " + key + " 的事实", LeadDomain.ECOLOGY, "《中华人民共和国行政诉讼法》第二十五条", List.of());
    }

    private static InstrumentRecord issue(Archive archive, String key, String issuer, String recipient, int year, String kind) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("facts", "种子数据 " + key);
        if (kind != null) {
            fields.put("kind", kind);
        }
        return archive.issue(new IssueRequest("procuratorial-suggestion", "检察建议书", "关于" + key + "事项的检察建议", issuer,
                List.of(recipient), List.of(), issuer.startsWith("十堰") ? "十检行建" : "荆检行建", year, ReplyTerm.standard(false), false, fields, Optional.empty()),
                number -> pdf("Seeded instrument " + number.year() + "-" + number.serial()));
    }

    private static void respond(Archive archive, InstrumentRecord record, String unit, Adoption adoption) {
        archive.respond(new ResponseSubmission(record.id(), unit, "已制定整改方案", "整改已完成", adoption,
                List.of(new UploadedFile("回复.pdf", pdf("Seeded reply " + record.id())))));
    }

    static byte[] pdf(String asciiText) {
        return TestPdfs.onePage(asciiText);
    }

    /** A clock the seed sets forward. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
