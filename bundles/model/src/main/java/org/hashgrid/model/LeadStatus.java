package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code crm_leads.status}: a lead's progress through the pipeline. */
public enum LeadStatus implements DbEnum {

    NEW, CONTACTED, QUALIFIED, CONVERTED, LOST;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<LeadStatus> fromDbValue(String value) {
        return DbEnums.parse(LeadStatus.class, value);
    }
}
