package org.hashgrid.driver.whatsminer.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
import org.hashgrid.driver.ProbeResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whatsminer API v3 (firmware of late 2024 on, TCP 4433): reads through {@code get.device.info},
 * {@code get.miner.status} and {@code get.miner.setting}; writes ({@code set.*}) signed with a
 * token made from the miner's salt, cached per miner and fetched again once when the miner says
 * -4. Hashrates are in TH/s and power in W on this API.
 */
public final class ApiV3 {

    static final int SUCCESS = 0;
    static final int FAIL = -1;
    static final int INVALID_COMMAND = -2;
    static final int NO_PERMISSION = -4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply's envelope: {@code {"code":0,"when":…,"msg":…,"desc":"…"}}. */
    record Reply(String cmd, int code, JsonNode msg) {
        String message() {
            return msg.isTextual() ? msg.asText() : msg.toString();
        }
    }

    private final String driverId;
    private final FramedClient client;
    /** The salt each miner's tokens are made from; dropped when the miner refuses a token. */
    private final Map<MinerEndpoint, String> salts = new ConcurrentHashMap<>();

    public ApiV3(String driverId, FramedClient client) {
        this.driverId = driverId;
        this.client = client;
    }

    /** Reads device info, status (summary, pools, boards) and settings, one after the other. */
    public CompletableFuture<MinerReading> read(MinerEndpoint endpoint, Deadline deadline) {
        return get(endpoint, "get.device.info", null, deadline).thenCompose(info -> {
            JsonNode salt = info.msg().get("salt");
            if (salt != null && salt.isTextual()) {
                salts.put(endpoint, salt.asText());
            }
            return optional(get(endpoint, "get.miner.status", "summary+pools+edevs", deadline))
                    .thenCompose(status -> optional(get(endpoint, "get.miner.setting", null, deadline))
                            .thenApply(setting -> reading(info.msg(), status.map(Reply::msg),
                                    setting.map(Reply::msg))));
        });
    }

    public CompletableFuture<ProbeResult> probe(MinerEndpoint endpoint, Deadline deadline,
            Set<DriverCapability> capabilities) {
        return get(endpoint, "get.device.info", null, deadline).thenApply(info -> {
            JsonNode msg = info.msg();
            return new ProbeResult(driverId, Json.text(msg.path("miner").get("type")).map(ApiV3::model),
                    Json.text(msg.path("system").get("fwversion")).map(version -> "btminer " + version),
                    Json.text(msg.path("miner").get("miner-sn")), capabilities);
        });
    }

    /** Performs a command with a token; a refused token is made again once from a fresh salt. */
    public CompletableFuture<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command,
            MinerCredentials credentials, Deadline deadline) {
        String cached = salts.get(endpoint);
        CompletableFuture<String> salt = cached != null ? CompletableFuture.completedFuture(cached)
                : fetchSalt(endpoint, deadline);
        return salt.thenCompose(s -> set(endpoint, command, credentials, s, deadline)).thenCompose(reply -> {
            if (reply.code() != NO_PERMISSION || cached == null) {
                return CompletableFuture.completedFuture(result(command, reply, credentials));
            }
            // the salt may have changed since it was cached: fetch it and try exactly once more
            salts.remove(endpoint, cached);
            return fetchSalt(endpoint, deadline).thenCompose(s -> set(endpoint, command, credentials, s, deadline))
                    .thenApply(again -> result(command, again, credentials));
        });
    }

    private CompletableFuture<String> fetchSalt(MinerEndpoint endpoint, Deadline deadline) {
        return get(endpoint, "get.device.info", "salt", deadline).thenApply(reply -> {
            Optional<String> salt = Json.text(reply.msg().get("salt"));
            if (salt.isEmpty()) {
                throw Failures.wrap(DriverException.protocolError("Whatsminer API v3 named no salt",
                        bytes(reply.msg()), bytes(reply.msg()).length));
            }
            salts.put(endpoint, salt.get());
            return salt.get();
        });
    }

    private CompletableFuture<Reply> set(MinerEndpoint endpoint, MinerCommand command, MinerCredentials credentials,
            String salt, Deadline deadline) {
        String cmd;
        ObjectNode request = JSON.createObjectNode();
        switch (command.action()) {
            case STOP, START, RESTART -> {
                cmd = "set.miner.service";
                request.put("param", command.action().name().toLowerCase(Locale.ROOT));
            }
            case SET_POWER_LIMIT -> {
                cmd = "set.miner.power_limit";
                request.put("param", command.powerLimitWatts().getAsInt());
            }
            case SET_MODE -> {
                cmd = "set.miner.power_mode";
                request.put("param", modeWord(command.mode().orElseThrow()));
            }
            default -> throw new IllegalArgumentException(command.toString());
        }
        long ts = Instant.now().getEpochSecond();
        request.put("ts", ts).put("token", WhatsminerCrypto.v3Token(cmd, credentials.password(), salt, ts))
                .put("account", credentials.username());
        return call(endpoint, cmd, request, deadline);
    }

    private static CommandResult result(MinerCommand command, Reply reply, MinerCredentials credentials) {
        switch (reply.code()) {
            case SUCCESS -> {
                return new CommandResult(command, reply.cmd() + ": " + reply.message());
            }
            case NO_PERMISSION -> throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED,
                    "Whatsminer API v3 refused " + reply.cmd() + " to account '" + credentials.username()
                            + "' (code -4, no permission): wrong password or account, or the API is switched off"));
            case INVALID_COMMAND -> throw Failures.wrap(new DriverException(FailureKind.UNSUPPORTED,
                    "this Whatsminer's API v3 does not know " + reply.cmd() + " (code -2)"));
            case FAIL -> throw Failures.wrap(new DriverException(FailureKind.UNSUPPORTED,
                    "the Whatsminer refused " + command + " (" + reply.cmd() + ", code -1): " + reply.message()));
            default -> throw Failures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR,
                    "Whatsminer API v3 answered " + reply.cmd() + " with unknown code " + reply.code() + ": "
                            + reply.message()));
        }
    }

    /** A read command; anything but success fails. */
    private CompletableFuture<Reply> get(MinerEndpoint endpoint, String cmd, String param, Deadline deadline) {
        ObjectNode request = JSON.createObjectNode();
        if (param != null) {
            request.put("param", param);
        }
        return call(endpoint, cmd, request, deadline).thenApply(reply -> {
            if (reply.code() == SUCCESS) {
                return reply;
            }
            if (reply.code() == NO_PERMISSION) {
                throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED, "Whatsminer API v3 refused " + cmd
                        + (param == null ? "" : " " + param) + " (code -4): this host is not admitted"));
            }
            throw Failures.wrap(new DriverException(
                    reply.code() == INVALID_COMMAND ? FailureKind.UNSUPPORTED : FailureKind.PROTOCOL_ERROR,
                    "Whatsminer API v3 answered " + cmd + " with code " + reply.code() + ": " + reply.message()));
        });
    }

    private static CompletableFuture<Optional<Reply>> optional(CompletableFuture<Reply> reply) {
        // an idle firmware may refuse status sections (-1) while device info answers
        return reply.handle((value, failure) -> {
            if (failure == null) {
                return Optional.of(value);
            }
            DriverException cause = DriverException.unwrap(failure);
            if (cause.kind() == FailureKind.UNSUPPORTED || cause.kind() == FailureKind.PROTOCOL_ERROR
                    && cause.replyExcerpt().isEmpty()) {
                return Optional.empty();
            }
            throw Failures.wrap(cause);
        });
    }

    private CompletableFuture<Reply> call(MinerEndpoint endpoint, String cmd, ObjectNode request, Deadline deadline) {
        ObjectNode full = JSON.createObjectNode().put("cmd", cmd);
        full.setAll(request);
        return client.ask(endpoint, bytes(full), deadline).thenApply(reply -> {
            JsonNode code = reply.get("code");
            if (code == null || !code.canConvertToInt() || !reply.has("msg")) {
                byte[] raw = bytes(reply);
                throw Failures.wrap(DriverException.protocolError(
                        "not a Whatsminer API v3 reply (no code and msg)", raw, raw.length));
            }
            return new Reply(cmd, code.asInt(), reply.get("msg"));
        });
    }

    /** Maps device info, the status sections and the settings to a reading; TH/s and W as given. */
    static MinerReading reading(JsonNode info, Optional<JsonNode> status, Optional<JsonNode> setting) {
        MinerReading.Builder reading = MinerReading.builder(Instant.now()).firmwareName("Whatsminer");
        Json.text(info.path("miner").get("type")).map(ApiV3::model).ifPresent(reading::model);
        Json.text(info.path("system").get("fwversion")).ifPresent(version -> reading.firmwareVersion(version)
                .firmware("btminer " + version));
        Json.text(info.path("network").get("mac")).map(mac -> mac.toUpperCase(Locale.ROOT))
                .ifPresent(reading::macAddress);
        Json.number(info.path("power").get("fanspeed")).ifPresent(rpm -> reading.psuFanRpm((int) rpm));
        reading.errors(errors(info.get("error-code")));
        boolean working = !info.path("miner").has("working") || Json.isTrue(info.path("miner").get("working"));
        Optional<MinerMode> mode = working
                ? setting.flatMap(s -> Json.powerMode(s.get("power-mode")))
                : Optional.of(MinerMode.SLEEP);
        mode.ifPresent(reading::mode);
        JsonNode summary = status.map(s -> s.path("summary")).orElse(JSON.missingNode());
        setting.map(s -> Json.number(s.get("power-limit"))).orElse(Json.number(summary.get("power-limit")))
                .ifPresent(reading::powerLimitW);
        Json.number(summary.get("hash-realtime")).ifPresent(reading::hashrateThs);
        Json.number(summary.get("hash-average")).ifPresent(reading::averageHashrateThs);
        Json.number(summary.get("factory-hash")).ifPresent(reading::nominalHashrateThs);
        Json.number(summary.get("power-realtime")).ifPresent(reading::powerW);
        Json.number(summary.get("elapsed")).ifPresent(seconds -> reading.uptimeSeconds((long) seconds));
        List<Integer> fans = new ArrayList<>();
        for (String fan : List.of("fan-speed-in", "fan-speed-out")) {
            Json.number(summary.get(fan)).ifPresent(rpm -> fans.add((int) rpm));
        }
        reading.fanRpms(fans);
        List<Double> boardTemps = temperatures(summary.get("board-temperature"));
        JsonNode edevs = status.map(s -> s.path("edevs")).orElse(JSON.missingNode());
        reading.boards(boards(edevs, boardTemps));
        reading.boardTemperaturesC(boardTemps);
        if (!edevs.isArray() || edevs.isEmpty()) {
            Json.temperature(summary.get("chip-temp-max")).ifPresent(reading::maxTemperatureC);
        }
        List<PoolReading> pools = pools(status.map(s -> s.path("pools")).orElse(JSON.missingNode()));
        reading.pools(pools);
        pools.stream().filter(pool -> pool.active().orElse(false)).findFirst().ifPresent(pool -> {
            reading.poolUrl(pool.url());
            pool.user().ifPresent(reading::poolUser);
        });
        return reading.build();
    }

    private static List<BoardReading> boards(JsonNode edevs, List<Double> boardTemps) {
        List<BoardReading> boards = new ArrayList<>();
        if (!edevs.isArray()) {
            return boards;
        }
        for (JsonNode dev : edevs) {
            int index = (int) Json.number(dev.has("slot") ? dev.get("slot") : dev.get("id")).orElse(boards.size());
            List<Double> chips = new ArrayList<>();
            for (String key : List.of("chip-temp-min", "chip-temp-avg", "chip-temp-max")) {
                Json.temperature(dev.get(key)).ifPresent(chips::add);
            }
            OptionalDouble found = Json.number(dev.get("effective-chips"));
            boards.add(new BoardReading(index, Json.number(dev.get("hash-average")),
                    Json.number(dev.get("factory-hash")),
                    index < boardTemps.size() ? List.of(boardTemps.get(index)) : List.of(), chips,
                    found.isPresent() ? OptionalInt.of((int) found.getAsDouble()) : OptionalInt.empty(),
                    OptionalInt.empty(), OptionalLong.empty()));
        }
        return boards;
    }

    private static List<PoolReading> pools(JsonNode pools) {
        List<PoolReading> readings = new ArrayList<>();
        if (!pools.isArray()) {
            return readings;
        }
        int priority = 0;
        for (JsonNode pool : pools) {
            Optional<String> url = Json.text(pool.get("url"));
            if (url.isEmpty()) {
                continue;
            }
            int index = (int) Json.number(pool.get("id")).orElse(priority);
            PoolReading reading = PoolReading.of(index, url.get()).withPriority(priority++)
                    .withActive(Json.isTrue(pool.get("stratum-active")));
            reading = Json.text(pool.get("account")).map(reading::withUser).orElse(reading);
            reading = Json.text(pool.get("status")).map(reading::withStatus).orElse(reading);
            readings.add(reading);
        }
        return readings;
    }

    private static List<Double> temperatures(JsonNode values) {
        List<Double> temperatures = new ArrayList<>();
        if (values != null && values.isArray()) {
            for (JsonNode value : values) {
                Json.temperature(value).ifPresent(temperatures::add);
            }
        }
        return temperatures;
    }

    private static List<String> errors(JsonNode codes) {
        List<String> errors = new ArrayList<>();
        if (codes != null && codes.isArray()) {
            for (JsonNode code : codes) {
                errors.add(code.isValueNode() ? code.asText() : code.toString());
            }
        }
        return errors;
    }

    /** {@code M60S_VK40} is model M60S with chip bin VK40: the model is the part before the underscore. */
    static String model(String type) {
        int underscore = type.indexOf('_');
        return underscore > 0 ? type.substring(0, underscore) : type;
    }

    static String modeWord(MinerMode mode) {
        return switch (mode) {
            case LOW_POWER -> "low";
            case NORMAL -> "normal";
            case HIGH_PERFORMANCE -> "high";
            case SLEEP -> throw new IllegalArgumentException("sleep is STOP");
        };
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
