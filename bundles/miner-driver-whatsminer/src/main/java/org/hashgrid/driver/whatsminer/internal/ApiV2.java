package org.hashgrid.driver.whatsminer.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.cgminer.rpc.CgminerRpc;
import org.hashgrid.driver.whatsminer.internal.WhatsminerCrypto.V2Token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whatsminer API v2 (btminer until late 2024, TCP 4028). Reads are the CGMiner driver's, plus
 * {@code status} for what only btminer knows (mining off, power mode, power limit). Writes are
 * encrypted: a token from {@code get_token} (md5-crypt key and sign), the command AES-256-ECB
 * encrypted with SHA-256 of the key, sent once through the shared CGMiner transport. A token is
 * reused for a while and fetched again once when the miner says 135 (expired), never more.
 */
public final class ApiV2 {

    static final int OK = 131;
    static final int COMMAND_ERROR = 132;
    static final int TOKEN_OK = 134;
    static final int TOKEN_ERROR = 135;
    static final int TOKEN_LIMIT = 136;
    static final int INVALID_COMMAND = 14;
    static final int PERMISSION_DENIED = 45;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATUS = "{\"cmd\":\"status\"}";
    private static final String GET_TOKEN = "{\"cmd\":\"get_token\"}";

    /** A token obtained for a miner with some credentials. */
    private record Session(MinerCredentials credentials, V2Token token, long obtainedAt) {
    }

    /** What btminer's {@code status} says. */
    record MinerStatus(boolean off, Optional<MinerMode> powerMode, OptionalDouble powerLimitW,
            Optional<String> firmwareVersion) {
    }

    /** A reply's code and message; {@code encrypted} when it came in {@code enc}. */
    private record Answer(int code, JsonNode msg) {
        String message() {
            return msg == null ? "" : msg.isTextual() ? msg.asText() : msg.toString();
        }
    }

    private final String driverId;
    private final MinerDriver cgminer;
    private final CgminerRpc rpc;
    private final Duration tokenReuse;
    private final Map<MinerEndpoint, Session> sessions = new ConcurrentHashMap<>();

    public ApiV2(String driverId, MinerDriver cgminer, CgminerRpc rpc, Duration tokenReuse) {
        this.driverId = driverId;
        this.cgminer = cgminer;
        this.rpc = rpc;
        this.tokenReuse = tokenReuse;
    }

    /** The CGMiner driver's reading and btminer's status, asked together (the transport serialises them). */
    public CompletableFuture<MinerReading> read(MinerEndpoint endpoint, Deadline deadline) {
        CompletableFuture<MinerReading> cgminerReading = cgminer.read(endpoint, deadline.remaining())
                .toCompletableFuture();
        CompletableFuture<Optional<MinerStatus>> status = rpc.exchange(endpoint, STATUS, deadline.remaining())
                .toCompletableFuture().handle((reply, failure) -> failure == null ? status(reply) : Optional.empty());
        return status.thenCompose(st -> cgminerReading.handle((reading, failure) -> {
            if (failure == null) {
                if (st.isEmpty() && !speaksBtminer(reading)) {
                    throw Failures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR, "not a Whatsminer: it reports "
                            + reading.firmware().orElse("no firmware") + " and does not know btminer's status"));
                }
                return st.map(s -> merge(reading, s)).orElse(reading);
            }
            if (st.isPresent() && st.get().off()) {
                // btminer's cgminer reads may fail while mining is off; status still answers
                return sleeping(st.get());
            }
            throw Failures.wrap(named(DriverException.unwrap(failure)));
        }));
    }

    public CompletableFuture<ProbeResult> probe(MinerEndpoint endpoint, Deadline deadline,
            Set<DriverCapability> capabilities) {
        return cgminer.probe(endpoint, deadline.remaining()).toCompletableFuture().handle((probe, failure) -> {
            if (failure != null) {
                throw Failures.wrap(named(DriverException.unwrap(failure)));
            }
            if (probe.firmware().map(f -> f.toLowerCase(Locale.ROOT).contains("btminer")).orElse(false)) {
                return new ProbeResult(driverId, probe.model(), probe.firmware(), probe.serialNumber(), capabilities);
            }
            throw Failures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR,
                    "not a Whatsminer: it reports " + probe.firmware().orElse("no firmware")));
        });
    }

    /**
     * Sends the command encrypted with a token; a cached token the miner calls expired (135) is
     * replaced once. A command sent without a reply is acknowledged as sent, outcome unknown.
     */
    public CompletableFuture<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command,
            MinerCredentials credentials, Deadline deadline) {
        ObjectNode body = body(command);
        Session cached = sessions.get(endpoint);
        boolean reuse = cached != null && cached.credentials().equals(credentials)
                && System.nanoTime() - cached.obtainedAt() < tokenReuse.toNanos();
        CompletableFuture<Session> session = reuse ? CompletableFuture.completedFuture(cached)
                : fetchToken(endpoint, credentials, deadline);
        return session.thenCompose(s -> send(endpoint, body, s, deadline)).thenCompose(answer -> {
            if (reuse && answer.isPresent() && answer.get().code() == TOKEN_ERROR) {
                sessions.remove(endpoint, cached);
                return fetchToken(endpoint, credentials, deadline).thenCompose(s -> send(endpoint, body, s, deadline))
                        .thenApply(again -> result(command, body, again));
            }
            return CompletableFuture.completedFuture(result(command, body, answer));
        });
    }

    private CompletableFuture<Session> fetchToken(MinerEndpoint endpoint, MinerCredentials credentials,
            Deadline deadline) {
        return rpc.exchange(endpoint, GET_TOKEN, deadline.remaining()).toCompletableFuture().thenApply(reply -> {
            Answer answer = answer(reply);
            JsonNode msg = answer.msg();
            if (answer.code() == TOKEN_OK && msg != null && msg.isObject()) {
                Optional<String> time = Json.text(msg.get("time"));
                Optional<String> salt = Json.text(msg.get("salt"));
                Optional<String> newSalt = Json.text(msg.get("newsalt"));
                if (time.isPresent() && salt.isPresent() && newSalt.isPresent()) {
                    try {
                        Session session = new Session(credentials, WhatsminerCrypto.v2Token(credentials.password(),
                                time.get(), salt.get(), newSalt.get()), System.nanoTime());
                        sessions.put(endpoint, session);
                        return session;
                    } catch (IllegalArgumentException e) {
                        throw Failures.wrap(protocolError("get_token gave a salt md5-crypt cannot take", reply));
                    }
                }
            }
            if (answer.code() == TOKEN_LIMIT || answer.message().toLowerCase(Locale.ROOT).contains("over max")) {
                throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED, "the Whatsminer issues no more "
                        + "API v2 tokens to this host (code " + answer.code() + ", \"" + answer.message()
                        + "\"): its limit of tokens per client is reached until some expire (30 min)"));
            }
            throw Failures.wrap(refusal("get_token", answer, reply));
        });
    }

    private CompletableFuture<Optional<Answer>> send(MinerEndpoint endpoint, ObjectNode body, Session session,
            Deadline deadline) {
        ObjectNode plaintext = body.deepCopy().put("token", session.token().sign());
        String request = JSON.createObjectNode().put("enc", 1)
                .put("data", WhatsminerCrypto.encrypt(session.token().aesKey(), plaintext.toString())).toString();
        return rpc.sendOnce(endpoint, request, deadline.remaining()).toCompletableFuture()
                .thenApply(reply -> reply.map(root -> decrypted(root, session)));
    }

    private static Answer decrypted(JsonNode root, Session session) {
        JsonNode enc = root.get("enc");
        if (enc == null || !enc.isTextual()) {
            return answer(root); // errors come back in the clear
        }
        Optional<JsonNode> plain = WhatsminerCrypto.decrypt(session.token().aesKey(), enc.asText())
                .flatMap(ApiV2::parse);
        if (plain.isEmpty()) {
            throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED, "the Whatsminer's API v2 reply does "
                    + "not decrypt with the key made from the stored password: wrong password?"));
        }
        return answer(plain.get());
    }

    private static CommandResult result(MinerCommand command, ObjectNode body, Optional<Answer> reply) {
        String cmd = body.path("cmd").asText();
        if (reply.isEmpty()) {
            return new CommandResult(command, cmd + " sent, no reply: btminer may act before it answers " + cmd
                    + ", so the outcome is unknown until a read confirms it");
        }
        Answer answer = reply.get();
        if (answer.code() == OK) {
            return new CommandResult(command, cmd + ": " + answer.message());
        }
        if (answer.code() == TOKEN_ERROR) {
            throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED, "the Whatsminer rejected the API v2 "
                    + "token it had just issued (code 135) for " + cmd + ": wrong password"));
        }
        if (answer.code() == TOKEN_LIMIT) {
            throw Failures.wrap(new DriverException(FailureKind.ACCESS_DENIED, "the Whatsminer refused " + cmd
                    + ": too many API v2 tokens in use (code 136, \"" + answer.message() + "\")"));
        }
        if (answer.code() == COMMAND_ERROR) {
            throw Failures.wrap(new DriverException(FailureKind.UNSUPPORTED,
                    "the Whatsminer refused " + command + " (" + cmd + ", code 132): " + answer.message()));
        }
        throw Failures.wrap(refusal(cmd, answer, null));
    }

    /** 45 and 14 mean the same for every command; anything else is not understood. */
    private static DriverException refusal(String cmd, Answer answer, JsonNode reply) {
        if (answer.code() == PERMISSION_DENIED) {
            return new DriverException(FailureKind.ACCESS_DENIED, "the Whatsminer's write API is disabled (code 45, "
                    + "\"" + answer.message() + "\" to " + cmd + "): enable it with WhatsMinerTool");
        }
        if (answer.code() == INVALID_COMMAND) {
            return new DriverException(FailureKind.UNSUPPORTED,
                    "this Whatsminer's API v2 does not know " + cmd + " (code 14): firmware too old or too new");
        }
        String text = "Whatsminer API v2 answered " + cmd + " with code " + answer.code() + ": " + answer.message();
        return reply == null ? new DriverException(FailureKind.PROTOCOL_ERROR, text) : protocolError(text, reply);
    }

    private static ObjectNode body(MinerCommand command) {
        ObjectNode body = JSON.createObjectNode();
        switch (command.action()) {
            case STOP -> body.put("cmd", "power_off").put("respbefore", "true");
            case START -> body.put("cmd", "power_on");
            case RESTART -> body.put("cmd", "restart_btminer");
            case SET_POWER_LIMIT -> body.put("cmd", "adjust_power_limit")
                    .put("power_limit", Integer.toString(command.powerLimitWatts().getAsInt()));
            case SET_MODE -> body.put("cmd", "set_" + ApiV3.modeWord(command.mode().orElseThrow()) + "_power");
            default -> throw new IllegalArgumentException(command.toString());
        }
        return body;
    }

    /** @return btminer's status, or empty when the reply is not one (older builds, other firmware) */
    static Optional<MinerStatus> status(JsonNode reply) {
        Answer answer = answer(reply);
        JsonNode msg = answer.msg();
        if (answer.code() != OK || msg == null || !msg.isObject()) {
            return Optional.empty();
        }
        boolean off = Json.isTrue(msg.get("mineroff")) || Json.isTrue(msg.get("btmineroff"));
        return Optional.of(new MinerStatus(off, Json.powerMode(msg.get("power_mode")),
                Json.number(msg.get("power_limit_set")).stream().filter(w -> w > 0).findFirst(),
                Json.text(msg.get("FirmwareVersion"))));
    }

    /** The CGMiner reading with what status adds: mode, power limit, firmware name and version. */
    static MinerReading merge(MinerReading r, MinerStatus status) {
        MinerReading.Builder merged = r.toBuilder();
        if (r.firmwareName().isEmpty()) {
            merged.firmwareName("Whatsminer");
        }
        if (r.firmwareVersion().isEmpty()) {
            status.firmwareVersion().ifPresent(merged::firmwareVersion);
        }
        (status.off() ? Optional.of(MinerMode.SLEEP) : status.powerMode()).ifPresent(merged::mode);
        status.powerLimitW().ifPresent(merged::powerLimitW);
        return merged.build();
    }

    /** A miner whose mining is off, when its cgminer reads fail: no hashing, what status tells. */
    private static MinerReading sleeping(MinerStatus status) {
        MinerReading.Builder reading = MinerReading.builder(Instant.now()).hashrateThs(0).mode(MinerMode.SLEEP)
                .firmwareName("Whatsminer");
        status.powerLimitW().ifPresent(reading::powerLimitW);
        status.firmwareVersion().ifPresent(reading::firmwareVersion);
        return reading.build();
    }

    private static boolean speaksBtminer(MinerReading reading) {
        return reading.firmware().map(f -> f.toLowerCase(Locale.ROOT).contains("btminer")).orElse(false)
                || reading.firmwareName().map("Whatsminer"::equalsIgnoreCase).orElse(false);
    }

    /** A protocol error names the API it expected; other failures stay as they are. */
    private static DriverException named(DriverException failure) {
        if (failure.kind() != FailureKind.PROTOCOL_ERROR) {
            return failure;
        }
        return new DriverException(FailureKind.PROTOCOL_ERROR,
                "not a Whatsminer API v2 (btminer) reply: " + failure.getMessage(), failure);
    }

    /** The code and message of a btminer envelope, or of a cgminer-style STATUS section. */
    private static Answer answer(JsonNode reply) {
        JsonNode envelope = reply;
        if (!reply.has("Code") && reply.path("STATUS").isArray() && !reply.path("STATUS").isEmpty()) {
            envelope = reply.path("STATUS").get(0);
        }
        JsonNode code = envelope.get("Code");
        int value = code != null && Json.number(code).isPresent() ? (int) Json.number(code).getAsDouble() : -1;
        return new Answer(value, envelope.get("Msg"));
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static DriverException protocolError(String message, JsonNode reply) {
        byte[] bytes = reply.toString().getBytes(StandardCharsets.UTF_8);
        return DriverException.protocolError(message, bytes, bytes.length);
    }
}
