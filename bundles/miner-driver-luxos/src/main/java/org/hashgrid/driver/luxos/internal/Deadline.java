package org.hashgrid.driver.luxos.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

/** The moment a driver call must be done by, shared by every exchange the call makes. */
public record Deadline(long atNanos) {

    /** @return the deadline {@code timeout} from now, at most a day away */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.DAYS.toNanos(1)));
    }

    /** @return the time left, zero or negative once passed */
    public Duration remaining() {
        return Duration.ofNanos(atNanos - System.nanoTime());
    }

    public boolean passed() {
        return atNanos - System.nanoTime() <= 0;
    }

    /** @return a failed stage if the deadline has passed, else {@code null} */
    <T> CompletableFuture<T> failIfPassed(String what) {
        return passed()
                ? CompletableFuture.failedFuture(new DriverException(FailureKind.TIMEOUT, "no time left for " + what))
                : null;
    }
}
