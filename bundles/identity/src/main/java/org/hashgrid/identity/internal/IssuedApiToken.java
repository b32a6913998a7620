package org.hashgrid.identity.internal;

import org.hashgrid.core.Doc;

/** Answer of {@code POST /api-tokens}: the secret is shown this once. */
public record IssuedApiToken(@Doc("Bearer token; store it now, it cannot be shown again") String token,
        ApiToken apiToken) {
}
