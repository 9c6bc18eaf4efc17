package org.wenshu.search;

/** Order of search results (排序). */
public enum SortOrder {
    /** Best match first. */
    RELEVANCE,
    /** Latest date first. */
    NEWEST,
    /** Earliest date first. */
    OLDEST
}
