package org.wenshu.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link SearchRequest}: total matches the viewer may see, the requested page of hits, and facet
 * counts per dimension ({@code kind}, {@code type}, {@code unit}, {@code domain}, {@code year}, {@code status}),
 * all computed over the records the viewer may see.
 *
 * <p>When every word together found nothing, or, sorted by relevance, only a few records ({@code Ranking.relaxBelow}),
 * the search was relaxed (放宽检索): {@code relaxedTerms} lists the words typed that the hits need not all contain, and
 * {@code notice} says so in a sentence to show above the hits (未找到“某词”，已显示包含其余词语的结果; or
 * 同时包含“甲”“乙”“丙”的结果只有 2 条，已补充包含其中至少 2 个词语的结果, the records with every word still among
 * the hits). Both are empty for a search answered as typed. Quoted phrases, field filters, exclusions, years and
 * kinds of document are never relaxed.
 *
 * @param total        matching records the viewer may see
 * @param hits         the requested page
 * @param facets       counts per dimension, in the index's order of dimensions (stable from run to run)
 * @param relaxedTerms words of the query the hits need not contain; empty when nothing was relaxed
 * @param notice       the sentence telling the user about the relaxation; empty when nothing was relaxed
 */
public record SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets,
        List<String> relaxedTerms, String notice) {

    public SearchResults {
        hits = List.copyOf(hits);
        // In the order given (RecordDocuments.DIMENSIONS): Map.copyOf's order changes from one JVM run to the next.
        facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
        relaxedTerms = List.copyOf(relaxedTerms);
        Objects.requireNonNull(notice, "notice");
    }

    /** Results of a search answered as typed. */
    public SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {
        this(total, hits, facets, List.of(), "");
    }

    /** True when the search was relaxed (see {@link #notice()}). */
    public boolean relaxed() {
        return !relaxedTerms.isEmpty();
    }

    /** These results with the relaxation that produced them. */
    public SearchResults withRelaxation(List<String> terms, String message) {
        return new SearchResults(total, hits, facets, terms, message);
    }
}
