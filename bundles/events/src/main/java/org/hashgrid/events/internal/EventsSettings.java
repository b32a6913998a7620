package org.hashgrid.events.internal;

import java.time.Duration;
import java.util.List;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.IpRange;

/** {@link EventsConfig} checked: what the relay, the dispatcher and the address rules work with. */
record EventsSettings(Duration relayInterval, int relayBatchSize, Duration retention, int maxAttempts,
        Duration firstBackoff, Duration maxBackoff, Duration timeout, int maxInFlight, List<IpRange> allowed,
        List<IpRange> refused) {

    static EventsSettings read(ConfigCheck check, EventsConfig config) {
        return new EventsSettings(
                Duration.ofMillis(check.between("relay.interval.millis", config::relay_interval_millis, 50, 60_000)),
                check.between("relay.batch.size", config::relay_batch_size, 1, 10_000),
                Duration.ofDays(check.between("retention.days", config::retention_days, 1, 3650)),
                check.between("webhook.max.attempts", config::webhook_max_attempts, 1, 50),
                Duration.ofSeconds(check.between("webhook.backoff.seconds", config::webhook_backoff_seconds, 1, 3600)),
                Duration.ofSeconds(check.between("webhook.max.backoff.seconds", config::webhook_max_backoff_seconds, 1,
                        7 * 86_400)),
                Duration.ofSeconds(check.between("webhook.timeout.seconds", config::webhook_timeout_seconds, 1, 120)),
                check.between("webhook.max.in.flight", config::webhook_max_in_flight, 1, 1000),
                check.cidrs("webhook.allowed.ranges", config::webhook_allowed_ranges),
                check.cidrs("webhook.refused.ranges", config::webhook_refused_ranges));
    }

    /**
     * The wait after failed attempt number {@code attempts} (1 for the first): the first backoff
     * doubled per further failure, capped, with ±20 % jitter from {@code random} (0..1) so that
     * retries of one outage do not arrive in step.
     */
    Duration backoff(int attempts, double random) {
        long first = firstBackoff.toMillis();
        long doubled = attempts >= 40 ? Long.MAX_VALUE : first << Math.max(0, attempts - 1);
        long capped = doubled <= 0 || doubled > maxBackoff.toMillis() ? maxBackoff.toMillis() : doubled;
        return Duration.ofMillis(Math.round(capped * (0.8 + 0.4 * random)));
    }
}
