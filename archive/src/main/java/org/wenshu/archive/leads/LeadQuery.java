package org.wenshu.archive.leads;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which leads to list: optionally only those a set of units is party to (filing or receiving), filed by a unit,
 * received by a unit, or in a status. {@link #all()} narrowed by the caller's access rule.
 */
public record LeadQuery(Optional<Set<String>> partyUnits, Optional<String> filingUnit, Optional<String> receivingUnit,
                        Optional<LeadStatus> status) {

    public static LeadQuery all() {
        return new LeadQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Only leads one of {@code units} filed or received (an empty set matches nothing). */
    public LeadQuery partiesAmong(Set<String> units) {
        return new LeadQuery(Optional.of(Set.copyOf(units)), filingUnit, receivingUnit, status);
    }

    public LeadQuery filedBy(String unitId) {
        return new LeadQuery(partyUnits, Optional.of(unitId), receivingUnit, status);
    }

    public LeadQuery receivedBy(String unitId) {
        return new LeadQuery(partyUnits, filingUnit, Optional.of(unitId), status);
    }

    public LeadQuery inStatus(LeadStatus value) {
        return new LeadQuery(partyUnits, filingUnit, receivingUnit, Optional.ofNullable(value));
    }

    /** One page of leads, newest first, and how many match in all. */
    public record Page(List<Lead> items, long total) {
    }
}
