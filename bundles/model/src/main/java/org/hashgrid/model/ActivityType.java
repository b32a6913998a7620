package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code crm_activities.type}: the kind of a deal activity. */
public enum ActivityType implements DbEnum {

    CALL, EMAIL, MEETING, NOTE;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<ActivityType> fromDbValue(String value) {
        return DbEnums.parse(ActivityType.class, value);
    }
}
