package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Convert;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An event of the transactional outbox, table {@code outbox_events}. A service persists it in
 * the transaction that makes the change it announces; the relay publishes unpublished events in
 * id order, counting failed attempts, and stamps {@code publishedAt}. Published events are kept
 * 30 days.
 *
 * <p>{@code payload} is JSON text stored as {@code jsonb} (mapped by {@link JsonbAttributeConverter});
 * it must be valid JSON, and PostgreSQL hands it back normalised (key order and spacing may
 * differ from what was written).
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent extends GeneratedIdEntity {

    @Column(name = "aggregate_type", nullable = false, updatable = false)
    private String aggregateType;

    @Column(name = "aggregate_id", nullable = false, updatable = false)
    private String aggregateId;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Convert(converter = JsonbAttributeConverter.class)
    @Column(name = "payload", nullable = false, updatable = false)
    private String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    protected OutboxEvent() {
    }

    /** An unpublished event about aggregate {@code aggregateType}/{@code aggregateId}. */
    public OutboxEvent(String aggregateType, String aggregateId, String eventType, String payloadJson) {
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.eventType = eventType;
        this.payload = payloadJson;
        this.createdAt = DbTime.now();
    }

    public String getAggregateType() {
        return aggregateType;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public String getEventType() {
        return eventType;
    }

    /** The event body as JSON text. */
    public String getPayload() {
        return payload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the relay published the event, {@code null} while unpublished. */
    public Instant getPublishedAt() {
        return publishedAt;
    }

    public int getAttempts() {
        return attempts;
    }

    /** Records a successful publication. */
    public void markPublished(Instant when) {
        this.publishedAt = when;
    }

    /** Records a failed publication attempt. */
    public void recordFailedAttempt() {
        this.attempts++;
    }
}
