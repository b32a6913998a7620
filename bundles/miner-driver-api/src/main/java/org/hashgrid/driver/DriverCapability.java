package org.hashgrid.driver;

/** Something a driver, or one miner through it, can do. */
public enum DriverCapability {
    /** {@link MinerDriver#read} returns telemetry. */
    READ,
    /** {@link MinerDriver#probe} identifies the miner. */
    PROBE,
    /** {@link MinerCommand#stop()}: stop hashing, the machine stays powered and reachable. */
    STOP,
    /** {@link MinerCommand#start()}: resume hashing after a stop. */
    START,
    /** {@link MinerCommand#restart()}: restart the mining process. */
    RESTART,
    /** {@link MinerCommand#setPowerLimit(int)}: cap the miner's power draw in watts. */
    SET_POWER_LIMIT,
    /** {@link MinerCommand#setMode(MinerMode)}: switch between the firmware's hashing modes. @since 1.1 */
    SET_MODE
}
