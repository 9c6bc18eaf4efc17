package org.wenshu.search;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Searching the index (检索): what every node and the read-only command line can do. */
public interface RecordSearch extends AutoCloseable {

    /** Runs {@code request}; throws {@code QueryInvalid} when the query cannot be parsed. */
    SearchResults search(SearchRequest request);

    /** The record with {@code id} as a hit, if it exists and {@code viewer} may see it. */
    Optional<Hit> find(String id, Viewer viewer);

    /** The whole text of the record with {@code id}, if it exists and {@code viewer} may see it. */
    Optional<RecordText> text(String id, Viewer viewer);

    /** Records most similar to record {@code id} among {@code kinds} (all when empty), best first. */
    List<Precedent> similarTo(String id, Viewer viewer, Set<RecordKind> kinds, int limit);

    /** Records most similar to a pasted {@code text} among {@code kinds} (all when empty), best first. */
    List<Precedent> similarToText(String text, Viewer viewer, Set<RecordKind> kinds, int limit);

    /** Number of records in the index. */
    long size();

    @Override
    void close();
}
