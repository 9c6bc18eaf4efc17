package org.wenshu.archive.leads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wenshu.archive.Archive;
import org.wenshu.archive.ArchiveLimits;
import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.RecordKeeping;
import org.wenshu.archive.StoredFile;
import org.wenshu.archive.TransitionRefused;
import org.wenshu.archive.Unit;
import org.wenshu.archive.UploadedFile;
import org.wenshu.archive.uploads.InspectedFile;
import org.wenshu.archive.uploads.UploadInspector;

/**
 * 线索移送: agencies file leads with a procuratorate, which acknowledges each (受理) under the next number of its
 * register of received leads, decides (立案 / 不立案 / 移送其他机关) and reports the result (结果反馈). Every step
 * is a state transition ({@link LeadStatus}) refused with {@link TransitionRefused} out of order, committed in one
 * transaction with its hash-chained audit event and a {@code LEAD} change-log entry for the search index.
 *
 * <p>Register numbers ({@code 荆检线索〔2024〕3号}): prefix = first character of the receiving procuratorate's full
 * name + {@code 检线索}; year = the year of acknowledgement in the archive's zone; serial = 1, 2, 3… per prefix
 * and year (procuratorates whose names begin alike share the series), taken from a row locked {@code FOR UPDATE}
 * in the acknowledging transaction, so numbers
 * are gapless (no external step can fail after the number is taken) and never reused (unique constraints).
 */
public final class Leads {

    /** Change-log kind and audit record type of a lead. */
    public static final String CHANGE_KIND = "LEAD";
    static final String EVIDENCE = "EVIDENCE";
    static final String RESULT = "RESULT";
    private static final String LEAD_JSON = "LEAD_JSON";

    private final Archive archive;
    private final RecordKeeping keeping;
    private final JdbcTemplate jdbc;
    private final ArchiveLimits limits;
    private final UploadInspector inspector;

    private Leads(Archive archive) {
        this.archive = archive;
        this.keeping = archive.recordKeeping();
        this.jdbc = keeping.jdbc();
        this.limits = keeping.limits();
        this.inspector = keeping.inspector();
    }

    /** The leads of {@code archive} (its migrations already created the tables). */
    public static Leads of(Archive archive) {
        return new Leads(archive);
    }

    // ---------------------------------------------------------------- filing

    /**
     * Files a lead: validates every value, inspects each attachment (type by content, size; nothing is stored when
     * one is refused), stores the attachments and {@code lead.json}, commits the lead as {@link LeadStatus#FILED}
     * and audits {@code LEAD_FILED}.
     *
     * @throws LeadInvalid naming the field at fault
     * @throws org.wenshu.archive.uploads.FileRefused naming the refused file and why
     */
    public Lead file(LeadFiling filing) {
        Unit from = keeping.unit(filing.filingUnit(), "移送单位");
        if (from.kind().equals("PROCURATORATE")) {
            throw new LeadInvalid("filingUnit", "线索由行政机关移送检察院；" + from.name() + " 是检察院");
        }
        if (filing.receivingUnit() == null || filing.receivingUnit().isBlank()) {
            throw new LeadInvalid("receivingUnit", "请选择接收线索的检察院");
        }
        Unit to = keeping.unit(filing.receivingUnit(), "接收单位");
        if (!to.kind().equals("PROCURATORATE")) {
            throw new LeadInvalid("receivingUnit", "线索只能移送检察院；「" + to.name() + "」不是检察院");
        }
        if (filing.type() == null) {
            throw new LeadInvalid("type", "请选择线索类别（公益诉讼线索 / 涉嫌犯罪案件移送 / 行政违法线索）");
        }
        if (filing.domain() == null) {
            throw new LeadInvalid("domain", "请选择所属领域");
        }
        String title = text(filing.title(), "title", "线索标题", 100);
        String facts = text(filing.facts(), "facts", "线索事实", 20000);
        String basis = text(filing.legalBasis(), "legalBasis", "法律依据", 2000);
        String officer = text(filing.officer(), "officer", "移送人", 200);
        List<UploadedFile> uploads = filing.files();
        if (uploads.size() > limits.maxFilesPerResponse()) {
            throw new LeadInvalid("files", "附件 " + uploads.size() + " 个，超过上限 " + limits.maxFilesPerResponse() + " 个");
        }
        long total = uploads.stream().mapToLong(f -> f.content().length).sum();
        if (total > limits.maxResponseBytes()) {
            throw new LeadInvalid("files", "附件合计 " + total + " 字节，超过上限 " + limits.maxResponseBytes() + " 字节");
        }
        List<InspectedFile> inspected = new ArrayList<>();
        for (UploadedFile file : uploads) {
            inspected.add(inspector.inspect(file.name(), file.content(), inspected.size() + 1)); // nothing stored yet
        }
        String id = UUID.randomUUID().toString();
        Instant now = now();
        int year = now.atZone(keeping.clock().getZone()).getYear();
        List<String> written = new ArrayList<>();
        try {
            List<StoredFile> stored = new ArrayList<>();
            List<Map<String, Object>> filesJson = new ArrayList<>();
            for (int i = 0; i < inspected.size(); i++) {
                InspectedFile file = inspected.get(i);
                StoredFile object = keeping.put(base(year, id) + "files/" + (i + 1) + "-attachment." + file.extension(),
                        uploads.get(i).content(), file.mediaType(), metadata(id, "lead-file"), written);
                stored.add(object);
                filesJson.add(fileJson(file.originalName(), object));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("schema", "wenshu.lead/1");
            json.put("id", id);
            json.put("type", filing.type().name());
            json.put("typeLabel", filing.type().label());
            json.put("title", title);
            json.put("facts", facts);
            json.put("domain", filing.domain().label());
            json.put("legalBasis", basis);
            json.put("filingUnit", Map.of("id", from.id(), "name", from.name()));
            json.put("receivingUnit", Map.of("id", to.id(), "name", to.name()));
            json.put("filedBy", officer);
            json.put("filedAt", now.toString());
            json.put("files", filesJson);
            StoredFile manifest = keeping.put(base(year, id) + "lead.json", pretty(json), "application/json",
                    metadata(id, "lead"), written);
            keeping.tx().executeWithoutResult(status -> {
                jdbc.update("INSERT INTO leads (id, lead_type, title, facts, domain, legal_basis, filing_unit, receiving_unit, "
                                + "filed_by, filed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'FILED')",
                        id, filing.type().name(), title, facts, filing.domain().name(), basis, from.id(), to.id(), officer,
                        RecordKeeping.utc(now));
                for (int i = 0; i < stored.size(); i++) {
                    keeping.insertLeadFile(stored.get(i), id, EVIDENCE, inspected.get(i).originalName(), inspected.get(i).text());
                }
                keeping.insertLeadFile(manifest, id, LEAD_JSON, "lead.json", null);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("type", filing.type().name());
                detail.put("title", title);
                detail.put("receivingUnit", to.name());
                detail.put("by", officer);
                detail.put("leadJsonSha256", manifest.sha256());
                detail.put("files", stored.stream().map(StoredFile::sha256).toList());
                keeping.changed(id, CHANGE_KIND, now);
                keeping.audit(now, from.name(), "LEAD_FILED", id, detail);
            });
        } catch (RuntimeException e) {
            keeping.deleteQuietly(written, e);
            throw e;
        }
        return require(id);
    }

    // ---------------------------------------------------------------- the procuratorate's steps

    /**
     * 受理: the receiving procuratorate acknowledges a filed lead, which takes the next number of its register.
     *
     * @throws TransitionRefused when the lead is not {@link LeadStatus#FILED} or {@code actingUnit} did not receive it
     */
    public Lead acknowledge(String leadId, String actingUnit, String officer) {
        Unit actor = keeping.unit(actingUnit, "受理单位");
        String by = text(officer, "officer", "受理人", 200);
        Lead lead = require(leadId);
        String prefix = prefixOf(lead.receivingUnit());
        Instant now = now();
        int year = now.atZone(keeping.clock().getZone()).getYear();
        ensureCounter(prefix, year);
        keeping.tx().executeWithoutResult(status -> {
            Lead current = locked(leadId);
            checkReceiver(current, actor);
            if (current.status() != LeadStatus.FILED) {
                throw new TransitionRefused("线索 " + current.numberText() + " 已受理，不能重复受理");
            }
            // One counter per (prefix, year): procuratorates whose names begin alike share the prefix, never a number.
            Integer last = jdbc.queryForObject("SELECT last_serial FROM lead_counters WHERE prefix = ? AND num_year = ? "
                    + "FOR UPDATE", Integer.class, prefix, year);
            DocumentNumber number = new DocumentNumber(prefix, year, last + 1);
            jdbc.update("UPDATE lead_counters SET last_serial = ? WHERE prefix = ? AND num_year = ?",
                    number.serial(), prefix, year);
            jdbc.update("UPDATE leads SET status = 'ACKNOWLEDGED', prefix = ?, num_year = ?, serial = ?, number_text = ?, "
                            + "acknowledged_by = ?, acknowledged_at = ? WHERE id = ?",
                    number.prefix(), number.year(), number.serial(), number.text(), by, RecordKeeping.utc(now), leadId);
            keeping.changed(leadId, CHANGE_KIND, now);
            keeping.audit(now, actor.name(), "LEAD_ACKNOWLEDGED", leadId, Map.of("number", number.text(), "by", by));
        });
        return require(leadId);
    }

    /**
     * 处理决定 on an acknowledged lead: 立案; 不立案 with the reason (required); 移送其他机关 naming the receiving
     * body (required) and optionally why.
     *
     * @throws TransitionRefused when the lead is not {@link LeadStatus#ACKNOWLEDGED} or {@code actingUnit} did not receive it
     * @throws LeadInvalid for a missing decision, reason or receiving body
     */
    public Lead decide(String leadId, LeadDecision decision, String reason, String transferTo, String actingUnit,
                       String officer) {
        Unit actor = keeping.unit(actingUnit, "决定单位");
        String by = text(officer, "officer", "决定人", 200);
        if (decision == null) {
            throw new LeadInvalid("decision", "请选择处理决定（立案 / 不立案 / 移送其他机关）");
        }
        String why = reason == null || reason.isBlank() ? null : limited(reason.strip(), "reason", "理由", 2000);
        String body = transferTo == null || transferTo.isBlank() ? null : limited(transferTo.strip(), "transferTo", "接收机关", 200);
        if (decision == LeadDecision.NO_CASE && why == null) {
            throw new LeadInvalid("reason", "不立案须写明理由");
        }
        if (decision == LeadDecision.TRANSFER && body == null) {
            throw new LeadInvalid("transferTo", "移送其他机关须写明接收机关");
        }
        String transferred = decision == LeadDecision.TRANSFER ? body : null;
        Instant now = now();
        keeping.tx().executeWithoutResult(status -> {
            Lead current = locked(leadId);
            checkReceiver(current, actor);
            switch (current.status()) {
                case ACKNOWLEDGED -> {
                }
                case FILED -> throw new TransitionRefused("线索「" + current.title() + "」尚未受理，请先受理再作出处理决定");
                default -> throw new TransitionRefused("线索 " + current.numberText() + " 已作出处理决定（"
                        + current.decision().map(LeadDecision::label).orElse("") + "），不能再次决定");
            }
            jdbc.update("UPDATE leads SET status = 'DECIDED', decision = ?, decision_reason = ?, transferred_to = ?, "
                            + "decided_by = ?, decided_at = ? WHERE id = ?",
                    decision.name(), why, transferred, by, RecordKeeping.utc(now), leadId);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("decision", decision.name());
            detail.put("reason", why == null ? "" : why);
            detail.put("transferTo", transferred == null ? "" : transferred);
            detail.put("by", by);
            keeping.changed(leadId, CHANGE_KIND, now);
            keeping.audit(now, actor.name(), "LEAD_DECIDED", leadId, detail);
        });
        return require(leadId);
    }

    /**
     * 结果反馈 on a decided lead: the result text (required) and optionally one file, inspected like any upload.
     *
     * @throws TransitionRefused when the lead is not {@link LeadStatus#DECIDED} or {@code actingUnit} did not receive it
     * @throws LeadInvalid for a missing result text
     * @throws org.wenshu.archive.uploads.FileRefused for a refused file (nothing is stored)
     */
    public Lead conclude(String leadId, String result, Optional<UploadedFile> file, String actingUnit, String officer) {
        Unit actor = keeping.unit(actingUnit, "反馈单位");
        String by = text(officer, "officer", "反馈人", 200);
        String text = text(result, "result", "结果反馈", 20000);
        Lead lead = require(leadId);
        checkReceiver(lead, actor);
        checkMayConclude(lead);
        Optional<InspectedFile> inspected = file.map(f -> inspector.inspect(f.name(), f.content(), 1));
        Instant now = now();
        int year = lead.filedAt().atZone(keeping.clock().getZone()).getYear();
        List<String> written = new ArrayList<>();
        try {
            Optional<StoredFile> stored = inspected.map(i -> keeping.put(base(year, leadId) + "result/1-attachment."
                    + i.extension(), file.get().content(), i.mediaType(), metadata(leadId, "lead-result"), written));
            keeping.tx().executeWithoutResult(status -> {
                Lead current = locked(leadId);
                checkMayConclude(current);
                jdbc.update("UPDATE leads SET status = 'CONCLUDED', result_text = ?, result_by = ?, result_at = ? WHERE id = ?",
                        text, by, RecordKeeping.utc(now), leadId);
                stored.ifPresent(s -> keeping.insertLeadFile(s, leadId, RESULT, inspected.get().originalName(),
                        inspected.get().text()));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("by", by);
                detail.put("files", stored.map(s -> List.of(s.sha256())).orElse(List.of()));
                keeping.changed(leadId, CHANGE_KIND, now);
                keeping.audit(now, actor.name(), "LEAD_CONCLUDED", leadId, detail);
            });
        } catch (RuntimeException e) {
            keeping.deleteQuietly(written, e);
            throw e;
        }
        return require(leadId);
    }

    // ---------------------------------------------------------------- queries

    /** The lead with this id or register number (收案编号), if any. */
    public Optional<Lead> find(String leadId) {
        if (leadId == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM leads WHERE id = ? OR number_text = ?", this::row, leadId, leadId).stream()
                .findFirst();
    }

    /** The lead with this id or register number; {@link LeadNotFound} if there is none. */
    public Lead require(String leadId) {
        return find(leadId).orElseThrow(() -> new LeadNotFound(leadId == null ? "" : leadId));
    }

    /**
     * Leads matching {@code query}, newest filed first: {@code limit} (1–1000) from {@code offset} (≥ 0), with the
     * total count under the same conditions.
     *
     * @throws LeadInvalid for a negative offset or a limit outside 1–1000
     */
    public LeadQuery.Page list(LeadQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new LeadInvalid("page", "分页参数无效：offset 须 ≥ 0，limit 须在 1–1000 之间");
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.partyUnits().isPresent()) {
            if (query.partyUnits().get().isEmpty()) {
                return new LeadQuery.Page(List.of(), 0);
            }
            String marks = String.join(", ", query.partyUnits().get().stream().map(u -> "?").toList());
            where.append(" AND (filing_unit IN (").append(marks).append(") OR receiving_unit IN (").append(marks).append("))");
            args.addAll(query.partyUnits().get());
            args.addAll(query.partyUnits().get());
        }
        query.filingUnit().ifPresent(u -> {
            where.append(" AND filing_unit = ?");
            args.add(u);
        });
        query.receivingUnit().ifPresent(u -> {
            where.append(" AND receiving_unit = ?");
            args.add(u);
        });
        query.status().ifPresent(s -> {
            where.append(" AND status = ?");
            args.add(s.name());
        });
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM leads" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(limit);
        paged.add(offset);
        List<Lead> items = jdbc.query("SELECT * FROM leads" + where + " ORDER BY filed_at DESC, id LIMIT ? OFFSET ?",
                this::row, paged.toArray());
        return new LeadQuery.Page(items, total == null ? 0 : total);
    }

    /** 收案登记簿: the acknowledged leads of {@code receivingUnit}, by year and serial; optionally one year only. */
    public List<Lead> register(String receivingUnit, Optional<Integer> year) {
        Unit unit = keeping.unit(receivingUnit, "接收单位");
        return year.map(y -> jdbc.query("SELECT * FROM leads WHERE receiving_unit = ? AND number_text IS NOT NULL "
                        + "AND num_year = ? ORDER BY num_year, serial", this::row, unit.id(), y))
                .orElseGet(() -> jdbc.query("SELECT * FROM leads WHERE receiving_unit = ? AND number_text IS NOT NULL "
                        + "ORDER BY num_year, serial", this::row, unit.id()));
    }

    /**
     * Per filing unit, its leads filed in {@code year} (the filing day in the archive's zone, Asia/Shanghai by default),
     * counted by the step reached and the decision: one grouped SQL count. Only leads received by one of
     * {@code receivingUnits} when present (an empty set counts nothing); units without leads are left out; ordered as
     * the archive lists units.
     */
    public List<LeadTally> tally(int year, Optional<java.util.Set<String>> receivingUnits) {
        if (receivingUnits.isPresent() && receivingUnits.get().isEmpty()) {
            return List.of();
        }
        java.time.ZoneId zone = keeping.clock().getZone();
        List<Object> args = new ArrayList<>();
        args.add(RecordKeeping.utc(java.time.LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant()));
        args.add(RecordKeeping.utc(java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant()));
        StringBuilder where = new StringBuilder(" WHERE filed_at >= ? AND filed_at < ?");
        receivingUnits.ifPresent(units -> {
            where.append(" AND receiving_unit IN (").append(String.join(", ", units.stream().map(u -> "?").toList())).append(")");
            args.addAll(units);
        });
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT filing_unit, status, decision, COUNT(*) AS n FROM leads" + where
                + " GROUP BY filing_unit, status, decision", rs -> {
            long[] c = counts.computeIfAbsent(rs.getString("filing_unit"), k -> new long[7]);
            long n = rs.getLong("n");
            LeadStatus status = LeadStatus.valueOf(rs.getString("status"));
            c[0] += n;
            switch (status) {
                case FILED -> c[1] += n;
                case ACKNOWLEDGED -> c[2] += n;
                case DECIDED, CONCLUDED -> {
                    switch (LeadDecision.valueOf(rs.getString("decision"))) {
                        case OPEN_CASE -> c[3] += n;
                        case NO_CASE -> c[4] += n;
                        case TRANSFER -> c[5] += n;
                    }
                    if (status == LeadStatus.CONCLUDED) {
                        c[6] += n;
                    }
                }
            }
        }, args.toArray());
        List<LeadTally> tallies = new ArrayList<>();
        for (Unit unit : archive.units()) {
            long[] c = counts.get(unit.id());
            if (c != null) {
                tallies.add(new LeadTally(unit, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
            }
        }
        return tallies;
    }

    /** Every lead id in filing order (for rebuilding the search index). */
    public List<String> ids() {
        return jdbc.queryForList("SELECT id FROM leads ORDER BY filed_at, id", String.class);
    }

    /** The bytes of a lead's stored file. */
    public byte[] content(LeadFile file) {
        return keeping.read(file.key()).orElseThrow(() -> new IllegalStateException("archive object missing: " + file.key()));
    }

    // ---------------------------------------------------------------- internals

    private Lead locked(String leadId) {
        // Serialises the steps on one lead: two officers acknowledging at once get one number and one refusal.
        List<String> ids = jdbc.queryForList("SELECT id FROM leads WHERE id = ? FOR UPDATE", String.class, leadId);
        if (ids.isEmpty()) {
            throw new LeadNotFound(leadId);
        }
        return require(leadId);
    }

    private static void checkReceiver(Lead lead, Unit actor) {
        if (!lead.receivingUnit().id().equals(actor.id())) {
            throw new TransitionRefused("线索「" + lead.title() + "」移送给 " + lead.receivingUnit().name() + "，"
                    + actor.name() + " 不能办理");
        }
    }

    private static void checkMayConclude(Lead lead) {
        switch (lead.status()) {
            case DECIDED -> {
            }
            case FILED -> throw new TransitionRefused("线索「" + lead.title() + "」尚未受理，不能反馈结果");
            case ACKNOWLEDGED -> throw new TransitionRefused("线索 " + lead.numberText() + " 尚未作出处理决定，不能反馈结果");
            case CONCLUDED -> throw new TransitionRefused("线索 " + lead.numberText() + " 已反馈结果，不能重复反馈");
        }
    }

    private void ensureCounter(String prefix, int year) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM lead_counters WHERE prefix = ? AND num_year = ?",
                Integer.class, prefix, year);
        if (rows == 0) {
            try {
                keeping.tx().executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO lead_counters (prefix, num_year, last_serial) VALUES (?, ?, 0)", prefix, year));
            } catch (DuplicateKeyException concurrentlyCreated) {
                // another acknowledgement created it first: fine
            }
        }
    }

    /** 荆门市人民检察院 → 荆检线索. */
    static String prefixOf(Unit procuratorate) {
        return procuratorate.name().codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "检线索";
    }

    private Instant now() {
        return keeping.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(String value, String field, String label, int max) {
        if (value == null || value.isBlank()) {
            throw new LeadInvalid(field, "请填写" + label);
        }
        return limited(value.strip(), field, label, max);
    }

    private static String limited(String value, String field, String label, int max) {
        if (value.length() > max) {
            throw new LeadInvalid(field, label + "不超过 " + max + " 字（现有 " + value.length() + " 字）");
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t')) {
            throw new LeadInvalid(field, label + "含有控制字符，请删除后重试");
        }
        return value;
    }

    private static String base(int year, String leadId) {
        // Keys from generated ids and years only, never from user text (as for instruments).
        return "leads/" + year + "/" + leadId + "/";
    }

    private static Map<String, String> metadata(String leadId, String kind) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("record-id", leadId);
        meta.put("kind", URLEncoder.encode(kind, StandardCharsets.UTF_8));
        return meta;
    }

    private static Map<String, Object> fileJson(String name, StoredFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("key", file.key());
        json.put("sha256", file.sha256());
        json.put("size", file.size());
        json.put("mediaType", file.mediaType());
        return json;
    }

    private static byte[] pretty(Map<String, Object> json) {
        return RecordKeeping.prettyJson(json);
    }

    private Lead row(ResultSet rs, int i) throws SQLException {
        String id = rs.getString("id");
        String numberText = rs.getString("number_text");
        Optional<DocumentNumber> number = numberText == null ? Optional.empty()
                : Optional.of(new DocumentNumber(rs.getString("prefix"), rs.getInt("num_year"), rs.getInt("serial")));
        List<LeadFile> files = new ArrayList<>(jdbc.query("SELECT * FROM files WHERE lead_id = ? AND role <> ?",
                (f, n) -> new LeadFile(f.getString("object_key"), f.getString("role"), f.getString("original_name"),
                        f.getString("media_type"), f.getLong("size_bytes"), f.getString("sha256"), f.getString("extracted_text")),
                id, LEAD_JSON));
        // Attachments in upload order (…/files/2-… before …/files/10-…), the result file last.
        files.sort(java.util.Comparator.comparing((LeadFile f) -> f.role().equals(RESULT)).thenComparingInt(Leads::position));
        return new Lead(id, LeadType.valueOf(rs.getString("lead_type")), rs.getString("title"), rs.getString("facts"),
                LeadDomain.valueOf(rs.getString("domain")), rs.getString("legal_basis"),
                archive.unit(rs.getString("filing_unit")), archive.unit(rs.getString("receiving_unit")),
                rs.getString("filed_by"), RecordKeeping.instant(rs.getObject("filed_at")),
                LeadStatus.valueOf(rs.getString("status")), number, Optional.ofNullable(rs.getString("acknowledged_by")),
                instant(rs.getObject("acknowledged_at")), Optional.ofNullable(rs.getString("decision")).map(LeadDecision::valueOf),
                Optional.ofNullable(rs.getString("decision_reason")), Optional.ofNullable(rs.getString("transferred_to")),
                Optional.ofNullable(rs.getString("decided_by")), instant(rs.getObject("decided_at")),
                Optional.ofNullable(rs.getString("result_text")), Optional.ofNullable(rs.getString("result_by")),
                instant(rs.getObject("result_at")), files);
    }

    private static int position(LeadFile file) {
        String name = file.key().substring(file.key().lastIndexOf('/') + 1);
        return Integer.parseInt(name.substring(0, name.indexOf('-')));
    }

    private static Optional<Instant> instant(Object column) {
        return column == null ? Optional.empty() : Optional.of(RecordKeeping.instant(column));
    }
}
