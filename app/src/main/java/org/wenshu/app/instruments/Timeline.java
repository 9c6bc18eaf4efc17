package org.wenshu.app.instruments;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.Adoption;
import org.wenshu.archive.AuditEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 办理过程: a record's audit events as a person reads them — what happened, when, by which unit, and the facts that
 * matter (delivery method and date, evaluation, reasons). Hashes and internal ids stay in the audit trail.
 */
public final class Timeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> ACTIONS = Map.of("ISSUED", "发文（编号、盖章、归档）", "DELIVERED", "送达",
            "RESPONDED", "收到回复", "CLOSED", "办结", "WITHDRAWN", "撤回", "NUMBER_VOIDED", "文号作废",
            "REMINDED", "督促回复", "ATTENDANCE_REPLIED", "参会回执", "ATTENDANCE_CORRECTED", "更正参会回执",
            "MINUTES_RECORDED", "录入会议纪要");
    // The detail keys shown, in this order, with their labels; everything else (hashes, ids) is for auditors.
    private static final Map<String, String> DETAILS = orderedDetails();

    private Timeline() {
    }

    /**
     * One step of the timeline.
     *
     * @param action  the audit action, e.g. {@code DELIVERED} (also a CSS class)
     * @param label   what happened, in Chinese
     * @param at      when, {@code yyyy-MM-dd HH:mm} in the archive's zone
     * @param actor   the unit that acted
     * @param details {@code 标签：值} lines
     */
    public record Entry(String action, String label, String at, String actor, List<String> details) {
    }

    /** The entries of {@code events}, oldest first, times in {@code zone}. */
    public static List<Entry> of(List<AuditEvent> events, ZoneId zone) {
        return events.stream().map(event -> new Entry(event.action(), ACTIONS.getOrDefault(event.action(), event.action()),
                TIME.format(event.occurredAt().atZone(zone)), event.actor(), details(event.detail()))).toList();
    }

    private static List<String> details(String json) {
        Map<String, Object> detail;
        try {
            detail = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        DETAILS.forEach((key, label) -> {
            Object value = detail.get(key);
            if (value == null || value.toString().isBlank()) {
                return;
            }
            String text = value.toString();
            if (key.equals("adoption")) {
                text = Adoption.parse(text).map(Adoption::label).orElse(text);
            }
            if (key.equals("files") && value instanceof List<?> files) {
                text = files.size() + " 个";
            }
            lines.add(label + "：" + text);
        });
        return lines;
    }

    private static Map<String, String> orderedDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("number", "发文字号");
        details.put("title", "标题");
        details.put("methodLabel", "送达方式");
        details.put("date", "送达日期");
        details.put("dueDate", "回复期限");
        details.put("adoption", "采纳情况（回复单位）");
        details.put("files", "附件");
        details.put("evaluationLabel", "评价");
        details.put("reason", "原因");
        details.put("note", "说明");
        return details;
    }
}
