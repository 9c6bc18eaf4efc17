package org.wenshu.search;

import java.util.Objects;

/**
 * One search (检索请求): the query in the search language, who is asking, order, and the page wanted.
 *
 * @param query  query text, see {@code org.wenshu.search.query.QueryLanguage}
 * @param viewer the user; results, counts and facets are limited to what they may see
 * @param sort   order of hits
 * @param offset hits to skip (paging)
 * @param limit  hits to return
 * @param facets whether to count facets (type, unit, domain, year, status, kind) over all matching records
 */
public record SearchRequest(String query, Viewer viewer, SortOrder sort, int offset, int limit, boolean facets) {

    /** Deepest hit a request may reach (offset + limit); deeper paging is a crawl, not a search. */
    public static final int MAX_DEPTH = 10_000;

    public SearchRequest {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(sort, "sort");
        if (offset < 0 || limit < 0 || (long) offset + limit > MAX_DEPTH) {
            throw new IllegalArgumentException("offset and limit must be >= 0 with offset + limit <= " + MAX_DEPTH);
        }
    }

    /** The first {@code limit} hits by relevance, with facets. */
    public static SearchRequest of(String query, Viewer viewer, int limit) {
        return new SearchRequest(query, viewer, SortOrder.RELEVANCE, 0, limit, true);
    }

    public SearchRequest withSort(SortOrder value) {
        return new SearchRequest(query, viewer, value, offset, limit, facets);
    }

    public SearchRequest withPage(int newOffset, int newLimit) {
        return new SearchRequest(query, viewer, sort, newOffset, newLimit, facets);
    }

    public SearchRequest withFacets(boolean value) {
        return new SearchRequest(query, viewer, sort, offset, limit, value);
    }
}
