package org.hashgrid.identity.rest;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** Body of {@code POST /users/{id}/access}. */
public record AccessInput(@Doc("Start of the window, ISO-8601 UTC") Instant accessStartDate,
        @Doc("End of the window (exclusive); absent for open-ended") Instant accessEndDate) {
}
