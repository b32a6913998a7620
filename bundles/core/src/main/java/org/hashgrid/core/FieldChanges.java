package org.hashgrid.core;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A partial update: the fields a caller wants changed, each to a value or to null (cleared);
 * absent fields stay as they are. Services apply it to what they own, type by type, and collect
 * every problem in one {@link Validation}. The REST edge reads JSON merge patches (RFC 7386)
 * into it.
 */
public interface FieldChanges {

    /** Records an error for every field outside {@code allowed}. */
    FieldChanges allowOnly(Set<String> allowed);

    /** Whether the change names {@code field}. */
    boolean has(String field);

    /**
     * Hands the new value of {@code field} to {@code setter} when the change names it ({@code null}
     * when it clears it); a value of the wrong type becomes a field error instead.
     */
    <T> FieldChanges apply(String field, Class<T> type, Consumer<T> setter);

    /** The validation that collects this change's errors, to add business checks before failing once. */
    Validation validation();

    /** Names of the fields the change names. */
    List<String> fields();
}
