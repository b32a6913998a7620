package org.hashgrid.events;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** One event on its way to one subscription. */
public record Delivery(
        long id,
        long webhookId,
        @Doc("The outbox event id, also sent as webhook-id for de-duplication") long eventId,
        @Doc("pending, delivered or dead (attempts exhausted)") String status,
        int attempts,
        @Doc("When the next attempt is due (pending only)") Instant nextAttemptAt,
        Instant lastAttemptAt,
        @Doc("The receiver's HTTP status at the last attempt, absent when it did not answer") Integer lastStatus,
        @Doc("Why the last attempt failed") String lastError,
        Instant deliveredAt,
        Instant createdAt) {
}
