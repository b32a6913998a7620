package org.hashgrid.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A keyset page request: at most {@code limit} items whose id is greater than the id the
 * opaque cursor stands for. Keyset pages stay stable under inserts, unlike offsets.
 *
 * @param limit   1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent
 * @param afterId the last id of the previous page, or {@code null} for the first page
 */
public record PageRequest(int limit, Long afterId) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String CURSOR_PREFIX = "id:";

    /** Parses the {@code limit} and {@code cursor} query parameters; bad values answer 400. */
    public static PageRequest of(Integer limit, String cursor) {
        Validation validation = new Validation()
                .range("limit", limit, 1, MAX_LIMIT);
        Long afterId = null;
        if (cursor != null && !cursor.isEmpty()) {
            afterId = decode(cursor);
            validation.check(afterId != null, "cursor", "is not a cursor this API issued");
        }
        validation.validate();
        return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, afterId);
    }

    /** The cursor that continues after {@code lastId}. */
    public static String cursorAfter(long lastId) {
        byte[] raw = (CURSOR_PREFIX + lastId).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static Long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!raw.startsWith(CURSOR_PREFIX)) {
                return null;
            }
            long id = Long.parseLong(raw.substring(CURSOR_PREFIX.length()));
            return id >= 0 ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How many rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
