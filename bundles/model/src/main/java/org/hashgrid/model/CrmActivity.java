package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An activity on a deal, table {@code crm_activities}; immutable entry of the deal's audit trail.
 * {@code type} holds an {@link ActivityType} database value; {@code performedBy} becomes
 * {@code null} once the user is deleted.
 */
@Entity
@Table(name = "crm_activities")
public class CrmActivity extends GeneratedIdEntity {

    @Column(name = "deal_id", nullable = false, updatable = false)
    private Long dealId;

    @Column(name = "type", nullable = false, updatable = false)
    private String type;

    @Column(name = "description", updatable = false)
    private String description;

    @Column(name = "performed_by", updatable = false)
    private String performedBy;

    @Column(name = "activity_date", nullable = false, updatable = false)
    private Instant activityDate;

    protected CrmActivity() {
    }

    /** An activity that took place at {@code activityDate}. */
    public CrmActivity(Long dealId, String type, String description, String performedBy, Instant activityDate) {
        this.dealId = dealId;
        this.type = type;
        this.description = description;
        this.performedBy = performedBy;
        this.activityDate = activityDate;
    }

    public Long getDealId() {
        return dealId;
    }

    public String getType() {
        return type;
    }

    public String getDescription() {
        return description;
    }

    public String getPerformedBy() {
        return performedBy;
    }

    public Instant getActivityDate() {
        return activityDate;
    }
}
