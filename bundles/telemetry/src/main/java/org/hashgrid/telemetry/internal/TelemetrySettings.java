package org.hashgrid.telemetry.internal;

import java.time.Duration;

import org.hashgrid.core.ConfigCheck;

/** {@link TelemetryConfig} checked: what the pipeline runs with. */
public record TelemetrySettings(boolean enabled, Duration interval, int maxInFlight, Duration readTimeout,
        int offlineAfterFailures, int bufferCapacity, int batchSize, Duration rollupInterval) {

    static TelemetrySettings read(ConfigCheck check, TelemetryConfig c) {
        int interval = check.between("poll.interval.seconds", c::poll_interval_seconds, 5, 3600);
        int timeout = check.between("read.timeout.seconds", c::read_timeout_seconds, 1, Math.max(1, interval - 1));
        return new TelemetrySettings(c.enabled(), Duration.ofSeconds(interval),
                check.between("max.in.flight", c::max_in_flight, 1, 100_000), Duration.ofSeconds(timeout),
                check.between("offline.after.failures", c::offline_after_failures, 1, 1_000),
                check.between("buffer.capacity", c::buffer_capacity, 1_000, 50_000_000),
                check.between("batch.size", c::batch_size, 1, 1_000_000),
                Duration.ofMinutes(check.between("rollup.interval.minutes", c::rollup_interval_minutes, 1, 60)));
    }
}
