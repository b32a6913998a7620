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
    MODEL,
    /** @since 1.1 */
    BOARDS,
    /** @since 1.1 */
    POOLS,
    /** @since 1.1 */
    FIRMWARE_NAME,
    /** @since 1.1 */
    FIRMWARE_VERSION,
    /** @since 1.1 */
    MAC_ADDRESS,
    /** @since 1.1 */
    NOMINAL_HASHRATE,
    /** @since 1.1 */
    MODE,
    /** @since 1.1 */
    POWER_LIMIT,
    /** @since 1.1 */
    PSU_FAN_SPEED
}
