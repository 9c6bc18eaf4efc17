package org.wenshu.archive.leads;

import org.wenshu.archive.ArchiveRefusal;

/** A value of a lead step is missing or malformed; {@link #field()} names it as the forms and the API do. */
public final class LeadInvalid extends ArchiveRefusal {

    private final String field;

    public LeadInvalid(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form / API field at fault: type, title, facts, domain, legalBasis, receivingUnit, decision, reason… */
    public String field() {
        return field;
    }
}
