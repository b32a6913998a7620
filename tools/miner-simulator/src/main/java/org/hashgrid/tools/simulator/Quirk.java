package org.hashgrid.tools.simulator;

/** Broken-but-real JSON habits of miner firmware, applied on top of a dialect. */
public enum Quirk {
    /** "}{" instead of "},{" between the objects of every array. */
    CONCATENATED_OBJECTS,
    /** Every number sent as a JSON string. */
    NUMBERS_AS_STRINGS,
    /** Every numeric key sent twice, first with a stale 0; the last occurrence is the real one. */
    DUPLICATE_KEYS,
    /** Version strings wrapped in the invalid escape \' (as some Whatsminer firmware does). */
    INVALID_ESCAPE,
    /** Reply ends with the close only, without the terminating NUL. */
    MISSING_NUL,
    /** The average hashrate sent as a bare nan (as Avalon cgminer 4.11.1 does). */
    NAN_VALUES
}
