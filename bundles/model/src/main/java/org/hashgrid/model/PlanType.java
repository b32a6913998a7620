package org.hashgrid.model;

import java.util.Optional;

/** Values of {@code curtailment_plans.plan_type}: how a curtailment plan came about. */
public enum PlanType implements DbEnum {

    MANUAL, SCHEDULED, AUTOMATIC;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<PlanType> fromDbValue(String value) {
        return DbEnums.parse(PlanType.class, value);
    }
}
