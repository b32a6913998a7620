package org.hashgrid.driver;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Something a miner is asked to do. Create commands with the factory methods.
 *
 * @param action          what to do
 * @param powerLimitWatts the cap in watts, present exactly for {@link Action#SET_POWER_LIMIT}
 */
public record MinerCommand(Action action, OptionalInt powerLimitWatts) {

    /** The kinds of command; each needs the {@link DriverCapability} of the same meaning. */
    public enum Action {
        STOP(DriverCapability.STOP),
        START(DriverCapability.START),
        RESTART(DriverCapability.RESTART),
        SET_POWER_LIMIT(DriverCapability.SET_POWER_LIMIT);

        private final DriverCapability capability;

        Action(DriverCapability capability) {
            this.capability = capability;
        }

        /** @return the capability a driver and a miner need to perform this action */
        public DriverCapability capability() {
            return capability;
        }
    }

    public MinerCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(powerLimitWatts, "powerLimitWatts");
        if (powerLimitWatts.isPresent() != (action == Action.SET_POWER_LIMIT)) {
            throw new IllegalArgumentException("a power limit belongs to SET_POWER_LIMIT and only to it");
        }
        if (powerLimitWatts.isPresent() && powerLimitWatts.getAsInt() <= 0) {
            throw new IllegalArgumentException("power limit must be positive: " + powerLimitWatts.getAsInt() + " W");
        }
    }

    /** Stop hashing; the miner stays powered and answers reads. */
    public static MinerCommand stop() {
        return new MinerCommand(Action.STOP, OptionalInt.empty());
    }

    /** Resume hashing after {@link #stop()}. */
    public static MinerCommand start() {
        return new MinerCommand(Action.START, OptionalInt.empty());
    }

    /** Restart the mining process. */
    public static MinerCommand restart() {
        return new MinerCommand(Action.RESTART, OptionalInt.empty());
    }

    /** Cap the miner's power draw. */
    public static MinerCommand setPowerLimit(int watts) {
        return new MinerCommand(Action.SET_POWER_LIMIT, OptionalInt.of(watts));
    }

    @Override
    public String toString() {
        return powerLimitWatts.isPresent() ? action + " " + powerLimitWatts.getAsInt() + " W" : action.toString();
    }
}
