package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A sales deal, table {@code crm_deals}. Value in USD ({@code null} until estimated);
 * {@code stage} holds a {@link DealStage} database value; {@code probability} is the win
 * percentage, 0–100. {@code leadId} is the lead it was converted from, if any ({@code null} once
 * that lead is deleted); {@code ownerId} is the sales rep's user id.
 */
@Entity
@Table(name = "crm_deals")
public class CrmDeal extends GeneratedIdEntity {

    @Column(name = "lead_id", updatable = false)
    private Long leadId;

    @Column(name = "title", nullable = false)
    private String title;

    @Column(name = "value", precision = 14, scale = 2)
    private BigDecimal value;

    @Column(name = "stage", nullable = false)
    private String stage;

    @Column(name = "probability", nullable = false)
    private int probability;

    @Column(name = "expected_close_date")
    private LocalDate expectedCloseDate;

    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected CrmDeal() {
    }

    /** A new deal in discovery with probability 0. */
    public CrmDeal(String title, Long leadId, String ownerId) {
        this.title = title;
        this.leadId = leadId;
        this.ownerId = ownerId;
        this.stage = DealStage.DISCOVERY.dbValue();
        this.createdAt = DbTime.now();
    }

    public Long getLeadId() {
        return leadId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    /** Deal value in USD, or {@code null}. */
    public BigDecimal getValue() {
        return value;
    }

    public void setValue(BigDecimal value) {
        this.value = value;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    /** Win probability in percent, 0–100. */
    public int getProbability() {
        return probability;
    }

    public void setProbability(int probability) {
        this.probability = probability;
    }

    public LocalDate getExpectedCloseDate() {
        return expectedCloseDate;
    }

    public void setExpectedCloseDate(LocalDate expectedCloseDate) {
        this.expectedCloseDate = expectedCloseDate;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public void setClosedAt(Instant closedAt) {
        this.closedAt = closedAt;
    }
}
