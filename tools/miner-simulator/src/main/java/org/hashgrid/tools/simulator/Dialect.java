package org.hashgrid.tools.simulator;

/** The flavour of the CGMiner API a simulated miner speaks. */
public enum Dialect {
    /** Stock cgminer 4.11: MH/s keys, per-ASC devs, ascdisable/ascenable/restart/quit. */
    CGMINER,
    /** Bitmain bmminer 1.0.0 (S19, S21): GH/s keys, data in stats[1], rejects "+" joins. */
    BITMAIN,
    /** Bitmain bmminer 2.0.0 (S9): GH/s keys with "GHS 5s" as a string, "}{" between stats objects. */
    BITMAIN_LEGACY,
    /**
     * MicroBT btminer with API v2: MH/s keys, power and fans in summary, boards in devs, model in
     * devdetails; tokens, encrypted writes and {@code status} on the same port.
     */
    WHATSMINER,
    /**
     * MicroBT btminer of late 2024 on: the cgminer-style reads on the first port and the
     * length-prefixed API v3 on the second (4433 on a real miner); no API v2 writes.
     */
    WHATSMINER_V3,
    /** Canaan cgminer: "MHS 30s", telemetry packed in the stats "MM ID0" string, softoff/softon via ascset. */
    AVALON,
    /**
     * Luxor's LUXminer: bmminer-shaped reads with a spoofed version, plus config (curtail mode,
     * profile, ATM), power and profiles; writes within a single logon session.
     */
    LUXOS,
    /**
     * Braiins OS (≥ 25.07): bosminer's cgminer API for reads (MH/s, temps, fans), the Public REST
     * API on the second port for control.
     */
    BRAIINS
}
