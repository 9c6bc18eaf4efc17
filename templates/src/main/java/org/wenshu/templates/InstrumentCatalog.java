package org.wenshu.templates;

import static org.wenshu.templates.FieldSpec.choice;
import static org.wenshu.templates.FieldSpec.flag;
import static org.wenshu.templates.FieldSpec.optional;
import static org.wenshu.templates.FieldSpec.required;
import static org.wenshu.templates.FieldType.DATE;
import static org.wenshu.templates.FieldType.DOCUMENT_NUMBER;
import static org.wenshu.templates.FieldType.ITEM_LIST;
import static org.wenshu.templates.FieldType.MULTILINE;
import static org.wenshu.templates.FieldType.RESOLUTION_LIST;
import static org.wenshu.templates.FieldType.TEXT;
import static org.wenshu.templates.FieldType.UNIT;
import static org.wenshu.templates.FieldType.UNIT_LIST;

import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The instrument types wenshu can produce (文书类型目录). */
public final class InstrumentCatalog {

    /** Field names every type shares; the renderer reads them for the document's metadata. */
    public static final String DOCUMENT_NUMBER_FIELD = "documentNumber";
    public static final String ISSUING_UNIT_FIELD = "issuingUnit";
    public static final String TITLE_FIELD = "title";
    public static final String DATE_FIELD = "date";
    /** 印发机关: the issuer's own office that prints the document, not a unit of the register. */
    public static final String PRINTED_BY_FIELD = "printedBy";

    /** The issuing units of the catalog's codes, by full name as the archive spells them. */
    static final String PROCURATORATE = "荆门市人民检察院";
    static final String OFFICE = "荆门市“府检联动”工作领导小组办公室";

    private final List<InstrumentType> types;
    /** Each 机关代字 of the catalog and the one unit it belongs to. */
    private final Map<String, String> codeOwners = new LinkedHashMap<>();

    private InstrumentCatalog(List<InstrumentType> types) {
        this.types = List.copyOf(types);
        // GB/T 9704: 发文字号 = the issuing organ's code + year + serial. A code given to two units would make both
        // draw 1号, 2号 … of the same series; the archive numbers per (code, year), so one unit would take the
        // other's numbers. Refuse such a catalog at once.
        for (InstrumentType type : types) {
            type.numberCodes().forEach((unit, code) -> {
                String owner = codeOwners.putIfAbsent(code, unit);
                if (owner != null && !owner.equals(unit)) {
                    throw new IllegalArgumentException("number code " + code + " given to both " + owner + " and " + unit);
                }
            });
        }
    }

    /** The unit (full name) the catalog gives the 机关代字 {@code code} to, if any. */
    public Optional<String> codeOwner(String code) {
        return Optional.ofNullable(codeOwners.get(code));
    }

    /**
     * The 机关代字 {@code issuingUnit} (full name) numbers {@code type} with: {@code given} (the code of a number the
     * user wrote) if any, else the unit's own code for the type; a unit the catalog gives no code at all (one
     * configured later) numbers with the usual issuer's code, in one series with it (the archive counts per code and
     * year, so the numbers never collide).
     *
     * @throws NumberCodeNotOwn when the unit is one of the catalog's issuers and the code belongs to another unit:
     *                          its numbers would be taken from that unit's series
     */
    public String numberCode(InstrumentType type, String issuingUnit, Optional<String> given) {
        String code = given.or(() -> type.numberCode(issuingUnit)).orElse(type.numberCode());
        Optional<String> owner = codeOwner(code);
        boolean knownIssuer = codeOwners.containsValue(issuingUnit);
        if (knownIssuer && owner.isPresent() && !owner.get().equals(issuingUnit)) {
            throw new NumberCodeNotOwn(type, issuingUnit, code, owner.get());
        }
        return code;
    }

    /** The id of the 会议纪要 type, whose resolutions become tracked items. */
    public static final String MEETING_MINUTES = "meeting-minutes";

    /** The first set of types: 检察建议书, 检察意见书, 联席会议通知, 督促回复函, 会议纪要. */
    public static InstrumentCatalog standard() {
        return new InstrumentCatalog(List.of(suggestion(), opinion(), meetingNotice(), replyReminder(), meetingMinutes()));
    }

    /** Every type, in catalog order. */
    public List<InstrumentType> types() {
        return types;
    }

    /**
     * The types that may be issued on their own (one instrument, or one per row of a bulk list), in catalog order:
     * every type but those with their own workflow (会议纪要, recorded from their meeting). What the issuing forms and
     * the bulk-issue page offer; {@link #requireStandalone} still refuses the others when named directly.
     */
    public List<InstrumentType> standaloneTypes() {
        return types.stream().filter(InstrumentCatalog::standalone).toList();
    }

    /** Whether {@code type} may be issued on its own; false for 会议纪要, which are recorded from their meeting. */
    public static boolean standalone(InstrumentType type) {
        return !type.id().equals(MEETING_MINUTES);
    }

    /** The type with this id. */
    public Optional<InstrumentType> find(String id) {
        return types.stream().filter(type -> type.id().equals(id)).findFirst();
    }

    /**
     * The type with this id.
     *
     * @throws UnknownInstrumentType naming the known ids
     */
    public InstrumentType require(String id) {
        return find(id).orElseThrow(() -> new UnknownInstrumentType(id, types.stream().map(InstrumentType::id).toList()));
    }

    /**
     * The type with this id, if it may be issued on its own (one instrument, or one per row of a bulk list).
     *
     * @throws UnknownInstrumentType for an unknown id, naming the types that may be issued on their own
     * @throws TypeIssuedElsewhere for 会议纪要, which are recorded from their meeting: issued on their own they would be
     *                             linked to no notice and their resolutions would never be tracked
     */
    public InstrumentType requireStandalone(String id) {
        // The types offered are those this call accepts: never 会议纪要, which it refuses when named.
        InstrumentType type = find(id).orElseThrow(() -> new UnknownInstrumentType(id,
                standaloneTypes().stream().map(InstrumentType::id).toList()));
        if (!standalone(type)) {
            throw new TypeIssuedElsewhere(id, "会议纪要须在对应的联席会议中录入（网页：联席会议 → 该会议 → 录入会议纪要；接口：POST /api/v1/meetings/{会议通知 id}/minutes），"
                    + "以便关联会议通知并跟踪议定事项，不能单独发文或批量发文");
        }
        return type;
    }

    private static InstrumentType suggestion() {
        return new InstrumentType("procuratorial-suggestion", "检察建议书", Map.of(PROCURATORATE, "荆检行建"),
                new ReplyPeriod.Within(Period.ofMonths(2), Period.ofDays(15), "urgent"),
                fields(
                        head(),
                        List.of(
                                choice("kind", "建议类别", List.of("社会治理", "纠正违法", "公益诉讼诉前", "再审")),
                                flag("urgent", "紧急"),
                                required(TITLE_FIELD, "标题", TEXT, 60),
                                required("recipient", "主送机关", UNIT, 40),
                                required("facts", "查明的事实", MULTILINE, 5000),
                                required("problems", "存在的问题", MULTILINE, 5000),
                                required("legalBasis", "法律依据", TEXT, 300),
                                required("suggestions", "建议事项", ITEM_LIST, 500)),
                        tail(false)),
                List.of());
    }

    private static InstrumentType opinion() {
        return new InstrumentType("procuratorial-opinion", "检察意见书", Map.of(PROCURATORATE, "荆检行意"),
                new ReplyPeriod.Within(Period.ofMonths(2), Period.ofMonths(2), "urgent"),
                fields(
                        head(),
                        List.of(
                                required(TITLE_FIELD, "标题", TEXT, 60),
                                required("recipient", "主送机关", UNIT, 40),
                                required("person", "被不起诉人", TEXT, 30),
                                optional("personDetails", "被不起诉人基本情况", MULTILINE, 500),
                                required("caseName", "案由", TEXT, 60),
                                required("decisionNumber", "不起诉决定书文号", DOCUMENT_NUMBER, 40),
                                required("decisionDate", "不起诉决定日期", DATE, 0),
                                required("facts", "查明的事实", MULTILINE, 5000),
                                required("legalBasis", "法律依据", TEXT, 300),
                                required("opinions", "检察意见", ITEM_LIST, 500)),
                        tail(false)),
                List.of(new DateOrder("decisionDate", DATE_FIELD, "成文日期不能早于不起诉决定日期")));
    }

    private static InstrumentType meetingNotice() {
        return new InstrumentType("meeting-notice", "联席会议通知", codes(OFFICE, "荆府检联办", PROCURATORATE, "荆检行会"),
                new ReplyPeriod.ByDateField("replyBy"),
                fields(
                        head(),
                        List.of(
                                required(TITLE_FIELD, "标题", TEXT, 60),
                                required("recipients", "主送单位", UNIT_LIST, 40),
                                required("purpose", "会议事由", MULTILINE, 2000),
                                required("meetingDate", "会议日期", DATE, 0),
                                required("meetingTime", "会议时间", TEXT, 40),
                                required("place", "会议地点", TEXT, 80),
                                required("attendingUnits", "参会单位", UNIT_LIST, 40),
                                required("attendees", "参会人员", TEXT, 200),
                                required("agenda", "会议议程", ITEM_LIST, 200),
                                optional("requirements", "有关要求", MULTILINE, 2000),
                                required("replyBy", "回执截止日期", DATE, 0)),
                        tail(true)),
                List.of(new DateOrder(DATE_FIELD, "replyBy", "回执截止日期不能早于成文日期"),
                        new DateOrder("replyBy", "meetingDate", "会议日期不能早于回执截止日期")));
    }

    private static InstrumentType replyReminder() {
        return new InstrumentType("reply-reminder", "督促回复函", codes(PROCURATORATE, "荆检行督", OFFICE, "荆府检联督"),
                new ReplyPeriod.Within(Period.ofDays(15), Period.ofDays(15), "urgent"),
                fields(
                        head(),
                        List.of(
                                required(TITLE_FIELD, "标题", TEXT, 60),
                                required("recipient", "主送机关", UNIT, 40),
                                required("earlierNumber", "原文书发文字号", DOCUMENT_NUMBER, 40),
                                required("earlierTitle", "原文书标题", TEXT, 80),
                                required("earlierDeliveredOn", "原文书送达日期", DATE, 0),
                                required("earlierDueDate", "原回复期限", DATE, 0),
                                optional("request", "督促事项", MULTILINE, 2000)),
                        tail(false)),
                List.of(new DateOrder("earlierDeliveredOn", "earlierDueDate", "原回复期限不能早于原文书送达日期"),
                        new DateOrder("earlierDueDate", DATE_FIELD, "原回复期限届满后才能督促回复，成文日期不能早于原回复期限")));
    }

    /**
     * 会议纪要 of a joint meeting, linked to its notice by the notice's document number: who attended, what was
     * discussed and the resolutions (议定事项) with lead unit, co-operating units and deadline. 分送 units are its
     * addressees; no answer is expected (the resolutions are followed up as tracked items instead).
     */
    private static InstrumentType meetingMinutes() {
        return new InstrumentType(MEETING_MINUTES, "会议纪要", codes(OFFICE, "荆府检联纪", PROCURATORATE, "荆检行纪"),
                new ReplyPeriod.None(),
                fields(
                        head(),
                        List.of(
                                required(TITLE_FIELD, "标题", TEXT, 60),
                                required("noticeNumber", "会议通知文号", DOCUMENT_NUMBER, 40),
                                required("recipients", "分送单位", UNIT_LIST, 40),
                                required("meetingDate", "会议日期", DATE, 0),
                                required("place", "会议地点", TEXT, 80),
                                required("chair", "主持人", TEXT, 60),
                                required("attendees", "出席人员", ITEM_LIST, 200),
                                optional("absentees", "请假人员", ITEM_LIST, 200),
                                required("summary", "会议内容", MULTILINE, 5000),
                                required("resolutions", "议定事项", RESOLUTION_LIST, 100)),
                        tail(false)),
                List.of(new DateOrder("meetingDate", DATE_FIELD, "成文日期不能早于会议日期")));
    }

    private static List<FieldSpec> head() {
        return List.of(
                required(DOCUMENT_NUMBER_FIELD, "发文字号", DOCUMENT_NUMBER, 40),
                required(ISSUING_UNIT_FIELD, "发文机关", UNIT, 40));
    }

    private static List<FieldSpec> tail(boolean contactRequired) {
        return List.of(
                contactRequired ? required("contact", "联系人及电话", TEXT, 60) : optional("contact", "联系人及电话", TEXT, 60),
                required(DATE_FIELD, "成文日期", DATE, 0),
                optional("copiesTo", "抄送机关", UNIT_LIST, 40),
                optional(PRINTED_BY_FIELD, "印发机关", UNIT, 40));
    }

    /** Codes by unit, in the order given (the usual issuer first). */
    private static Map<String, String> codes(String unit, String code, String otherUnit, String otherCode) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(unit, code);
        codes.put(otherUnit, otherCode);
        return codes;
    }

    @SafeVarargs
    private static List<FieldSpec> fields(List<FieldSpec>... groups) {
        List<FieldSpec> all = new ArrayList<>();
        Stream.of(groups).forEach(all::addAll);
        return all;
    }
}
