package org.wenshu.search;

import java.util.List;

/** A similar record (类案) with the terms it shares with the record or text it was found for. */
public record Precedent(Hit hit, List<String> sharedTerms) {

    public Precedent {
        sharedTerms = List.copyOf(sharedTerms);
    }
}
