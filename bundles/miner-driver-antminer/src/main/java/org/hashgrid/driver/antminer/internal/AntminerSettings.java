package org.hashgrid.driver.antminer.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the Antminer driver, from its configuration or given directly when the driver is
 * embedded outside OSGi (tests, benchmarks).
 *
 * @param webPort         the web interface's port when a miner's access names none (80 on stock firmware)
 * @param connectTimeout  time allowed to open a connection to the web interface
 * @param maxConnections  web connections open at once across all miners; more requests wait
 * @param maxReplyBytes   larger CGI replies are abandoned as protocol errors
 * @param modeCacheTtl    how long a miner's work mode read from {@code stats.cgi} serves readings
 * @param modeReadTimeout the most a reading waits for the work mode, so a slow CGI never slows polls
 * @param identityTtl     how long a miner's model from {@code get_system_info.cgi} is trusted
 * @param loginBackoff    after refused credentials, how long readings leave the web interface alone
 * @param httpThreads     threads of the HTTP client's executor
 */
public record AntminerSettings(int webPort, Duration connectTimeout, int maxConnections, int maxReplyBytes,
        Duration modeCacheTtl, Duration modeReadTimeout, Duration identityTtl, Duration loginBackoff,
        int httpThreads) {

    /** Port 80, 3 s connect, 1024 connections, 256 KiB replies, modes for 30 s, 2 s for a mode, models for 1 h. */
    public static final AntminerSettings DEFAULTS = new AntminerSettings(80, Duration.ofSeconds(3), 1024, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(5),
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    public AntminerSettings {
        if (webPort < 1 || webPort > 65535) {
            throw new IllegalArgumentException("webPort out of range 1-65535: " + webPort);
        }
        requirePositive("connectTimeout", connectTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections below 1: " + maxConnections);
        }
        if (maxReplyBytes < 1024) {
            throw new IllegalArgumentException("maxReplyBytes below 1024: " + maxReplyBytes);
        }
        Objects.requireNonNull(modeCacheTtl, "modeCacheTtl");
        if (modeCacheTtl.isNegative()) {
            throw new IllegalArgumentException("modeCacheTtl must not be negative: " + modeCacheTtl);
        }
        requirePositive("modeReadTimeout", modeReadTimeout);
        requirePositive("identityTtl", identityTtl);
        requirePositive("loginBackoff", loginBackoff);
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads below 1: " + httpThreads);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
