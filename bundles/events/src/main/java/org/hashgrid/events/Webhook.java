package org.hashgrid.events;

import java.time.Instant;
import java.util.List;

import org.hashgrid.core.Doc;

/** A webhook subscription as the API shows it; the secret is shown only when it is made. */
public record Webhook(
        long id,
        @Doc("Where events are POSTed: an absolute http(s) URL") String url,
        @Doc("Event types sent: exact types (miner.status_changed), prefixes (miner.*) or * for all") List<String> eventTypes,
        @Doc("What the subscription is for") String description,
        @Doc("Whether events are sent; a receiver answering 410 Gone turns it off") boolean active,
        @Doc("Account that made it") String createdBy,
        Instant createdAt,
        Instant updatedAt) {
}
