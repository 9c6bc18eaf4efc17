package org.wenshu.search.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A query of the search language after parsing: a conjunction of groups, each group a disjunction of clauses
 * ({@code a b OR c -d} is a AND (b OR c) AND NOT d).
 */
public record ParsedQuery(List<List<Clause>> groups) {

    public ParsedQuery {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** One element of the query. */
    public sealed interface Clause permits Words, Phrase, Filter, DateRange {
        /** True for {@code -clause}: matching records are excluded. */
        boolean excluded();
    }

    /** Free text ranked by relevance. */
    public record Words(String text, boolean excluded) implements Clause {
    }

    /** {@code "…"}: the exact character sequence. */
    public record Phrase(String text, boolean excluded) implements Clause {
    }

    /** {@code field:value} on a keyword field ({@code type}, {@code unit}, {@code domain}, {@code status}, …). */
    public record Filter(String field, String value, boolean excluded) implements Clause {
    }

    /** {@code date:from..to} or {@code year:2024}; both ends inclusive, either may be open (null). */
    public record DateRange(LocalDate from, LocalDate to, boolean excluded) implements Clause {
    }

    /** True when some clause contributes to relevance (words or phrases, not excluded). */
    public boolean hasText() {
        return groups.stream().flatMap(List::stream)
                .anyMatch(c -> !c.excluded() && (c instanceof Words || c instanceof Phrase));
    }
}
