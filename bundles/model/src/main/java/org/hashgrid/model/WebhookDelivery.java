package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * One outbox event on its way to one webhook subscription, table {@code webhook_deliveries}:
 * {@code pending} until the receiver answers 2xx ({@code delivered}) or the attempts run out
 * ({@code dead}). Written by the events module's relay and dispatcher (plain SQL); this entity
 * serves the delivery listings and manual retries.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends GeneratedIdEntity {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    @Column(name = "subscription_id", nullable = false, updatable = false)
    private long subscriptionId;

    @Column(name = "event_id", nullable = false, updatable = false)
    private long eventId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected WebhookDelivery() {
    }

    public long getSubscriptionId() {
        return subscriptionId;
    }

    public long getEventId() {
        return eventId;
    }

    public String getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getLastAttemptAt() {
        return lastAttemptAt;
    }

    /** The receiver's HTTP status at the last attempt, {@code null} when it did not answer. */
    public Integer getLastStatus() {
        return lastStatus;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** A dead delivery goes back in the queue with a fresh set of attempts. */
    public void retryNow() {
        this.status = PENDING;
        this.attempts = 0;
        this.nextAttemptAt = DbTime.now();
    }
}
