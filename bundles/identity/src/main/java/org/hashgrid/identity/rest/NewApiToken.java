package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** Body of {@code POST /api-tokens}. */
public record NewApiToken(@Doc("What the token is for, 1-100 characters") String name,
        @Doc("Optional expiry, ISO-8601 UTC") Instant expiresAt) {
}
