package org.hashgrid.driver.antminer.internal;

import java.util.Locale;
import java.util.Optional;

import org.hashgrid.driver.MinerMode;

/**
 * Stock firmware's work modes: the integer posted as {@code miner-mode} and read back as the
 * string {@code bitmain-work-mode} or the integer {@code STATS[0]["miner-mode"]} (reference §1.3).
 */
public enum WorkMode {
    /** 0: normal, every source. */
    NORMAL(0, MinerMode.NORMAL),
    /** 1: sleep, hashboards stop and the controller stays up, every source. */
    SLEEP(1, MinerMode.SLEEP),
    /** 2: high performance [ASICRS-am-v2020]; accepted by the 0/1/2 CGI variant [BMFW-setconf-A]. */
    HIGH_PERFORMANCE(2, MinerMode.HIGH_PERFORMANCE),
    /** 3: low power [PYASIC-cfg-mining]; accepted by the 0/1/3 CGI variant [BMFW-setconf-B]. */
    LOW_POWER(3, MinerMode.LOW_POWER);

    private final int value;
    private final MinerMode mode;

    WorkMode(int value, MinerMode mode) {
        this.value = value;
        this.mode = mode;
    }

    public int value() {
        return value;
    }

    public MinerMode mode() {
        return mode;
    }

    /** @return the work mode with this value; empty for values whose meaning is not confirmed (5, 254 …) */
    public static Optional<WorkMode> of(int value) {
        for (WorkMode workMode : values()) {
            if (workMode.value == value) {
                return Optional.of(workMode);
            }
        }
        return Optional.empty();
    }

    /** @return the work mode a platform mode maps to */
    public static WorkMode of(MinerMode mode) {
        for (WorkMode workMode : values()) {
            if (workMode.mode == mode) {
                return workMode;
            }
        }
        throw new IllegalArgumentException("no work mode for " + mode);
    }

    @Override
    public String toString() {
        return value + " (" + name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }
}
