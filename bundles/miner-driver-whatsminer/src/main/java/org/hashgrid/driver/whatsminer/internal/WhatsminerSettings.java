package org.hashgrid.driver.whatsminer.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the Whatsminer driver, from its configuration or given directly outside OSGi.
 *
 * @param v3Port         API v3's port when the miner record names no control port
 * @param connectTimeout time allowed to open a connection to API v3; a miner that cannot be
 *                       reached there in this time is asked over API v2
 * @param maxReplyBytes  larger API v3 replies are abandoned as protocol errors
 * @param maxConnections API v3 connections open at once across all miners; more requests wait
 * @param tokenReuse     how long an API v2 token is reused (the firmware keeps it 30 minutes)
 * @param apiCacheTime   how long the API generation found for a miner is remembered
 */
public record WhatsminerSettings(int v3Port, Duration connectTimeout, int maxReplyBytes, int maxConnections,
        Duration tokenReuse, Duration apiCacheTime) {

    /**
     * Port 4433, 3 s connect, 1 MiB replies, 2048 connections, tokens reused 25 minutes,
     * generation remembered 1 hour.
     */
    public static final WhatsminerSettings DEFAULTS = new WhatsminerSettings(4433, Duration.ofSeconds(3),
            1024 * 1024, 2048, Duration.ofMinutes(25), Duration.ofHours(1));

    public WhatsminerSettings {
        if (v3Port < 1 || v3Port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + v3Port);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("tokenReuse", tokenReuse);
        requirePositive("apiCacheTime", apiCacheTime);
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes below 1024: " + maxReplyBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections below 1: " + maxConnections);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
