package org.wenshu.archive.leads;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.wenshu.archive.DocumentNumber;
import org.wenshu.archive.Unit;

/**
 * 线索: a lead an agency filed with a procuratorate, and how far it has come. The register number (收案编号, e.g.
 * 荆检线索〔2024〕3号) exists once the lead is acknowledged; the decision once decided; the result once concluded.
 */
public record Lead(String id, LeadType type, String title, String facts, LeadDomain domain, String legalBasis,
                   Unit filingUnit, Unit receivingUnit, String filedBy, Instant filedAt, LeadStatus status,
                   Optional<DocumentNumber> number, Optional<String> acknowledgedBy, Optional<Instant> acknowledgedAt,
                   Optional<LeadDecision> decision, Optional<String> decisionReason, Optional<String> transferredTo,
                   Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> result,
                   Optional<String> resultBy, Optional<Instant> resultAt, List<LeadFile> files) {

    /** The register number as printed, or 待受理 before acknowledgement. */
    public String numberText() {
        return number.map(DocumentNumber::text).orElse("待受理");
    }

    /** Whether {@code unitId} is the filing agency or the receiving procuratorate. */
    public boolean isParty(String unitId) {
        return filingUnit.id().equals(unitId) || receivingUnit.id().equals(unitId);
    }

    public List<LeadFile> evidence() {
        return files.stream().filter(f -> f.role().equals(Leads.EVIDENCE)).toList();
    }

    public Optional<LeadFile> resultFile() {
        return files.stream().filter(f -> f.role().equals(Leads.RESULT)).findFirst();
    }
}
