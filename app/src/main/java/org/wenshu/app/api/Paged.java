package org.wenshu.app.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answered by the REST API: {@code items} of page {@code page} (0-based) of {@code size} items, and
 * how many items the whole list has ({@code total}), so a client pages with {@code ?page=N&size=M} until
 * {@code (page + 1) * size >= total}.
 *
 * @param <T> the JSON shape of one item
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    /** The largest {@code size} a client may ask for. */
    public static final int MAX_SIZE = 200;
    /** The {@code size} when the client gives none. */
    public static final String DEFAULT_SIZE = "20";

    /** The offset of the first item of page {@code page} of {@code size} items. */
    public static int offset(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) page * size);
    }

    /** Page {@code page} of {@code size} items cut from the whole list {@code all}, each mapped by {@code json}. */
    public static <S, T> Paged<T> of(List<S> all, int page, int size, Function<S, T> json) {
        int from = Math.min(all.size(), offset(page, size));
        int to = Math.min(all.size(), from + size);
        return new Paged<>(all.subList(from, to).stream().map(json).toList(), page, size, all.size());
    }
}
