package org.wenshu.archive.tracking;

import java.util.Optional;

/**
 * Which tracked items to list; every filter is optional and they combine with AND.
 *
 * @param responsibleUnit only items this unit (id) is responsible for
 * @param activeOnly      only items units see: of a published list, or resolutions
 * @param overdueOnly     only items with a unit overdue today
 */
public record ItemQuery(Optional<Integer> year, Optional<String> listId, Optional<SourceKind> source,
                        Optional<String> sourceId, Optional<String> responsibleUnit, boolean activeOnly,
                        boolean overdueOnly) {

    public static ItemQuery all() {
        return new ItemQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, false);
    }

    public ItemQuery year(int value) {
        return new ItemQuery(Optional.of(value), listId, source, sourceId, responsibleUnit, activeOnly, overdueOnly);
    }

    public ItemQuery inList(String id) {
        return new ItemQuery(year, Optional.of(id), source, sourceId, responsibleUnit, activeOnly, overdueOnly);
    }

    public ItemQuery from(SourceKind kind, String id) {
        return new ItemQuery(year, listId, Optional.of(kind), Optional.of(id), responsibleUnit, activeOnly, overdueOnly);
    }

    public ItemQuery of(SourceKind kind) {
        return new ItemQuery(year, listId, Optional.of(kind), sourceId, responsibleUnit, activeOnly, overdueOnly);
    }

    public ItemQuery responsible(String unitId) {
        return new ItemQuery(year, listId, source, sourceId, Optional.of(unitId), activeOnly, overdueOnly);
    }

    public ItemQuery active() {
        return new ItemQuery(year, listId, source, sourceId, responsibleUnit, true, overdueOnly);
    }

    public ItemQuery overdue() {
        return new ItemQuery(year, listId, source, sourceId, responsibleUnit, activeOnly, true);
    }
}
