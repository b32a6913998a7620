package org.hashgrid.driver;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One configured pool in a {@link MinerReading}, as the firmware reports it.
 *
 * @param index    the pool's index in the firmware's list
 * @param url      the pool URL, e.g. {@code stratum+tcp://pool.example:3333}
 * @param user     the worker name
 * @param status   the firmware's word for the pool's state, e.g. {@code Alive}, {@code Dead}
 * @param priority the failover priority, 0 first
 * @param active   whether the miner is hashing on this pool now
 * @param accepted shares accepted by this pool
 * @param rejected shares rejected by this pool
 * @param stale    stale shares sent to this pool
 */
public record PoolReading(int index, String url, Optional<String> user, Optional<String> status, OptionalInt priority,
        Optional<Boolean> active, OptionalLong accepted, OptionalLong rejected, OptionalLong stale) {

    public PoolReading {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(stale, "stale");
        if (accepted.orElse(0) < 0 || rejected.orElse(0) < 0 || stale.orElse(0) < 0) {
            throw new IllegalArgumentException("negative share count on pool " + index);
        }
    }

    /** @return a pool with nothing known but its index and URL */
    public static PoolReading of(int index, String url) {
        return new PoolReading(index, url, Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public PoolReading withUser(String value) {
        return new PoolReading(index, url, Optional.of(value), status, priority, active, accepted, rejected, stale);
    }

    public PoolReading withStatus(String value) {
        return new PoolReading(index, url, user, Optional.of(value), priority, active, accepted, rejected, stale);
    }

    public PoolReading withActive(boolean value) {
        return new PoolReading(index, url, user, status, priority, Optional.of(value), accepted, rejected, stale);
    }

    public PoolReading withPriority(int value) {
        return new PoolReading(index, url, user, status, OptionalInt.of(value), active, accepted, rejected, stale);
    }

    public PoolReading withShares(long acceptedShares, long rejectedShares, long staleShares) {
        return new PoolReading(index, url, user, status, priority, active, OptionalLong.of(acceptedShares),
                OptionalLong.of(rejectedShares), OptionalLong.of(staleShares));
    }
}
