package org.hashgrid.model;

import java.util.Arrays;
import java.util.Optional;

/** Lookup of {@link DbEnum} constants by their database spelling. */
public final class DbEnums {

    private DbEnums() {
    }

    /**
     * The constant of {@code type} whose {@link DbEnum#dbValue()} equals {@code value} exactly,
     * or empty when there is none (including for {@code null}).
     */
    public static <E extends Enum<E> & DbEnum> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.dbValue().equals(value)).findFirst();
    }
}
