package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code crm_leads.source}: where a lead came from (NULL means unknown). */
public enum LeadSource implements DbEnum {

    WEBSITE, REFERRAL, COLD_CALL, EVENT, PARTNER, OTHER;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<LeadSource> fromDbValue(String value) {
        return DbEnums.parse(LeadSource.class, value);
    }
}
