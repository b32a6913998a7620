package org.hashgrid.tools.simulator;

/** How a simulated firmware misbehaves when it is controlled, whatever its protocol. */
public enum ControlQuirk {
    /** Acknowledges a sleep/stop command and keeps hashing (Antminer S19j Pro 2022-12 builds). */
    IGNORES_SLEEP,
    /** Wakes up by itself a few seconds after being put to sleep. */
    WAKES_ITSELF
}
