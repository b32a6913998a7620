package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** Answer of a successful login. */
public record SessionDto(@Doc("Bearer token for the Authorization header") String token,
        @Doc("Always Bearer") String tokenType,
        Instant expiresAt,
        @Doc("Change the password (POST /auth/password) before anything else") boolean passwordChangeRequired) {
}
