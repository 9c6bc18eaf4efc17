package org.wenshu.search;

/** How many matching records carry {@code value} in a facet dimension (分面计数). */
public record FacetCount(String value, long count) {
}
