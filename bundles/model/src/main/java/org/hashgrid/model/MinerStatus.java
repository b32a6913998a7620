package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code hosting_miners.status}: a miner's operating state. */
public enum MinerStatus implements DbEnum {

    ACTIVE, OFFLINE, MAINTENANCE, CURTAILED;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<MinerStatus> fromDbValue(String value) {
        return DbEnums.parse(MinerStatus.class, value);
    }
}
