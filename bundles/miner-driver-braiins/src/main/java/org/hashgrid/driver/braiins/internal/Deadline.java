package org.hashgrid.driver.braiins.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The moment a driver call must be done by, shared by every request the call makes. */
public record Deadline(long atNanos) {

    /** @return the deadline {@code timeout} from now, at most a day away */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.DAYS.toNanos(1)));
    }

    /** @return the time left, zero or negative once passed */
    public Duration remaining() {
        return Duration.ofNanos(atNanos - System.nanoTime());
    }
}
