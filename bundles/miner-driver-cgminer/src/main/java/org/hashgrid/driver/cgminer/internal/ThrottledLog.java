package org.hashgrid.driver.cgminer.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Warnings at most once per interval, counting what it held back, so that a fleet of broken
 * miners cannot flood the log.
 */
final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());
    private final AtomicInteger suppressed = new AtomicInteger();

    ThrottledLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    void warn(String message, Object subject) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            int held = suppressed.getAndSet(0);
            if (held > 0) {
                log.warn("{}: {} ({} similar warnings suppressed)", subject, message, held);
            } else {
                log.warn("{}: {}", subject, message);
            }
        } else {
            suppressed.incrementAndGet();
            log.debug("{}: {}", subject, message);
        }
    }
}
