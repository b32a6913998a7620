package org.hashgrid.model;

import java.util.Optional;

/**
 * Values of {@code users.role}: a user's role, in decreasing order of privilege (owner &gt; admin
 * &gt; user &gt; client &gt; guest).
 */
public enum UserRole implements DbEnum {

    OWNER, ADMIN, USER, CLIENT, GUEST;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<UserRole> fromDbValue(String value) {
        return DbEnums.parse(UserRole.class, value);
    }
}
