package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code crm_deals.stage}: a deal's stage. */
public enum DealStage implements DbEnum {

    DISCOVERY, PROPOSAL, NEGOTIATION, CLOSED_WON, CLOSED_LOST;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<DealStage> fromDbValue(String value) {
        return DbEnums.parse(DealStage.class, value);
    }
}
