package org.wenshu.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}: total matches the viewer may see, the requested page of hits, and facet
 * counts per dimension ({@code kind}, {@code type}, {@code unit}, {@code domain}, {@code year}, {@code status}),
 * all computed over the records the viewer may see.
 */
public record SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

    public SearchResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
