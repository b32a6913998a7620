package org.hashgrid.driver.cgminer.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the CGMiner driver, from its configuration or given directly when the driver is
 * embedded outside OSGi (tests, benchmarks).
 *
 * @param connectTimeout time allowed to establish a TCP connection
 * @param readTimeout    time allowed for a whole reply once the request is sent; it bounds
 *                       miners that drip bytes (slow-loris) as well as silent ones
 * @param maxReplyBytes  larger replies are abandoned as protocol errors
 * @param maxConnections connections open at once across all miners; more requests wait
 * @param identityTtl    how long what a miner tells about itself (firmware, model, MAC, version,
 *                       devdetails) is trusted before a read asks it again; zero makes every read
 *                       a cold one
 */
public record CgminerSettings(Duration connectTimeout, Duration readTimeout, int maxReplyBytes, int maxConnections,
        Duration identityTtl) {

    /** Identities are asked again after 10 minutes, or at once when the miner restarts. */
    public static final Duration DEFAULT_IDENTITY_TTL = Duration.ofMinutes(10);

    /** 3 s connect, 10 s read, 1 MiB replies, 2048 connections, identities kept 10 minutes. */
    public static final CgminerSettings DEFAULTS = new CgminerSettings(Duration.ofSeconds(3), Duration.ofSeconds(10),
            1024 * 1024, 2048);

    /** Settings with the default identity time to live. */
    public CgminerSettings(Duration connectTimeout, Duration readTimeout, int maxReplyBytes, int maxConnections) {
        this(connectTimeout, readTimeout, maxReplyBytes, maxConnections, DEFAULT_IDENTITY_TTL);
    }

    public CgminerSettings {
        Objects.requireNonNull(identityTtl, "identityTtl");
        if (identityTtl.isNegative()) {
            throw new IllegalArgumentException("identityTtl must not be negative: " + identityTtl);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes below 1024: " + maxReplyBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections below 1: " + maxConnections);
        }
    }

    /** @return these settings with another identity time to live */
    public CgminerSettings withIdentityTtl(Duration ttl) {
        return new CgminerSettings(connectTimeout, readTimeout, maxReplyBytes, maxConnections, ttl);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
