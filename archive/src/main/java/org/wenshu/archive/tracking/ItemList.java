package org.wenshu.archive.tracking;

import java.time.Instant;
import java.util.Optional;

import org.wenshu.archive.Unit;

/**
 * 工作要点清单: the year's list of work points, published by the coordination office (领导小组办公室).
 *
 * @param itemCount the number of points on the list
 */
public record ItemList(String id, int year, String title, Unit publishedBy, ListState state, Instant createdAt,
                       Optional<Instant> publishedAt, int itemCount) {

    public boolean published() {
        return state == ListState.PUBLISHED;
    }
}
