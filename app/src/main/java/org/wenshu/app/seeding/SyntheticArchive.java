package org.wenshu.app.seeding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.wenshu.app.issuing.InstrumentIssuing;
import org.wenshu.app.seeding.SyntheticTopics.Topic;
import org.wenshu.archive.Adoption;
import org.wenshu.archive.Archive;
import org.wenshu.archive.DeliveryMethod;
import org.wenshu.archive.InstrumentProducer;
import org.wenshu.archive.InstrumentRecord;
import org.wenshu.archive.IssueRequest;
import org.wenshu.archive.RecordStatus;
import org.wenshu.archive.ResponseSubmission;
import org.wenshu.archive.UploadedFile;

/**
 * 基准合成数据: writes {@code count} synthetic instruments with their life so far — delivery (送达), the agencies'
 * responses (回复) with an attachment, closing with an evaluation (办结), a few withdrawals — through the archive's
 * own API (numbering, object storage, record database, change log, audit trail), for {@code ./wenshu bench web}.
 * Everything the register, the search index and the dashboard see is real: the four instrument types of the catalog
 * with fields validated by their templates, issued by 荆门市人民检察院 and the leading group's office to the member
 * units of the seed notice, dated over the four calendar years before {@code today}'s and this year up to yesterday,
 * on the topics of {@link SyntheticTopics}.
 *
 * <p>What they skip, so that 10,000 records take minutes instead of hours: the instrument PDF is not rendered from
 * its template nor sealed — it is a one-page unsigned PDF naming the number (so {@code verify} reports it unsigned),
 * and each response's attachment is likewise a one-page PDF. Their record ids and verification codes are random as
 * in production; everything else (types, fields, numbers, units, dates, states, responses) follows from the seed
 * alone. Records are written per (number prefix, year) in date order, so numbers follow dates as in a real register.
 */
public final class SyntheticArchive {

    private static final String PROCURATORATE = "荆门市人民检察院";
    private static final String OFFICE = "荆门市“府检联动”工作领导小组办公室";
    private static final List<String> AGENCIES = List.of("荆门市公安局", "荆门市司法局", "荆门市政务服务和大数据管理局",
            "荆门市教育局", "荆门市卫生健康委员会", "荆门市人力资源和社会保障局", "荆门市乡村振兴局", "荆门市民政局",
            "荆门市农业农村局");
    private static final List<String> SURNAMES = List.of("张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴");
    /** Idempotency keys of synthetic records start with this; a second run with the same seed skips what exists. */
    public static final String KEY_PREFIX = "bench-seed-";

    /** What was written: records issued now, records that existed already, responses filed. */
    public record Summary(int issued, int existing, int responses, long millis) {
    }

    private final Archive archive;
    private final SeedingClock clock;
    private final InstrumentIssuing issuing;
    private final long seed;
    private final LocalDate today;

    /**
     * @param archive an archive opened on {@code clock} (see {@link BenchSeeding}), so that each write happens at the
     *                synthetic record's instant
     * @param today   the last day records may be dated (exclusive)
     */
    SyntheticArchive(Archive archive, SeedingClock clock, InstrumentIssuing issuing, long seed, LocalDate today) {
        this.archive = archive;
        this.clock = clock;
        this.issuing = issuing;
        this.seed = seed;
        this.today = today;
    }

    /**
     * Writes records 0 to {@code count - 1} on {@code threads} threads, reporting the number written after each.
     *
     * @throws IllegalStateException when the archive refuses a synthetic record (a bug here, not bad input)
     */
    public Summary write(int count, int threads, IntConsumer progress) {
        long started = System.nanoTime();
        List<Plan> plans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            plans.add(plan(seed, today, archive.zone(), i));
        }
        // Each (prefix, year) is numbered by one thread in date order: numbers are the same on every run.
        Map<String, List<Plan>> series = plans.stream().sorted(Comparator.comparing(Plan::issuedAt)
                .thenComparing(Plan::index)).collect(Collectors.groupingBy(Plan::series, LinkedHashMap::new,
                Collectors.toList()));
        List<List<Plan>> work = new ArrayList<>(series.values());
        work.sort(Comparator.comparing((List<Plan> l) -> l.size()).reversed());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger responses = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Plan> list : work) {
                futures.add(pool.submit(() -> {
                    try {
                        for (Plan plan : list) {
                            if (write(plan, responses)) {
                                issued.incrementAndGet();
                            }
                            progress.accept(done.incrementAndGet());
                        }
                    } finally {
                        clock.clear();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Summary(issued.get(), count - issued.get(), responses.get(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** One synthetic record and what happens to it, all drawn from {@code seed} and its index. */
    record Plan(int index, String typeId, Map<String, Object> fields, Instant issuedAt, Optional<LocalDate> deliveredOn,
                List<Answer> answers, Optional<Closing> closing, Optional<Instant> withdrawnAt, String prefix) {

        String series() {
            return prefix + "/" + fields.get("date").toString().substring(0, 4);
        }
    }

    record Answer(String unit, Instant at, String measures, String results, Adoption adoption) {
    }

    record Closing(Instant at, Adoption evaluation, Optional<String> reasonWithoutResponse) {
    }

    /** Record {@code index} of the seed: a pure function of its arguments. */
    static Plan plan(long seed, LocalDate today, ZoneId zone, int index) {
        Random random = new Random(seed * 1_000_003L + index);
        LocalDate first = LocalDate.of(today.getYear() - 4, 1, 1);
        LocalDate date = first.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(first, today)));
        Instant issuedAt = at(date, 9, random, zone);
        String district = SyntheticTopics.pick(SyntheticTopics.DISTRICTS, random);
        Topic topic = SyntheticTopics.pick(SyntheticTopics.TOPICS, random);
        int count = 3 + random.nextInt(60);
        int roll = random.nextInt(100);
        String typeId = roll < 70 ? "procuratorial-suggestion" : roll < 84 ? "procuratorial-opinion"
                : roll < 92 ? "meeting-notice" : "reply-reminder";
        Map<String, Object> fields = switch (typeId) {
            case "procuratorial-suggestion" -> suggestion(topic, district, count, date, random);
            case "procuratorial-opinion" -> opinion(topic, district, count, date, random);
            case "meeting-notice" -> meetingNotice(date, random);
            default -> reminder(topic, district, date, random);
        };
        String prefix = switch (typeId) {
            case "procuratorial-suggestion" -> "荆检行建";
            case "procuratorial-opinion" -> "荆检行意";
            case "meeting-notice" -> "荆府检联办";
            default -> "荆检行督";
        };
        @SuppressWarnings("unchecked")
        List<String> recipients = fields.containsKey("recipients") ? (List<String>) fields.get("recipients")
                : List.of((String) fields.get("recipient"));
        // 8 in 100 are never delivered; the rest are delivered one to four days after issue.
        Optional<LocalDate> delivered = Optional.of(date.plusDays(1 + random.nextInt(4)))
                .filter(d -> d.isBefore(today) && random.nextInt(100) >= 8);
        List<Answer> answers = new ArrayList<>();
        Optional<Closing> closing = Optional.empty();
        Optional<Instant> withdrawn = Optional.empty();
        if (delivered.isPresent()) {
            LocalDate from = delivered.get();
            for (String unit : recipients) {
                // Most answer within the two months, some late, one in six not at all.
                if (random.nextInt(6) == 0) {
                    continue;
                }
                LocalDate on = typeId.equals("meeting-notice") ? from.plusDays(random.nextInt(12))
                        : from.plusDays(10 + random.nextInt(typeId.equals("reply-reminder") ? 20 : 75));
                if (on.isBefore(today)) {
                    int kind = random.nextInt(100);
                    Adoption adoption = kind < 65 ? Adoption.ADOPTED : kind < 90 ? Adoption.PARTLY_ADOPTED
                            : Adoption.NOT_ADOPTED;
                    answers.add(new Answer(unit, at(on, 14, random, zone),
                            SyntheticTopics.fill(topic.measures(), district, count),
                            SyntheticTopics.fill(topic.results(), district, count), adoption));
                }
            }
            Instant last = answers.stream().map(Answer::at).max(Comparator.naturalOrder()).orElse(null);
            if (last != null && answers.size() == recipients.size() && random.nextInt(100) < 65) {
                LocalDate on = last.atZone(zone).toLocalDate().plusDays(5 + random.nextInt(35));
                if (on.isBefore(today)) {
                    closing = Optional.of(new Closing(at(on, 16, random, zone), answers.get(0).adoption(),
                            Optional.empty()));
                }
            } else if (answers.isEmpty()) {
                // Of the unanswered, a few are closed without a reply (with the reason) and a few withdrawn.
                int fate = random.nextInt(100);
                LocalDate on = fate < 6 ? from.plusDays(90 + random.nextInt(60)) : from.plusDays(3);
                if (fate < 6 && on.isBefore(today)) {
                    closing = Optional.of(new Closing(at(on, 16, random, zone), Adoption.NOT_ADOPTED,
                            Optional.of("被建议单位已机构改革撤并，相关职责已移交，经研究予以办结")));
                } else if (fate >= 6 && fate < 16 && on.isBefore(today)) {
                    withdrawn = Optional.of(at(on, 17, random, zone));
                }
            }
        }
        return new Plan(index, typeId, fields, issuedAt, delivered, answers, closing, withdrawn, prefix);
    }

    /** Writes {@code plan}; false when a record with its key exists already (a second run with the same seed). */
    private boolean write(Plan plan, AtomicInteger responses) {
        String key = KEY_PREFIX + seed + "-" + plan.index();
        if (archive.findByKey(key).isPresent()) {
            return false;
        }
        IssueRequest request = issuing.request(plan.typeId(), plan.fields()).withKey(key);
        clock.set(plan.issuedAt());
        InstrumentRecord record = archive.issue(request, cheapPdf(request));
        String issuer = record.issuingUnit().name();
        if (plan.deliveredOn().isPresent()) {
            clock.set(at(plan.deliveredOn().get(), 10, new Random(plan.index()), archive.zone()));
            archive.deliver(record.id(), DeliveryMethod.values()[plan.index() % 3], plan.deliveredOn().get(),
                    Optional.empty(), issuer);
        }
        for (Answer answer : plan.answers().stream().sorted(Comparator.comparing(Answer::at)).toList()) {
            clock.set(answer.at());
            archive.respond(new ResponseSubmission(record.id(), answer.unit(), answer.measures(), answer.results(),
                    answer.adoption(), List.of(new UploadedFile("整改情况报告.pdf",
                            onePage("wenshu bench synthetic attachment", "Response to record no. " + record.number().serial() + "/" + record.number().year())))));
            responses.incrementAndGet();
        }
        if (plan.closing().isPresent()) {
            Closing closing = plan.closing().get();
            clock.set(closing.at());
            archive.close(record.id(), closing.evaluation(), "整改措施基本落实，予以办结。", closing.reasonWithoutResponse(),
                    issuer);
        } else if (plan.withdrawnAt().isPresent() && archive.record(record.id()).status().awaitsResponse()) {
            clock.set(plan.withdrawnAt().get());
            archive.withdraw(record.id(), "经与被建议单位沟通，相关问题已在专项整治中一并解决，予以撤回。", issuer);
        }
        return true;
    }

    /** The stand-in for render + seal: a one-page unsigned PDF naming the number and verification code. */
    private static InstrumentProducer cheapPdf(IssueRequest request) {
        return InstrumentProducer.printingCode((number, code) -> onePage("wenshu bench synthetic record "
                + "(not rendered from its template, not sealed)", request.typeId() + " no. " + number.serial()
                + "/" + number.year() + ", verification code " + code));
    }

    static byte[] onePage(String heading, String line) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 760);
                text.showText(heading);
                text.newLineAtOffset(0, -20);
                text.showText(line);
                text.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant at(LocalDate date, int hour, Random random, ZoneId zone) {
        return date.atTime(LocalTime.of(hour, random.nextInt(60), random.nextInt(60))).atZone(zone).toInstant();
    }

    private static Map<String, Object> suggestion(Topic topic, String district, int count, LocalDate date,
            Random random) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", PROCURATORATE);
        fields.put("kind", topic.kind());
        fields.put("urgent", random.nextInt(20) == 0);
        fields.put("title", SyntheticTopics.fill(topic.title(), district, count));
        fields.put("recipient", topic.recipient());
        fields.put("facts", SyntheticTopics.fill(topic.facts(), district, count));
        fields.put("problems", topic.problems());
        fields.put("legalBasis", topic.legalBasis());
        fields.put("suggestions", topic.suggestions());
        fields.put("contact", SyntheticTopics.pick(SURNAMES, random) + "检察官，0724-23512" + (10 + random.nextInt(90)));
        fields.put("date", date.toString());
        fields.put("copiesTo", List.of(OFFICE));
        fields.put("printedBy", "荆门市人民检察院办公室");
        return fields;
    }

    private static Map<String, Object> opinion(Topic topic, String district, int count, LocalDate date,
            Random random) {
        String person = SyntheticTopics.pick(SURNAMES, random) + "某某";
        String subject = SyntheticTopics.pick(SyntheticTopics.OPINION_SUBJECTS, random);
        LocalDate decided = date.minusDays(3 + random.nextInt(40));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", PROCURATORATE);
        fields.put("title", "关于建议对" + person + subject + "行为给予行政处罚的检察意见");
        fields.put("recipient", topic.recipient());
        fields.put("person", person);
        fields.put("personDetails", (random.nextBoolean() ? "男" : "女") + "，" + (1960 + random.nextInt(40))
                + "年出生，汉族，住荆门市" + district + "。");
        fields.put("caseName", subject + "案");
        fields.put("decisionNumber", "荆检刑不诉〔" + decided.getYear() + "〕" + (1 + random.nextInt(200)) + "号");
        fields.put("decisionDate", decided.toString());
        fields.put("facts", SyntheticTopics.fill(topic.facts(), district, count) + "\n本院认为，" + person
                + "犯罪情节轻微，依法决定不起诉，但其行为依法应当受到行政处罚。");
        fields.put("legalBasis", "《中华人民共和国刑事诉讼法》第一百七十七条第三款、《人民检察院刑事诉讼规则》第三百七十三条");
        fields.put("opinions", List.of("依法对" + person + "的" + subject + "行为给予行政处罚。",
                topic.suggestions().get(topic.suggestions().size() - 1)));
        fields.put("contact", SyntheticTopics.pick(SURNAMES, random) + "检察官，0724-2351268");
        fields.put("date", date.toString());
        fields.put("copiesTo", List.of(OFFICE));
        fields.put("printedBy", "荆门市人民检察院办公室");
        return fields;
    }

    private static Map<String, Object> meetingNotice(LocalDate date, Random random) {
        List<String> recipients = new ArrayList<>(AGENCIES);
        java.util.Collections.shuffle(recipients, random);
        recipients = List.copyOf(recipients.subList(0, 3 + random.nextInt(AGENCIES.size() - 2)));
        LocalDate replyBy = date.plusDays(5 + random.nextInt(6));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", OFFICE);
        fields.put("title", "关于召开" + date.getYear() + "年荆门市“府检联动”联席会议第" + (1 + random.nextInt(4))
                + "次会议的通知");
        fields.put("recipients", recipients);
        fields.put("purpose", "为贯彻落实荆门市常态化“府检联动”工作机制，通报工作要点落实情况，研究部署下一阶段重点工作，定于近期召开联席会议。");
        fields.put("meetingDate", replyBy.plusDays(3 + random.nextInt(5)).toString());
        fields.put("meetingTime", random.nextBoolean() ? "上午9:00" : "下午2:30");
        fields.put("place", "荆门市人民检察院三楼第" + (1 + random.nextInt(3)) + "会议室");
        fields.put("attendingUnits", recipients);
        fields.put("attendees", "各单位分管负责同志1名、联络员1名");
        fields.put("agenda", List.of("通报“府检联动”工作开展情况", "研究公益诉讼线索移送和行刑衔接数据共享事项",
                "部署下一阶段重点工作"));
        fields.put("requirements", "请各成员单位于回执截止日期前报送参会人员名单。");
        fields.put("replyBy", replyBy.toString());
        fields.put("contact", "府检联动办，0724-2351000");
        fields.put("date", date.toString());
        fields.put("copiesTo", List.of("荆门市人民政府办公室"));
        fields.put("printedBy", OFFICE);
        return fields;
    }

    private static Map<String, Object> reminder(Topic topic, String district, LocalDate date, Random random) {
        LocalDate due = date.minusDays(1 + random.nextInt(30));
        LocalDate delivered = due.minusMonths(2);
        String earlier = "荆检行建〔" + delivered.getYear() + "〕" + (1 + random.nextInt(300)) + "号";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuingUnit", PROCURATORATE);
        fields.put("title", "关于督促回复" + earlier + "检察建议书的函");
        fields.put("recipient", topic.recipient());
        fields.put("earlierNumber", earlier);
        fields.put("earlierTitle", SyntheticTopics.fill(topic.title(), district, 0));
        fields.put("earlierDeliveredOn", delivered.toString());
        fields.put("earlierDueDate", due.toString());
        fields.put("request", "请你单位对照检察建议所列事项，逐项说明整改措施、整改进展和尚未完成事项的原因，并附相关制度文件。");
        fields.put("contact", SyntheticTopics.pick(SURNAMES, random) + "检察官，0724-2351234");
        fields.put("date", date.toString());
        fields.put("copiesTo", List.of(OFFICE));
        fields.put("printedBy", "荆门市人民检察院办公室");
        return fields;
    }

    /** The status a plan ends in, for tests. */
    static RecordStatus expectedStatus(Plan plan, int recipients) {
        if (plan.closing().isPresent()) {
            return RecordStatus.CLOSED;
        }
        if (plan.withdrawnAt().isPresent()) {
            return RecordStatus.WITHDRAWN;
        }
        if (plan.answers().size() == recipients && !plan.answers().isEmpty()) {
            return RecordStatus.RESPONDED;
        }
        return plan.deliveredOn().isPresent() ? RecordStatus.DELIVERED : RecordStatus.ISSUED;
    }
}
