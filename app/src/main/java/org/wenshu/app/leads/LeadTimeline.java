package org.wenshu.app.leads;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wenshu.app.instruments.Timeline;
import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.leads.LeadDecision;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** 办理过程 of a lead: its audit events as the filing agency and the procuratorate read them. */
final class LeadTimeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> ACTIONS = Map.of("LEAD_FILED", "移送线索", "LEAD_ACKNOWLEDGED", "受理",
            "LEAD_DECIDED", "作出处理决定", "LEAD_CONCLUDED", "反馈结果");

    private LeadTimeline() {
    }

    static List<Timeline.Entry> of(List<AuditEvent> events, ZoneId zone) {
        return events.stream().map(e -> new Timeline.Entry(e.action(), ACTIONS.getOrDefault(e.action(), e.action()),
                TIME.format(e.occurredAt().atZone(zone)), e.actor(), details(e.detail()))).toList();
    }

    private static List<String> details(String json) {
        Map<String, Object> detail;
        try {
            detail = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        line(lines, "收案编号", detail.get("number"));
        line(lines, "接收单位", detail.get("receivingUnit"));
        Object decision = detail.get("decision");
        if (decision != null) {
            line(lines, "决定", LeadDecision.parse(decision.toString()).map(LeadDecision::label).orElse(decision.toString()));
        }
        line(lines, "理由", detail.get("reason"));
        line(lines, "接收机关", detail.get("transferTo"));
        if (detail.get("files") instanceof List<?> files && !files.isEmpty()) {
            line(lines, "附件", files.size() + " 个");
        }
        line(lines, "经办人", detail.get("by"));
        return lines;
    }

    private static void line(List<String> lines, String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            lines.add(label + "：" + value);
        }
    }
}
