package org.hashgrid.driver.cgminer.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.hashgrid.driver.MinerEndpoint;

/**
 * The identity of each miner read lately, kept for a time to live so that warm reads ask only
 * what changes. An entry is dropped when it expires, when the miner fails to answer a read, and
 * when a read shows the mining process restarted (uptime went backwards) or another firmware
 * answers (the STATUS description changed): a swapped or reflashed miner is then learned again.
 * Expired entries of miners no longer read are swept at most once per time to live.
 */
final class KnownMiners {

    /** What is known of one miner, and the uptime its last read reported. */
    record Known(MinerIdentity identity, long learnedAtNanos, long uptimeSeconds) {
    }

    private final long ttlNanos;
    private final Map<MinerEndpoint, Known> known = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /** @param ttlNanos how long an identity is trusted; 0 disables the cache (every read is cold) */
    KnownMiners(long ttlNanos) {
        this.ttlNanos = ttlNanos;
        this.nextSweep = new AtomicLong(System.nanoTime() + ttlNanos);
    }

    /** @return the miner's identity while it is fresh, else null (a cold read is due) */
    Known fresh(MinerEndpoint endpoint, long now) {
        sweep(now);
        Known entry = known.get(endpoint);
        if (entry == null) {
            return null;
        }
        if (now - entry.learnedAtNanos() >= ttlNanos) {
            known.remove(endpoint, entry);
            return null;
        }
        return entry;
    }

    void learned(MinerEndpoint endpoint, MinerIdentity identity, long uptimeSeconds, long now) {
        if (ttlNanos > 0) {
            known.put(endpoint, new Known(identity, now, uptimeSeconds));
        }
    }

    /** Records the uptime a warm read reported, keeping the time the identity was learned. */
    void stillRunning(MinerEndpoint endpoint, Known entry, long uptimeSeconds) {
        if (uptimeSeconds != entry.uptimeSeconds()) {
            known.replace(endpoint, entry, new Known(entry.identity(), entry.learnedAtNanos(), uptimeSeconds));
        }
    }

    void forget(MinerEndpoint endpoint) {
        known.remove(endpoint);
    }

    int size() {
        return known.size();
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (ttlNanos > 0 && now - due >= 0 && nextSweep.compareAndSet(due, now + ttlNanos)) {
            known.values().removeIf(entry -> now - entry.learnedAtNanos() >= ttlNanos);
        }
    }
}
