package org.wenshu.app.leads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadFile;

/** JSON shapes of leads for {@code /api/v1/leads}. */
final class LeadJson {

    private LeadJson() {
    }

    static Map<String, Object> lead(Lead lead) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", lead.id());
        json.put("number", lead.number().map(n -> n.text()).orElse(null));
        json.put("type", lead.type().name());
        json.put("typeLabel", lead.type().label());
        json.put("title", lead.title());
        json.put("facts", lead.facts());
        json.put("domain", lead.domain().label());
        json.put("legalBasis", lead.legalBasis());
        json.put("filingUnit", unit(lead.filingUnit()));
        json.put("receivingUnit", unit(lead.receivingUnit()));
        json.put("filedBy", lead.filedBy());
        json.put("filedAt", lead.filedAt().toString());
        json.put("status", lead.status().name());
        json.put("statusLabel", lead.status().label());
        json.put("acknowledgedAt", lead.acknowledgedAt().map(Instant::toString).orElse(null));
        Map<String, Object> decision = null;
        if (lead.decision().isPresent()) {
            decision = new LinkedHashMap<>();
            decision.put("decision", lead.decision().get().name());
            decision.put("label", lead.decision().get().label());
            decision.put("reason", lead.decisionReason().orElse(null));
            decision.put("transferTo", lead.transferredTo().orElse(null));
            decision.put("decidedAt", lead.decidedAt().map(Instant::toString).orElse(null));
        }
        json.put("decision", decision);
        Map<String, Object> result = null;
        if (lead.result().isPresent()) {
            result = new LinkedHashMap<>();
            result.put("text", lead.result().get());
            result.put("at", lead.resultAt().map(Instant::toString).orElse(null));
        }
        json.put("result", result);
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < lead.files().size(); i++) {
            LeadFile file = lead.files().get(i);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("index", i);
            f.put("role", file.role());
            f.put("name", file.name());
            f.put("mediaType", file.mediaType());
            f.put("size", file.size());
            f.put("sha256", file.sha256());
            f.put("href", "/api/v1/leads/" + lead.id() + "/files/" + i);
            files.add(f);
        }
        json.put("files", files);
        return json;
    }

    private static Map<String, Object> unit(org.wenshu.archive.Unit unit) {
        return Map.of("id", unit.id(), "name", unit.name());
    }
}
