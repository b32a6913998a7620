package org.hashgrid.telemetry.internal;

import java.time.Instant;

import org.hashgrid.driver.MinerReading;

/**
 * One poll of one miner as it waits in the buffer: the reading ({@code null} when the read
 * failed, and then {@code error} says why) and when the platform took it.
 *
 * @param status the miner's status when it was listed for the poll
 */
public record Reading(long minerId, long siteId, String status, Instant attemptedAt, MinerReading reading,
        String error) {

    public static Reading success(long minerId, long siteId, String status, Instant attemptedAt,
            MinerReading reading) {
        return new Reading(minerId, siteId, status, attemptedAt, reading, null);
    }

    public static Reading failure(long minerId, long siteId, String status, Instant attemptedAt, String error) {
        return new Reading(minerId, siteId, status, attemptedAt, null, error);
    }

    public boolean ok() {
        return reading != null;
    }
}
