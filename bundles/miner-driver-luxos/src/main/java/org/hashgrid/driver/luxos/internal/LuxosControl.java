package org.hashgrid.driver.luxos.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The LuxOS commands behind the SPI's: sleep and wake through {@code curtail} [LUXDOCS-curtail],
 * restart through {@code resetminer} (or {@code rebootdevice}) [PYASIC-lux] [LUXTOOL-api], power
 * limit through {@code profileset <sid>,<N>W} with ATM off meanwhile [LUXDOCS-profileset]
 * [LUXDOCS-atmset] [PYASIC-lux-backend].
 */
public final class LuxosControl {

    private static final Logger LOG = LoggerFactory.getLogger(LuxosControl.class);

    private final LuxosClient client;
    private final Sessions sessions;
    private final boolean restartReboots;

    /**
     * @param restartReboots whether RESTART reboots the whole controller ({@code rebootdevice})
     *                       instead of restarting the mining process ({@code resetminer})
     */
    public LuxosControl(LuxosClient client, Sessions sessions, boolean restartReboots) {
        this.client = client;
        this.sessions = sessions;
        this.restartReboots = restartReboots;
    }

    public CompletableFuture<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command,
            Deadline deadline) {
        return switch (command.action()) {
            case STOP -> curtail(endpoint, command, "sleep", deadline);
            case START -> curtail(endpoint, command, "wakeup", deadline);
            case RESTART -> {
                String verb = restartReboots ? "rebootdevice" : "resetminer";
                yield sessions.within(endpoint, deadline,
                        session -> sessions.write(endpoint, verb, session, "", deadline))
                        .thenApply(reply -> new CommandResult(command, verb + ": " + message(reply)));
            }
            case SET_POWER_LIMIT -> powerLimit(endpoint, command, command.powerLimitWatts().getAsInt(), deadline);
            case SET_MODE -> CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED,
                    "LuxOS has profiles, not modes: set a power limit instead"));
        };
    }

    private CompletableFuture<CommandResult> curtail(MinerEndpoint endpoint, MinerCommand command, String action,
            Deadline deadline) {
        return sessions.within(endpoint, deadline,
                session -> sessions.write(endpoint, "curtail", session, action, deadline))
                .thenApply(reply -> new CommandResult(command,
                        LuxosReplies.first(reply, "CURTAIL").path("Action").asText(message(reply))));
    }

    /**
     * Picks nothing itself: LuxOS chooses the profile for {@code <N>W}; the driver checks before that
     * some profile draws at most N W, and after that the profile set is one of them.
     */
    private CompletableFuture<CommandResult> powerLimit(MinerEndpoint endpoint, MinerCommand command, int watts,
            Deadline deadline) {
        return client.fetch(endpoint, List.of("config", "profiles"), deadline).thenCompose(replies -> {
            JsonNode config = replies.get("config");
            if (LuxosReplies.luxminerVersion(config).isEmpty()) {
                throw new CompletionException(LuxosReplies.notLuxos("config", config));
            }
            Map<String, Long> profiles = LuxosReading.profileWatts(replies.get("profiles"));
            OptionalLong lowest = profiles.values().stream().mapToLong(Long::longValue).min();
            if (lowest.isEmpty() || lowest.getAsLong() > watts) {
                throw new CompletionException(new DriverException(FailureKind.UNSUPPORTED,
                        lowest.isEmpty() ? "the miner lists no profiles to limit its power with"
                                : "no profile draws " + watts + " W or less; the lowest draws " + lowest.getAsLong()
                                        + " W"));
            }
            boolean atm = LuxosReplies.first(config, "CONFIG").path("IsAtmEnabled").asBoolean(false);
            return sessions.within(endpoint, deadline,
                    session -> profileWithoutAtm(endpoint, session, watts, atm, deadline))
                    .thenApply(outcome -> verified(command, watts, profiles, outcome));
        });
    }

    /** What {@code profileset} answered and, when ATM could not be re-enabled, why. */
    private record ProfileOutcome(JsonNode reply, Optional<String> atmNotRestored) {
    }

    /** ATM would move the profile again, so it is off while the profile is set and restored after. */
    private CompletableFuture<ProfileOutcome> profileWithoutAtm(MinerEndpoint endpoint, String session, int watts,
            boolean atm, Deadline deadline) {
        CompletableFuture<JsonNode> atmOff =
                atm ? sessions.write(endpoint, "atmset", session, "enabled=false", deadline)
                        : CompletableFuture.completedFuture(null);
        CompletableFuture<JsonNode> set = atmOff
                .thenCompose(ignored -> sessions.write(endpoint, "profileset", session, watts + "W", deadline));
        if (!atm) {
            return set.thenApply(reply -> new ProfileOutcome(reply, Optional.empty()));
        }
        return set.handle((reply, failure) -> sessions
                .write(endpoint, "atmset", session, "enabled=true", deadline)
                .handle((restored, restoreFailure) -> {
                    if (failure != null) {
                        throw failure instanceof CompletionException wrapped ? wrapped
                                : new CompletionException(failure);
                    }
                    return new ProfileOutcome(reply, Optional.ofNullable(restoreFailure)
                            .map(f -> DriverException.unwrap(f).getMessage()));
                })).thenCompose(outcome -> outcome);
    }

    private static CommandResult verified(MinerCommand command, int watts, Map<String, Long> profiles,
            ProfileOutcome outcome) {
        String profile = LuxosReplies.first(outcome.reply(), "PROFILE").path("Profile").asText("");
        Long drawn = profiles.get(profile);
        if (drawn == null || drawn > watts) {
            throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR, "asked for at most " + watts
                    + " W, the miner set profile '" + profile + "'"
                    + (drawn == null ? ", which it does not list" : " drawing " + drawn + " W")));
        }
        String message = "profile " + profile + " (" + drawn + " W)";
        if (outcome.atmNotRestored().isPresent()) {
            LOG.warn("power limit set, but ATM could not be re-enabled: {}", outcome.atmNotRestored().get());
            return new CommandResult(command,
                    message + "; ATM could not be re-enabled: " + outcome.atmNotRestored().get());
        }
        return new CommandResult(command, message);
    }

    private static String message(JsonNode reply) {
        return LuxosReplies.status(reply).path("Msg").asText("");
    }
}
