package org.hashgrid.identity.internal;

import java.time.Instant;

import org.hashgrid.model.AuthToken;

/** A personal API token, without its secret. */
public record ApiToken(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
        Instant revokedAt) {

    public static ApiToken of(AuthToken token) {
        return new ApiToken(token.getId(), token.getName(), token.getCreatedAt(), token.getExpiresAt(),
                token.getLastUsedAt(), token.getRevokedAt());
    }
}
