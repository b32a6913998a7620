package org.hashgrid.model;

import java.util.Optional;

/**
 * Values of {@code miner_operation_log.operation}: what was done to a miner. Beyond the seed's
 * start, shutdown, approve and reject: restart, the miner's lifecycle (create, update, delete),
 * curtailment (curtail, recover), a power limit (power_limit), a hashing mode (set_mode, since 1.3)
 * and changes of the control API's credentials (credentials_set, credentials_removed, since 1.3).
 */
public enum OperationType implements DbEnum {

    START, SHUTDOWN, RESTART, APPROVE, REJECT, CREATE, UPDATE, DELETE, CURTAIL, RECOVER, POWER_LIMIT, SET_MODE,
    CREDENTIALS_SET, CREDENTIALS_REMOVED;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<OperationType> fromDbValue(String value) {
        return DbEnums.parse(OperationType.class, value);
    }
}
