package org.hashgrid.model;

/**
 * An enum whose constants stand for the values allowed in one enumerated database column.
 * By default the database spelling is the lower-case constant name ({@code CLOSED_WON} ->
 * {@code closed_won}); enums of upper-case columns override {@link #dbValue()}.
 */
public interface DbEnum {

    /** The enum constant's name; implemented by every {@code enum}. */
    String name();

    /** The value as stored in the database column. */
    default String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
