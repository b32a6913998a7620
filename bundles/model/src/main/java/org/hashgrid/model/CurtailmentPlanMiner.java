package org.hashgrid.model;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A miner shut down by a curtailment plan, table {@code curtailment_plan_miners}; immutable.
 * Miners are shut down in ascending {@code shutdownOrder} (equal orders go together) and appear
 * once per plan. {@code minerId} becomes {@code null} when the miner is deleted.
 */
@Entity
@Table(name = "curtailment_plan_miners")
public class CurtailmentPlanMiner extends GeneratedIdEntity {

    @Column(name = "plan_id", nullable = false, updatable = false)
    private Long planId;

    @Column(name = "miner_id", updatable = false)
    private Long minerId;

    @Column(name = "shutdown_order", nullable = false, updatable = false)
    private int shutdownOrder;

    protected CurtailmentPlanMiner() {
    }

    public CurtailmentPlanMiner(Long planId, Long minerId, int shutdownOrder) {
        this.planId = planId;
        this.minerId = minerId;
        this.shutdownOrder = shutdownOrder;
    }

    public Long getPlanId() {
        return planId;
    }

    public Long getMinerId() {
        return minerId;
    }

    public int getShutdownOrder() {
        return shutdownOrder;
    }
}
