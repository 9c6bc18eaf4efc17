package org.wenshu.app.meetings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.meetings.AttendanceReply;
import org.wenshu.archive.meetings.AttendanceTable;
import org.wenshu.archive.tracking.TrackedItem;
import org.wenshu.templates.Resolution;

/** The JSON shapes of attendance replies, the attendance table and resolutions in {@code /api/v1/meetings}. */
final class MeetingJson {

    private MeetingJson() {
    }

    static Map<String, Object> reply(AttendanceReply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("noticeId", reply.noticeId());
        json.put("unit", reply.unit().name());
        json.put("decision", reply.decision().name());
        json.put("decisionLabel", reply.decision().label());
        json.put("attendees", reply.attendees().stream().map(a -> Map.of("name", a.name(), "position", a.position()))
                .toList());
        json.put("leaveReason", reply.leaveReason().orElse(null));
        json.put("revision", reply.revision());
        json.put("repliedBy", reply.repliedBy());
        json.put("firstRepliedAt", reply.firstRepliedAt().toString());
        json.put("repliedAt", reply.repliedAt().toString());
        return json;
    }

    static Map<String, Object> table(AttendanceTable table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("noticeId", table.noticeId());
        json.put("number", table.noticeNumber());
        json.put("title", table.title());
        json.put("meetingDate", table.meetingDate().toString());
        json.put("replyBy", table.replyBy().toString());
        json.put("invited", table.rows().size());
        json.put("replied", table.replied());
        json.put("attending", table.attending());
        json.put("onLeave", table.onLeave());
        json.put("people", table.people());
        json.put("missing", table.missing().stream().map(u -> u.name()).toList());
        json.put("rows", table.rows().stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("unit", row.unit().name());
            r.put("role", row.copied() ? "抄送" : "主送");
            r.put("status", row.status());
            r.put("reply", row.reply().map(MeetingJson::reply).orElse(null));
            return r;
        }).toList());
        return json;
    }

    /** A tracked item made from a resolution: its id, number, title, due date and each unit's status. */
    static Map<String, Object> tracked(TrackedItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("number", item.number());
        json.put("title", item.title());
        json.put("leadUnit", item.lead().name());
        json.put("coUnits", item.coUnits().stream().map(u -> u.name()).toList());
        json.put("dueDate", item.deadline().dueDate().toString());
        json.put("units", item.units().stream().map(u -> Map.of("unit", u.unit().name(), "role", u.role().label(),
                "status", u.status().name(), "statusLabel", u.status().label())).toList());
        return json;
    }

    static List<Map<String, Object>> resolutions(List<Resolution> resolutions) {
        return resolutions.stream().map(Resolution::asJson).toList();
    }
}
