package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code users.status}: a user's account state; users are soft-deleted. */
public enum UserStatus implements DbEnum {

    ACTIVE, SUSPENDED, DELETED;

    /** The column is spelled in upper case, like the constants. */
    @Override
    public String dbValue() {
        return name();
    }

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<UserStatus> fromDbValue(String value) {
        return DbEnums.parse(UserStatus.class, value);
    }
}
