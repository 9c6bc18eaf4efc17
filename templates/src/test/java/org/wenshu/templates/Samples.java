package org.wenshu.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid field values for each type, built in code. */
final class Samples {

    private Samples() {
    }

    static Map<String, Object> suggestion() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("documentNumber", "荆检行建〔2024〕3号");
        values.put("issuingUnit", "荆门市人民检察院");
        values.put("kind", "社会治理");
        values.put("title", "关于规范涉企社区矫正对象外出审批管理工作的检察建议");
        values.put("recipient", "荆门市司法局");
        values.put("facts", "本院在履行法律监督职责中发现，部分司法所外出审批超期。\n部分审批未说明理由。");
        values.put("problems", "审批期限把握不严。");
        values.put("legalBasis", "《中华人民共和国社区矫正法》第二十七条");
        values.put("suggestions", List.of("严格执行审批期限规定。", "依法适用简化批准程序。"));
        values.put("date", "2024-03-05");
        values.put("copiesTo", List.of("荆门市人民政府办公室"));
        return values;
    }

    static Map<String, Object> meetingNotice() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("documentNumber", "荆府检联办〔2024〕1号");
        values.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        values.put("title", "关于召开2024年“府检联动”联席会议的通知");
        values.put("recipients", List.of("市公安局", "市司法局"));
        values.put("purpose", "经研究，定于近期召开联席会议。");
        values.put("meetingDate", "2024-03-20");
        values.put("meetingTime", "上午9:00");
        values.put("place", "荆门市人民检察院第一会议室");
        values.put("attendingUnits", List.of("市公安局", "市司法局"));
        values.put("attendees", "分管负责同志1名");
        values.put("agenda", List.of("通报工作情况", "审议工作要点"));
        values.put("replyBy", "2024-03-15");
        values.put("contact", "李明，0724-2351234");
        values.put("date", "2024-03-08");
        return values;
    }

    static Map<String, Object> meetingMinutes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("documentNumber", "荆府检联纪〔2024〕1号");
        values.put("issuingUnit", "荆门市“府检联动”工作领导小组办公室");
        values.put("title", "2024年“府检联动”联席会议纪要");
        values.put("noticeNumber", "荆府检联办〔2024〕1号");
        values.put("recipients", List.of("市公安局", "市司法局"));
        values.put("meetingDate", "2024-03-20");
        values.put("place", "荆门市人民检察院第一会议室");
        values.put("chair", "市政府分管副市长");
        values.put("attendees", List.of("市公安局：王某某 副局长", "市司法局：李某某 副局长"));
        values.put("summary", "会议审议通过了2024年工作要点。");
        values.put("resolutions", new java.util.ArrayList<>(List.of(
                resolution("制定线索移送工作规程", "市检察院", List.of("市司法局", "市公安局"), "2024-06-30"),
                resolution("组织同堂培训", "市司法局", List.of(), "2024-05-31"))));
        values.put("date", "2024-03-22");
        return values;
    }

    static Map<String, Object> resolution(String title, String lead, List<String> co, String deadline) {
        Map<String, Object> resolution = new LinkedHashMap<>();
        resolution.put("title", title);
        resolution.put("leadUnit", lead);
        resolution.put("coUnits", co);
        resolution.put("deadline", deadline);
        return resolution;
    }
}
