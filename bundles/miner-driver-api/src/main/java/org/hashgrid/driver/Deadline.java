package org.hashgrid.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * The moment by which a whole driver call must be done, on the {@link System#nanoTime()} clock,
 * shared by every exchange the call makes so that a call of several steps still ends in time.
 *
 * @param nanos the {@link System#nanoTime()} value at which the time is up
 * @since 1.1
 */
public record Deadline(long nanos) {

    /** The furthest a deadline lies ahead, so that no timeout overflows the nanosecond clock. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** @return the deadline {@code timeout} from now, at most {@link #LONGEST} away */
    public static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new Deadline(System.nanoTime() + (timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout).toNanos());
    }

    /** @return the time left, zero or negative once passed */
    public Duration remaining() {
        return Duration.ofNanos(nanos - System.nanoTime());
    }

    /** @return whether the time is up */
    public boolean passed() {
        return nanos - System.nanoTime() <= 0;
    }
}
