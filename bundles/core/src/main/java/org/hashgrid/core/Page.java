package org.hashgrid.core;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items      the items of this page
 * @param nextCursor opaque cursor of the next page, {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, if
     * present, only tells that another page follows; {@code sortKey} writes the key of the last
     * row shown into the next cursor.
     */
    public static <E, T> Page<T> of(List<E> fetched, PageRequest request, Function<E, String> sortKey,
            Function<E, T> map) {
        boolean more = fetched.size() > request.limit();
        List<E> rows = more ? fetched.subList(0, request.limit()) : fetched;
        String next = more ? PageRequest.cursorAfter(sortKey.apply(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(map).toList(), next);
    }
}
