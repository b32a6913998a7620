package org.hashgrid.identity.rest;

import org.hashgrid.api.Doc;

/** Answer of {@code POST /api-tokens}: the secret is shown this once. */
public record CreatedApiToken(@Doc("Bearer token; store it now, it cannot be shown again") String token,
        ApiTokenDto apiToken) {
}
