package org.hashgrid.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset page request: at most {@code limit} items after the position the opaque cursor
 * stands for. The cursor carries the sort key of the last row of the previous page, written by
 * whoever ordered that list (see {@link Page#of}); keyset pages stay stable under inserts,
 * unlike offsets.
 *
 * @param limit 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent
 * @param after the sort key of the last row of the previous page, or {@code null} for the first page
 */
public record PageRequest(int limit, String after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String PREFIX = "k1:";
    private static final String FOREIGN = "is not a cursor this list issued";

    /** Parses the {@code limit} and {@code cursor} query parameters; bad values answer 400. */
    public static PageRequest of(Integer limit, String cursor) {
        Validation validation = new Validation().range("limit", limit, 1, MAX_LIMIT);
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = decode(cursor);
            validation.check(after != null, "cursor", FOREIGN);
        }
        validation.validate();
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, after);
    }

    /** The opaque cursor that continues after the row whose sort key is {@code key}. */
    public static String cursorAfter(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside a cursor this platform issued, or null. */
    private static String decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How many rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The 400 a list answers when a cursor does not fit its order (another list's cursor, say). */
    public static ProblemException foreignCursor() {
        return ProblemException.invalidField("cursor", FOREIGN);
    }
}
