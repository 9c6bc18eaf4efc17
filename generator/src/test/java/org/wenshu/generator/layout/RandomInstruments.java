package org.wenshu.generator.layout;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Valid field values of every instrument type with lengths drawn at random from a seed: from half a page to about
 * five pages of body text, long unit names, many 抄送 units, long lists of suggestions, and the runs that make
 * lines break early (统一社会信用代码, English company names, amounts, book titles, 避头尾 punctuation).
 */
public final class RandomInstruments {

    /** One instrument to print: its type and raw field values, with the seed that made it. */
    public record Sample(long seed, String typeId, Map<String, Object> values) {
    }

    private static final List<String> TYPES =
            List.of("procuratorial-suggestion", "procuratorial-opinion", "meeting-notice", "reply-reminder",
                    "meeting-minutes");

    private static final List<String> CLAUSES = List.of(
            "本院在履行法律监督职责中发现", "经调阅档案、走访相关单位并听取意见", "部分司法所未在规定期限内作出决定",
            "有的企业负责人因审批耗时过长未能按期参加商务洽谈", "影响了企业正常经营", "审批文书说理不充分",
            "不予批准的决定未告知理由", "依法应当受到行政处罚", "相关制度执行不到位", "监督管理存在漏洞",
            "群众反映强烈", "经审查查明", "截至目前仍未整改到位", "对照工作要点逐项落实", "形成书面材料",
            "会同有关部门建立信息共享机制", "定期通报工作开展情况", "共同做好监督管理工作", "保障企业正常运转",
            "拖欠农民工工资", "取得被欠薪农民工谅解", "犯罪情节轻微", "依法决定不起诉", "持续开展专项整治活动",
            "在保障监督管理的前提下减少审批环节", "及时审查、按期决定", "切实维护国家利益和社会公共利益", "依法履职");
    private static final List<String> RUNS = List.of(
            "统一社会信用代码91420800MA49XK7L2Q", "Jingmen Hengtai Construction Engineering Co., Ltd.",
            "人民币41.6万元", "2023年5月至10月", "《中华人民共和国社区矫正法》第二十七条", "“府检联动”",
            "（以下简称“恒泰公司”）", "ISO 9001", "0724-2351234", "荆检刑不诉〔2024〕12号", "第3.2.1条",
            "——", "……", "“六稳”“六保”", "HTTPS://WWW.JINGMEN.GOV.CN", "32名", "No.2024-0815-A");
    private static final List<String> UNIT_STEMS = List.of(
            "公安局", "司法局", "政数局", "教育局", "卫生健康委员会", "人力资源和社会保障局", "乡村振兴局", "民政局",
            "农业农村局", "住房和城乡建设局", "自然资源和规划局", "生态环境局", "市场监督管理局", "应急管理局",
            "交通运输局", "水利和湖泊局", "城市管理执法委员会", "退役军人事务局", "人民政府办公室", "财政局");
    private static final List<String> PLACES = List.of("荆门市", "湖北省荆门市", "荆门市东宝区", "荆门市掇刀区",
            "京山市", "钟祥市", "沙洋县", "荆门高新区");
    private static final List<String> ISSUERS = List.of("荆门市人民检察院", "荆门市“府检联动”工作领导小组办公室",
            "荆门市东宝区人民检察院", "湖北省荆门市掇刀区人民检察院", "荆门市人民检察院第七检察部（公益诉讼检察部）",
            "钟祥市人民检察院");

    private final Random random;

    private RandomInstruments(long seed) {
        this.random = new Random(seed);
    }

    /** The instrument made from {@code seed}; the same seed always gives the same values. */
    public static Sample sample(long seed) {
        return new RandomInstruments(seed).make(seed);
    }

    private Sample make(long seed) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        // Body length in characters: half a page (~300) to five pages (~3,000), spread evenly so every place a
        // page can break is tried.
        int budget = 250 + random.nextInt(2900);
        Map<String, Object> values = new LinkedHashMap<>();
        LocalDate date = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
        values.put("documentNumber", prefix(type) + "〔" + date.getYear() + "〕" + (1 + random.nextInt(999)) + "号");
        values.put("issuingUnit", ISSUERS.get(random.nextInt(ISSUERS.size())));
        values.put("title", clip("关于" + text(10 + random.nextInt(40)) + "的" + titleEnd(type), 60));
        switch (type) {
            case "procuratorial-suggestion" -> {
                values.put("kind", List.of("社会治理", "纠正违法", "公益诉讼诉前", "再审").get(random.nextInt(4)));
                values.put("urgent", random.nextInt(5) == 0);
                values.put("recipient", unit());
                int items = 1 + random.nextInt(random.nextBoolean() ? 4 : 15);
                int share = budget / 3;
                values.put("facts", paragraphs(share, 5000));
                values.put("problems", paragraphs(Math.max(20, budget - 2 * share), 5000));
                values.put("legalBasis", clip(text(20 + random.nextInt(120)), 300));
                values.put("suggestions", items(items, Math.max(30, share / items), 500));
            }
            case "procuratorial-opinion" -> {
                values.put("recipient", unit());
                values.put("person", List.of("刘某某", "张某", "Jingmen Hengtai Co., Ltd.", "欧阳某某").get(random.nextInt(4)));
                if (random.nextBoolean()) {
                    values.put("personDetails", paragraphs(20 + random.nextInt(200), 500));
                }
                values.put("caseName", clip(text(4 + random.nextInt(20)) + "罪", 60));
                values.put("decisionNumber", "荆检刑不诉〔" + date.getYear() + "〕" + (1 + random.nextInt(99)) + "号");
                values.put("decisionDate", date.minusDays(1 + random.nextInt(60)).toString());
                values.put("facts", paragraphs(budget * 2 / 3, 5000));
                values.put("legalBasis", clip(text(20 + random.nextInt(120)), 300));
                int items = 1 + random.nextInt(8);
                values.put("opinions", items(items, Math.max(30, budget / 3 / items), 500));
            }
            case "meeting-notice" -> {
                values.put("recipients", units(1 + random.nextInt(random.nextBoolean() ? 5 : 25)));
                values.put("purpose", paragraphs(Math.min(1900, budget / 3), 2000));
                LocalDate replyBy = date.plusDays(random.nextInt(10));
                values.put("meetingDate", replyBy.plusDays(random.nextInt(10)).toString());
                values.put("meetingTime", List.of("上午9:00", "下午2:30", "上午9时30分").get(random.nextInt(3)));
                values.put("place", clip(PLACES.get(random.nextInt(PLACES.size())) + text(4 + random.nextInt(50))
                        + "会议室", 80));
                values.put("attendingUnits", units(1 + random.nextInt(random.nextBoolean() ? 5 : 25)));
                values.put("attendees", clip(text(8 + random.nextInt(150)), 200));
                int items = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
                values.put("agenda", items(items, Math.max(8, Math.min(190, budget / 4 / items)), 200));
                if (random.nextInt(4) > 0) {
                    values.put("requirements", paragraphs(Math.min(1900, budget / 3), 2000));
                }
                values.put("replyBy", replyBy.toString());
                values.put("contact", clip(List.of("李明", "王检察官", "欧阳某某").get(random.nextInt(3)) + "，0724-"
                        + (2000000 + random.nextInt(999999)), 60));
            }
            case "meeting-minutes" -> {
                values.put("noticeNumber", "荆府检联办〔" + date.getYear() + "〕" + (1 + random.nextInt(99)) + "号");
                // 分送 stands in the 版记 with 抄送, so as many units as 抄送 ever has (a 版记 taller than the room
                // left on the last page would be split, as for the other types with more 抄送 units than that).
                values.put("recipients", units(1 + random.nextInt(random.nextBoolean() ? 5 : 14)));
                values.put("meetingDate", date.minusDays(random.nextInt(10)).toString());
                values.put("place", clip(PLACES.get(random.nextInt(PLACES.size())) + text(4 + random.nextInt(50))
                        + "会议室", 80));
                values.put("chair", clip(List.of("市政府常务副市长", "市检察院检察长", "欧阳某某").get(random.nextInt(3)), 60));
                values.put("attendees", items(1 + random.nextInt(12), 20, 200));
                if (random.nextInt(3) == 0) {
                    values.put("absentees", items(1 + random.nextInt(3), 20, 200));
                }
                values.put("summary", paragraphs(Math.max(20, budget * 2 / 3), 5000));
                int count = 1 + random.nextInt(random.nextBoolean() ? 4 : 15);
                List<Map<String, Object>> resolutions = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Map<String, Object> resolution = new LinkedHashMap<>();
                    resolution.put("title", clip(text(6 + random.nextInt(Math.max(8, Math.min(90, budget / 3 / count)))), 100));
                    resolution.put("leadUnit", "荆门市人民检察院");
                    resolution.put("coUnits", units(random.nextInt(4)));
                    resolution.put("deadline", date.plusDays(random.nextInt(300)).toString());
                    resolutions.add(resolution);
                }
                values.put("resolutions", resolutions);
            }
            default -> {
                values.put("recipient", unit());
                values.put("earlierNumber", "荆检行建〔" + date.getYear() + "〕" + (1 + random.nextInt(99)) + "号");
                values.put("earlierTitle", clip("关于" + text(8 + random.nextInt(50)) + "的检察建议", 80));
                LocalDate due = date.minusDays(random.nextInt(30));
                values.put("earlierDeliveredOn", due.minusDays(30 + random.nextInt(60)).toString());
                values.put("earlierDueDate", due.toString());
                if (random.nextInt(5) > 0) {
                    values.put("request", paragraphs(Math.min(1900, budget / 2), 2000));
                }
            }
        }
        if (!"meeting-notice".equals(type) && random.nextBoolean()) {
            values.put("contact", "王检察官，0724-" + (2000000 + random.nextInt(999999)));
        }
        values.put("date", date.toString());
        if (random.nextInt(4) > 0) {
            values.put("copiesTo", units(1 + random.nextInt(random.nextBoolean() || "meeting-minutes".equals(type) ? 3 : 14)));
        }
        if (random.nextBoolean()) {
            values.put("printedBy", unit());
        }
        return new Sample(seed, type, values);
    }

    private static String prefix(String type) {
        return switch (type) {
            case "procuratorial-suggestion" -> "荆检行建";
            case "procuratorial-opinion" -> "荆检行意";
            case "meeting-notice" -> "荆府检联办";
            case "meeting-minutes" -> "荆府检联纪";
            default -> "荆检行督";
        };
    }

    private static String titleEnd(String type) {
        return switch (type) {
            case "procuratorial-suggestion" -> "检察建议";
            case "procuratorial-opinion" -> "检察意见";
            case "meeting-notice" -> "通知";
            case "meeting-minutes" -> "会议纪要";
            default -> "函";
        };
    }

    /** A unit name, now and then a long one (up to the field's 40 characters). */
    private String unit() {
        String name = PLACES.get(random.nextInt(PLACES.size())) + UNIT_STEMS.get(random.nextInt(UNIT_STEMS.size()));
        if (random.nextInt(4) == 0) {
            name += List.of("办公室", "法规科", "“府检联动”工作专班", "行政审批服务局联络办公室（综合科）")
                    .get(random.nextInt(4));
        }
        return clip(name, 40);
    }

    private List<String> units(int count) {
        Set<String> units = new LinkedHashSet<>();
        for (int i = 0; i < count * 3 && units.size() < count; i++) {
            units.add(unit());
        }
        return List.copyOf(units);
    }

    private List<String> items(int count, int length, int max) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(clip(text(Math.max(6, length / 2 + random.nextInt(length + 1))) + "。", max));
        }
        return items;
    }

    /** Paragraphs of about {@code length} characters in all, joined by line breaks. */
    private String paragraphs(int length, int max) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(text(20 + random.nextInt(Math.max(1, Math.min(400, length))))).append('。');
        }
        return clip(text.toString(), max);
    }

    /** Prose of about {@code length} characters: clauses, punctuation, and runs no line may break inside. */
    private String text(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            if (!text.isEmpty()) {
                text.append(random.nextInt(4) == 0 ? "；" : "，");
            }
            text.append(CLAUSES.get(random.nextInt(CLAUSES.size())));
            if (random.nextInt(3) == 0) {
                text.append(RUNS.get(random.nextInt(RUNS.size())));
            }
        }
        return text.toString();
    }

    private static String clip(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)).strip();
    }
}
