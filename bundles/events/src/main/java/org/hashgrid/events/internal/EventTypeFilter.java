package org.hashgrid.events.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.hashgrid.core.DomainEvents;
import org.hashgrid.core.Texts;

/**
 * Which event types a subscription wants: exact types ({@code miner.status_changed}), prefixes
 * ({@code miner.*}) or {@code *}. Stored as the patterns joined by commas.
 */
record EventTypeFilter(List<String> patterns) {
    static final String ALL = "*";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.\\*");
    private static final int MAX_PATTERNS = 50;

    /** The filter of {@code given} (none: every event), or the reason it is not one. */
    static EventTypeFilter parse(List<String> given) throws IllegalArgumentException {
        if (given == null || given.isEmpty()) {
            return new EventTypeFilter(List.of(ALL));
        }
        if (given.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException("at most " + MAX_PATTERNS + " event types");
        }
        LinkedHashSet<String> patterns = new LinkedHashSet<>();
        for (String pattern : given) {
            String p = pattern == null ? "" : pattern.strip();
            if (!ALL.equals(p) && !DomainEvents.isType(p) && !(p.length() <= 100 && PREFIX.matcher(p).matches())) {
                throw new IllegalArgumentException(Texts.quote(p) + " is not an event type such as "
                        + "miner.status_changed, a prefix such as miner.* or *");
            }
            patterns.add(p);
        }
        return new EventTypeFilter(patterns.contains(ALL) ? List.of(ALL) : new ArrayList<>(patterns));
    }

    static EventTypeFilter stored(String text) {
        return new EventTypeFilter(List.of(text.split(",")));
    }

    String stored() {
        return String.join(",", patterns);
    }

    boolean matches(String type) {
        for (String p : patterns) {
            if (ALL.equals(p) || p.equals(type)
                    || p.endsWith(".*") && type.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
