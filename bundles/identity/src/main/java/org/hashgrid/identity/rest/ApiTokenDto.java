package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.model.AuthToken;

/** A personal API token, without its secret. */
public record ApiTokenDto(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
        Instant revokedAt) {

    public static ApiTokenDto of(AuthToken token) {
        return new ApiTokenDto(token.getId(), token.getName(), token.getCreatedAt(), token.getExpiresAt(),
                token.getLastUsedAt(), token.getRevokedAt());
    }
}
