package org.hashgrid.telemetry;

/**
 * Bits of a stored reading's {@code flags}: what the ingest changed in a reading the firmware
 * sent, so that nothing is altered silently. A value outside what any miner can report is
 * dropped (stored as NULL, "not reported") and flagged, never clamped; the rest of the reading
 * is kept. 0 means the reading was stored as reported.
 */
public final class ReadingFlags {
    /** A temperature below {@value #MIN_TEMPERATURE_C} °C or above {@value #MAX_TEMPERATURE_C} °C was dropped. */
    public static final int TEMPERATURE_DROPPED = 1;
    /** A hashrate above {@value #MAX_HASHRATE_THS} TH/s (no single miner reaches it) was dropped. */
    public static final int HASHRATE_DROPPED = 1 << 1;
    /** A power draw above {@value #MAX_POWER_W} W was dropped. */
    public static final int POWER_DROPPED = 1 << 2;
    /** A fan speed above {@value #MAX_FAN_RPM} RPM was dropped. */
    public static final int FAN_DROPPED = 1 << 3;
    /**
     * The miner's clock was more than {@value #MAX_CLOCK_SKEW_SECONDS} s off the platform's: the
     * reading is stored at the time the platform took it.
     */
    public static final int CLOCK_SKEW = 1 << 4;

    public static final double MIN_TEMPERATURE_C = -40;
    public static final double MAX_TEMPERATURE_C = 150;
    public static final double MAX_HASHRATE_THS = 5_000;
    public static final double MAX_POWER_W = 50_000;
    public static final int MAX_FAN_RPM = 30_000;
    public static final long MAX_CLOCK_SKEW_SECONDS = 60;

    private ReadingFlags() {
    }
}
