package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A plan to cut a site's power, table {@code curtailment_plans}. Target and achieved reductions
 * in MW. {@code planType} holds a {@link PlanType} and {@code status} a {@link PlanStatus}
 * database value; a scheduled plan has a {@code scheduledTime}. {@code createdBy} is {@code null}
 * for plans the system created (or once the author is deleted).
 */
@Entity
@Table(name = "curtailment_plans")
public class CurtailmentPlan extends GeneratedIdEntity {

    @Column(name = "site_id", nullable = false, updatable = false)
    private Long siteId;

    @Column(name = "plan_type", nullable = false, updatable = false)
    private String planType;

    @Column(name = "target_power_reduction", nullable = false, precision = 10, scale = 3)
    private BigDecimal targetPowerReduction;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "scheduled_time")
    private Instant scheduledTime;

    @Column(name = "executed_at")
    private Instant executedAt;

    @Column(name = "recovery_time")
    private Instant recoveryTime;

    @Column(name = "miners_affected", nullable = false)
    private int minersAffected;

    @Column(name = "power_reduced", precision = 10, scale = 3)
    private BigDecimal powerReduced;

    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CurtailmentPlan() {
    }

    /** A pending plan to reduce the site's power by {@code targetPowerReduction} MW. */
    public CurtailmentPlan(Long siteId, String planType, BigDecimal targetPowerReduction, Instant scheduledTime,
            String createdBy) {
        this.siteId = siteId;
        this.planType = planType;
        this.targetPowerReduction = targetPowerReduction;
        this.scheduledTime = scheduledTime;
        this.createdBy = createdBy;
        this.status = PlanStatus.PENDING.dbValue();
        this.createdAt = DbTime.now();
    }

    public Long getSiteId() {
        return siteId;
    }

    public String getPlanType() {
        return planType;
    }

    /** Target power reduction in MW. */
    public BigDecimal getTargetPowerReduction() {
        return targetPowerReduction;
    }

    public void setTargetPowerReduction(BigDecimal targetPowerReduction) {
        this.targetPowerReduction = targetPowerReduction;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getScheduledTime() {
        return scheduledTime;
    }

    public void setScheduledTime(Instant scheduledTime) {
        this.scheduledTime = scheduledTime;
    }

    public Instant getExecutedAt() {
        return executedAt;
    }

    public void setExecutedAt(Instant executedAt) {
        this.executedAt = executedAt;
    }

    /** When the curtailed miners are (or were) brought back. */
    public Instant getRecoveryTime() {
        return recoveryTime;
    }

    public void setRecoveryTime(Instant recoveryTime) {
        this.recoveryTime = recoveryTime;
    }

    public int getMinersAffected() {
        return minersAffected;
    }

    public void setMinersAffected(int minersAffected) {
        this.minersAffected = minersAffected;
    }

    /** Power actually reduced in MW, {@code null} until executed. */
    public BigDecimal getPowerReduced() {
        return powerReduced;
    }

    public void setPowerReduced(BigDecimal powerReduced) {
        this.powerReduced = powerReduced;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
