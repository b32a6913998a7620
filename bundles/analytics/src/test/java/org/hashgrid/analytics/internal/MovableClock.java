package org.hashgrid.analytics.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock the test sets. */
final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant now) {
        this.now = new AtomicReference<>(now);
    }

    void set(Instant instant) {
        now.set(instant);
    }

    void advance(long seconds) {
        now.set(now.get().plusSeconds(seconds));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
