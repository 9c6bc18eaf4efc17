package org.wenshu.app.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.wenshu.archive.AuditEvent;
import org.wenshu.archive.AuditReport;

/** JSON shapes of audit events and of the chain's verdict. */
final class AuditJson {

    private AuditJson() {
    }

    static Map<String, Object> event(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq", event.seq());
        json.put("occurredAt", event.occurredAt().toString());
        json.put("actor", event.actor());
        json.put("action", event.action());
        json.put("recordId", event.recordId().orElse(null));
        json.put("detail", event.detail());
        json.put("previousHash", event.previousHash());
        json.put("hash", event.hash());
        return json;
    }

    static Map<String, Object> verdict(AuditReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", report.intact());
        json.put("eventsChecked", report.eventsChecked());
        json.put("problems", report.problems());
        return json;
    }
}
