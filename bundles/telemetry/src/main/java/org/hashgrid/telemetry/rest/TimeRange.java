package org.hashgrid.telemetry.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.hashgrid.core.ProblemException;

/**
 * The {@code from} / {@code to} query parameters of the history endpoints: ISO-8601 instants,
 * {@code to} now and {@code from} {@value #DEFAULT_HOURS} h before {@code to} when absent; a
 * malformed one is a 400 naming the parameter.
 */
record TimeRange(Instant from, Instant to) {
    static final int DEFAULT_HOURS = 24;

    static TimeRange parse(String from, String to) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        return new TimeRange(from == null ? end.minus(Duration.ofHours(DEFAULT_HOURS)) : instant("from", from), end);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "an ISO-8601 UTC instant, e.g. 2026-11-30T00:00:00Z");
        }
    }
}
