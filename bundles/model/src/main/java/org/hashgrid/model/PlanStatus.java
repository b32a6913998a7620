package org.hashgrid.model;

import java.util.Optional;

/**
 * Values of {@code curtailment_plans.status}: a curtailment plan's lifecycle. Beyond the seed's
 * pending, approved, executing, executed and cancelled: rejected (not approved), failed
 * (execution did not reach the target) and recovering/recovered (the staggered restart).
 */
public enum PlanStatus implements DbEnum {

    PENDING, APPROVED, EXECUTING, EXECUTED, CANCELLED, REJECTED, RECOVERING, RECOVERED, FAILED;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<PlanStatus> fromDbValue(String value) {
        return DbEnums.parse(PlanStatus.class, value);
    }
}
