package org.hashgrid.driver.braiins.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the Braiins driver does over the REST API [BOS-REST]: pause, resume, restart and the power
 * target for commands; the miner status and the tuner's power target added to readings; the
 * serial number added to probes.
 */
public final class BraiinsOps {

    /** Braiins OS serves its web interface and REST API on port 80 [BOS-REST]. */
    public static final int REST_PORT = 80;
    static final String FIRMWARE_NAME = "Braiins OS";
    /** MinerStatus [BOSAPI-miner]. */
    private static final int NOT_STARTED = 1;
    private static final int NORMAL = 2;
    private static final int PAUSED = 3;
    private static final int SUSPENDED = 4;

    private final BraiinsRest rest;

    public BraiinsOps(BraiinsRest rest) {
        this.rest = rest;
    }

    public CompletableFuture<CommandResult> execute(MinerAccess access, MinerCommand command, Deadline deadline) {
        String action = switch (command.action()) {
            case STOP -> "pause";
            case START -> "resume";
            case RESTART -> "restart";
            case SET_POWER_LIMIT -> null;
            case SET_MODE -> throw new CompletionException(new DriverException(FailureKind.UNSUPPORTED,
                    "Braiins OS tunes to a power or hashrate target, it has no work modes: set a power limit"));
        };
        MinerCredentials credentials = credentials(access);
        MinerEndpoint control = access.controlEndpoint(REST_PORT);
        if (action == null) {
            int watts = command.powerLimitWatts().getAsInt();
            return rest.put(control, credentials, "performance/power-target", "{\"watt\":" + watts + "}", deadline)
                    .thenApply(reply -> {
                        JsonNode set = reply.path("watt");
                        if (!set.canConvertToLong() || set.asLong() != watts) {
                            throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR,
                                    "asked for a power target of " + watts + " W, the miner answered " + reply));
                        }
                        return new CommandResult(command, "power target " + watts + " W");
                    });
        }
        return rest.put(control, credentials, "actions/" + action, null, deadline).thenApply(reply -> {
            if (!reply.isBoolean()) {
                throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR,
                        "actions/" + action + " answered " + reply + ", not a boolean"));
            }
            return new CommandResult(command, reply.asBoolean() ? alreadyMessage(action)
                    : action + (action.endsWith("e") ? "d" : "ed"));
        });
    }

    /**
     * Adds the miner status and the power target when credentials are stored; when the REST API
     * cannot be used (no credentials, refused, unreachable) the reading keeps what the cgminer port
     * told and those values stay absent.
     */
    public CompletableFuture<MinerReading> complete(MinerAccess access, MinerReading reading, Deadline deadline) {
        requireBraiins(reading.firmware());
        Optional<String> version = reading.firmware().map(BraiinsOps::bosminerVersion);
        if (access.credentials().isEmpty()) {
            return CompletableFuture.completedFuture(merge(reading, version, null, null));
        }
        MinerEndpoint control = access.controlEndpoint(REST_PORT);
        MinerCredentials credentials = access.credentials().get();
        return rest.get(control, credentials, "miner/details", deadline)
                .thenCompose(details -> rest.get(control, credentials, "performance/tuner-state", deadline)
                        .handle((tuner, failure) -> merge(reading, version, details, failure == null ? tuner : null)))
                .exceptionally(failure -> merge(reading, version, null, null));
    }

    public CompletableFuture<ProbeResult> probe(MinerAccess access, ProbeResult cgminer, String driverId,
            Set<DriverCapability> capabilities, Deadline deadline) {
        requireBraiins(cgminer.firmware());
        ProbeResult result = new ProbeResult(driverId, cgminer.model(), cgminer.firmware(), cgminer.serialNumber(),
                capabilities);
        if (access.credentials().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return rest.get(access.controlEndpoint(REST_PORT), access.credentials().get(), "miner/details", deadline)
                .handle((details, failure) -> failure != null ? result
                        : new ProbeResult(driverId, cgminer.model(), cgminer.firmware(),
                                text(details.path("serial_number")).or(cgminer::serialNumber), capabilities));
    }

    private static MinerCredentials credentials(MinerAccess access) {
        return access.credentials().orElseThrow(() -> new CompletionException(new DriverException(
                FailureKind.ACCESS_DENIED,
                "no credentials stored for this miner: Braiins OS's REST API needs its user and password")));
    }

    /** An answer from another firmware on the cgminer port is named rather than misread. */
    private static void requireBraiins(Optional<String> firmware) {
        if (firmware.isPresent() && !firmware.get().toLowerCase(Locale.ROOT).contains("bosminer")
                && !firmware.get().toLowerCase(Locale.ROOT).contains("braiins")) {
            throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR,
                    "the miner runs '" + firmware.get() + "', not Braiins OS (BOSminer)"));
        }
    }

    private static String bosminerVersion(String firmware) {
        String[] words = firmware.trim().split("\\s+");
        return words[words.length - 1];
    }

    private static MinerReading merge(MinerReading r, Optional<String> bosminer, JsonNode details, JsonNode tuner) {
        Optional<MinerMode> mode =
                Optional.ofNullable(details).map(d -> d.path("status").asInt(0)).flatMap(status -> switch (status) {
                    case NORMAL -> Optional.of(MinerMode.NORMAL);
                    case PAUSED, SUSPENDED, NOT_STARTED -> Optional.of(MinerMode.SLEEP);
                    default -> Optional.empty();
                });
        Optional<String> version =
                Optional.ofNullable(details).flatMap(d -> text(d.path("bos_version").path("current")))
                        .or(() -> bosminer);
        JsonNode target = tuner == null ? null : tuner.at("/mode_state/powertargetmodestate/current_target/watt");
        MinerReading.Builder merged = r.toBuilder().firmwareName(FIRMWARE_NAME);
        version.ifPresent(merged::firmwareVersion);
        mode.ifPresent(merged::mode);
        if (target != null && target.isNumber() && target.asDouble() >= 0) {
            merged.powerLimitW(target.asDouble());
        }
        return merged.build();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String alreadyMessage(String action) {
        return switch (action) {
            case "pause" -> "already paused";
            case "resume" -> "already mining";
            default -> "already running";
        };
    }
}
