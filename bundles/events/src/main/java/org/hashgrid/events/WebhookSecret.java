package org.hashgrid.events;

import org.hashgrid.core.Doc;

/** A subscription with its signing secret: the answer to creating it and to rotating the secret, and only those. */
public record WebhookSecret(
        Webhook webhook,
        @Doc("Standard Webhooks signing secret (whsec_…): keep it, it is not shown again") String secret) {
}
