package org.wenshu.archive;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to issue: an instrument of a type, from an issuing unit to recipient units, numbered with a prefix and year.
 *
 * @param recipients     主送 units (id, full name or short name)
 * @param copiedUnits    抄送 units
 * @param numberPrefix   e.g. 荆检行建
 * @param fields         the validated field values, as parsed from JSON
 * @param idempotencyKey client key; when empty the archive derives one from type, fields and issuing unit
 */
public record IssueRequest(String typeId, String typeName, String title, String issuingUnit, List<String> recipients,
                           List<String> copiedUnits, String numberPrefix, int year, ReplyTerm replyTerm, boolean urgent,
                           Map<String, Object> fields, Optional<String> idempotencyKey) {

    public IssueRequest {
        recipients = List.copyOf(recipients);
        copiedUnits = List.copyOf(copiedUnits);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The same request with a client-supplied idempotency key. */
    public IssueRequest withKey(String key) {
        return new IssueRequest(typeId, typeName, title, issuingUnit, recipients, copiedUnits, numberPrefix, year,
                replyTerm, urgent, fields, Optional.of(key));
    }
}
