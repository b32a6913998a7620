package org.hashgrid.driver;

/** The values of a {@link MinerReading}; {@link MinerReading#missing()} names those not reported. */
public enum ReadingField {
    HASHRATE,
    AVERAGE_HASHRATE,
    BOARD_TEMPERATURES,
    CHIP_TEMPERATURES,
    MAX_TEMPERATURE,
    POWER,
    FAN_SPEEDS,
    UPTIME,
    ACCEPTED_SHARES,
    REJECTED_SHARES,
    HARDWARE_ERRORS,
    POOL_URL,
    POOL_USER,
    FIRMWARE,
    MODEL
}
