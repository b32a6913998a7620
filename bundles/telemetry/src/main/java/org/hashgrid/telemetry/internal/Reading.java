package org.hashgrid.telemetry.internal;

import java.time.Instant;

import org.hashgrid.driver.MinerReading;
import org.hashgrid.hosting.PollTarget;

/**
 * One poll of one miner as it waits in the buffer: the reading ({@code null} when the read
 * failed, and then {@code error} says why) and when the platform took it.
 *
 * @param status       the miner's status when it was listed for the poll
 * @param clientId     its owner then (null: operator-owned)
 * @param minerModelId its model then (0 when unknown)
 */
public record Reading(long minerId, long siteId, String status, Instant attemptedAt, MinerReading reading,
        String error, String clientId, long minerModelId) {

    public static Reading success(PollTarget target, Instant attemptedAt, MinerReading reading) {
        return new Reading(target.minerId(), target.siteId(), target.status(), attemptedAt, reading, null,
                target.clientId(), target.minerModelId());
    }

    public static Reading failure(PollTarget target, Instant attemptedAt, String error) {
        return new Reading(target.minerId(), target.siteId(), target.status(), attemptedAt, null, error,
                target.clientId(), target.minerModelId());
    }

    /** A poll of an operator-owned miner of an unknown model (tests, benchmarks). */
    public static Reading success(long minerId, long siteId, String status, Instant attemptedAt,
            MinerReading reading) {
        return new Reading(minerId, siteId, status, attemptedAt, reading, null, null, 0);
    }

    /** A failed poll of an operator-owned miner of an unknown model (tests, benchmarks). */
    public static Reading failure(long minerId, long siteId, String status, Instant attemptedAt, String error) {
        return new Reading(minerId, siteId, status, attemptedAt, null, error, null, 0);
    }

    public boolean ok() {
        return reading != null;
    }
}
