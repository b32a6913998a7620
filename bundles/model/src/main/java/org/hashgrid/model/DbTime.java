package org.hashgrid.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Time as the database keeps it. */
final class DbTime {

    private DbTime() {
    }

    /**
     * The current instant truncated to microseconds, PostgreSQL's {@code timestamptz}
     * resolution, so an entity holds the same value before and after a round trip.
     */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
