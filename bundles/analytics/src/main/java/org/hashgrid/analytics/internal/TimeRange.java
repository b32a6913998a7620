package org.hashgrid.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.hashgrid.core.Validation;

/** A {@code from}/{@code to} query range: ISO-8601, {@code to} defaulting to now, {@code from} to a span before it. */
public record TimeRange(Instant from, Instant to) {

    /** 400 naming the parameter when a time is malformed, when from is not before to or the span too long. */
    public static TimeRange parse(String from, String to, Instant now, Duration defaultSpan, Duration maxSpan) {
        Validation validation = new Validation();
        Instant end = time("to", to, validation);
        Instant start = time("from", from, validation);
        validation.validate();
        end = end == null ? now : end;
        start = start == null ? end.minus(defaultSpan) : start;
        validation.check(start.isBefore(end), "from", "must be before to");
        validation.check(!start.plus(maxSpan).isBefore(end), "from",
                "the range may span at most " + maxSpan.toDays() + " days");
        validation.validate();
        return new TimeRange(start, end);
    }

    private static Instant time(String name, String value, Validation validation) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            validation.check(false, name, "must be an ISO-8601 UTC time such as 2025-01-31T00:00:00Z");
            return null;
        }
    }
}
