package org.hashgrid.driver;

/**
 * The operating mode a miner reports or is asked for. Firmware names differ (Antminer work modes
 * 0/1/2/3, Whatsminer low/normal/high, LuxOS curtail sleep, Braiins pause); drivers map them here.
 */
public enum MinerMode {
    /** Hashing at the firmware's normal setting. */
    NORMAL,
    /** Hashing at a reduced, firmware-defined power (Antminer LPM, Whatsminer low). */
    LOW_POWER,
    /** Hashing above normal (Antminer high performance, Whatsminer high). */
    HIGH_PERFORMANCE,
    /** Not hashing, controller up and answering: sleep, pause or curtail mode. */
    SLEEP
}
