package org.hashgrid.driver;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something a miner is asked to do. Create commands with the factory methods.
 *
 * @param action          what to do
 * @param powerLimitWatts the cap in watts, present exactly for {@link Action#SET_POWER_LIMIT}
 * @param mode            the mode to switch to, present exactly for {@link Action#SET_MODE} (since 1.1)
 */
public record MinerCommand(Action action, OptionalInt powerLimitWatts, Optional<MinerMode> mode) {

    /** The kinds of command; each needs the {@link DriverCapability} of the same meaning. */
    public enum Action {
        STOP(DriverCapability.STOP),
        START(DriverCapability.START),
        RESTART(DriverCapability.RESTART),
        SET_POWER_LIMIT(DriverCapability.SET_POWER_LIMIT),
        /** @since 1.1 */
        SET_MODE(DriverCapability.SET_MODE);

        private final DriverCapability capability;

        Action(DriverCapability capability) {
            this.capability = capability;
        }

        /** @return the capability a driver and a miner need to perform this action */
        public DriverCapability capability() {
            return capability;
        }
    }

    /** The 1.0 constructor, kept for binary compatibility: no mode. */
    public MinerCommand(Action action, OptionalInt powerLimitWatts) {
        this(action, powerLimitWatts, Optional.empty());
    }

    public MinerCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(powerLimitWatts, "powerLimitWatts");
        Objects.requireNonNull(mode, "mode");
        if (mode.isPresent() != (action == Action.SET_MODE)) {
            throw new IllegalArgumentException("a mode belongs to SET_MODE and only to it");
        }
        if (mode.isPresent() && mode.get() == MinerMode.SLEEP) {
            throw new IllegalArgumentException("sleep is STOP, not a mode to set");
        }
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

    /**
     * Switch to a hashing mode ({@link MinerMode#NORMAL}, {@link MinerMode#LOW_POWER} or
     * {@link MinerMode#HIGH_PERFORMANCE}); sleeping is {@link #stop()}.
     *
     * @since 1.1
     */
    public static MinerCommand setMode(MinerMode mode) {
        return new MinerCommand(Action.SET_MODE, OptionalInt.empty(), Optional.of(mode));
    }

    @Override
    public String toString() {
        if (powerLimitWatts.isPresent()) {
            return action + " " + powerLimitWatts.getAsInt() + " W";
        }
        return mode.map(m -> action + " " + m).orElse(action.toString());
    }
}
