package org.hashgrid.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset page request: at most {@code limit} items after the position the opaque cursor
 * stands for — a numeric id ({@link #afterId}) for tables keyed by number, or a text key
 * ({@link #afterKey}) for other orders. Keyset pages stay stable under inserts, unlike offsets.
 *
 * @param limit    1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent
 * @param afterId  the last id of the previous page, or {@code null}
 * @param afterKey the last key of the previous page, or {@code null}
 */
public record PageRequest(int limit, Long afterId, String afterKey) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String CURSOR_PREFIX = "id:";
    private static final String KEY_PREFIX = "key:";

    /** Parses the {@code limit} and {@code cursor} query parameters of a list ordered by id; bad values answer 400. */
    public static PageRequest of(Integer limit, String cursor) {
        return parse(limit, cursor, false);
    }

    /** Parses the query parameters of a list ordered by a text key (see {@link Page#ofKeyed}). */
    public static PageRequest keyed(Integer limit, String cursor) {
        return parse(limit, cursor, true);
    }

    private static PageRequest parse(Integer limit, String cursor, boolean keyed) {
        Validation validation = new Validation()
                .range("limit", limit, 1, MAX_LIMIT);
        Long afterId = null;
        String afterKey = null;
        if (cursor != null && !cursor.isEmpty()) {
            String raw = text(cursor);
            if (keyed) {
                afterKey = raw != null && raw.startsWith(KEY_PREFIX) ? raw.substring(KEY_PREFIX.length()) : null;
            } else {
                afterId = decode(raw);
            }
            validation.check(afterId != null || afterKey != null, "cursor", "is not a cursor this list issued");
        }
        validation.validate();
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, afterId, afterKey);
    }

    /** The cursor that continues after {@code lastId}. */
    public static String cursorAfter(long lastId) {
        return encode(CURSOR_PREFIX + lastId);
    }

    /** The cursor that continues after the row whose sort key is {@code lastKey}. */
    public static String cursorAfterKey(String lastKey) {
        return encode(KEY_PREFIX + lastKey);
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long decode(String raw) {
        if (raw == null || !raw.startsWith(CURSOR_PREFIX)) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.substring(CURSOR_PREFIX.length()));
            return id >= 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** How many rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
