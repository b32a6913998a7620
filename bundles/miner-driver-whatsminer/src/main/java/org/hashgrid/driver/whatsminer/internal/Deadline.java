package org.hashgrid.driver.whatsminer.internal;

import java.time.Duration;

/** A point in {@link System#nanoTime()} by which a whole driver call must be done. */
public record Deadline(long nanos) {

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + Math.min(timeout.toNanos(), Duration.ofDays(1).toNanos()));
    }

    /** @return the time left, zero or negative once passed */
    public Duration remaining() {
        return Duration.ofNanos(nanos - System.nanoTime());
    }

    public boolean passed() {
        return nanos - System.nanoTime() <= 0;
    }
}
