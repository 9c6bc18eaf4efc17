package org.wenshu.app.leads;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.wenshu.archive.leads.Lead;
import org.wenshu.archive.leads.LeadDecision;

/** One lead as the lists and the register show it; dates {@code yyyy-MM-dd} in the archive's zone. */
public record LeadRow(String id, String number, String typeLabel, String title, String domain, String filingUnit,
                      String receivingUnit, String filedOn, String acknowledgedOn, String status, String statusLabel,
                      String decision) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    static LeadRow of(Lead lead, ZoneId zone) {
        return new LeadRow(lead.id(), lead.numberText(), lead.type().label(), lead.title(), lead.domain().label(),
                lead.filingUnit().name(), lead.receivingUnit().name(), DAY.format(lead.filedAt().atZone(zone)),
                lead.acknowledgedAt().map(t -> DAY.format(t.atZone(zone))).orElse("—"), lead.status().name(),
                lead.status().label(), lead.decision().map(LeadDecision::label).orElse("—"));
    }
}
