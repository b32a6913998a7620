package org.hashgrid.api;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list endpoint.
 *
 * @param items      the items of this page
 * @param nextCursor opaque cursor of the next page, {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, if
     * present, only tells that another page follows.
     */
    public static <E, T> Page<T> of(List<E> fetched, PageRequest request, ToLongFunction<E> id,
            Function<E, T> toDto) {
        return page(fetched, request, row -> PageRequest.cursorAfter(id.applyAsLong(row)), toDto);
    }

    /** Like {@link #of}, for rows ordered by a text sort key instead of a numeric id. */
    public static <E, T> Page<T> ofKeyed(List<E> fetched, PageRequest request, Function<E, String> key,
            Function<E, T> toDto) {
        return page(fetched, request, row -> PageRequest.cursorAfterKey(key.apply(row)), toDto);
    }

    private static <E, T> Page<T> page(List<E> fetched, PageRequest request, Function<E, String> cursorAfter,
            Function<E, T> toDto) {
        boolean more = fetched.size() > request.limit();
        List<E> rows = more ? fetched.subList(0, request.limit()) : fetched;
        String next = more ? cursorAfter.apply(rows.get(rows.size() - 1)) : null;
        return new Page<>(rows.stream().map(toDto).toList(), next);
    }
}
