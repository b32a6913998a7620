package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Braiins OS's Public REST API (BOS ≥ 25.07) on the second port, the parts a control driver uses:
 * {@code POST /api/v1/auth/login} → {@code {"token","timeout_s"}} (401 on wrong credentials), the
 * raw token in {@code Authorization}, dropped after an idle time (3600 s, per miner settable) and
 * refreshed by each use; {@code PUT /api/v1/actions/pause|resume|stop|start|restart|reboot}
 * answering a JSON boolean (already in that state); {@code PUT /api/v1/performance/power-target
 * {"watt":N}} → {@code {"watt":N}}; {@code GET /api/v1/miner/status}, {@code /miner/details} and
 * {@code /performance/tuner-state}. Facts and sources: {@code shared/reference/firmware-control.md}
 * §4.2 [BOS-REST] [ASICRS-bos-rest]; error bodies are this simulator's own.
 */
final class BraiinsRestApi extends HttpApi {

    static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(3600);
    /** MinerStatus values [BOSAPI-miner]. */
    static final int NOT_STARTED = 1;
    static final int NORMAL = 2;
    static final int PAUSED = 3;
    static final String VERSION = "25.07";
    private static final String API = "/api/v1/";
    private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final double MIN_POWER_SHARE = 0.3;
    private static final double MAX_POWER_SHARE = 1.1;

    /** What BOS keeps per miner beside the boards: tokens, the paused/stopped flags, the power target. */
    static final class State {
        final Map<String, Long> tokens = new ConcurrentHashMap<>();
        boolean paused;
        boolean stopped;
        long powerTargetWatts;
        long startedAtNanos = System.nanoTime();
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<SimulatedMiner, State> states = new ConcurrentHashMap<>();

    State state(SimulatedMiner miner) {
        return states.computeIfAbsent(miner, m -> {
            State state = new State();
            state.powerTargetWatts = m.model().nominalWatts();
            return state;
        });
    }

    /** @return the status BOS reports: paused or stopped as it was told, unless the boards woke by themselves */
    static int status(State state, SimulatedMiner miner) {
        boolean claimsAsleep = miner.isAsleep() || miner.controlQuirks().contains(ControlQuirk.IGNORES_SLEEP);
        if (state.stopped && claimsAsleep) {
            return NOT_STARTED;
        }
        return state.paused && claimsAsleep ? PAUSED : NORMAL;
    }

    @Override
    Response handle(SimulatedMiner miner, Request request) {
        miner.received(request.method() + " " + request.path());
        if (!request.path().startsWith(API)) {
            return error(404, "Not Found", "no such resource");
        }
        String resource = request.path().substring(API.length());
        State state = state(miner);
        synchronized (state) {
            if (resource.equals("auth/login")) {
                return request.method().equals("POST") ? login(miner, state, request)
                        : error(405, "Method Not Allowed", "use POST");
            }
            if (!authorized(miner, state, request.header("authorization"))) {
                return error(401, "Unauthorized", "missing, invalid or expired token");
            }
            return switch (request.method() + " " + resource) {
                case "PUT actions/pause" -> pause(miner, state, true);
                case "PUT actions/resume" -> pause(miner, state, false);
                case "PUT actions/stop" -> stop(miner, state, true);
                case "PUT actions/start" -> stop(miner, state, false);
                case "PUT actions/restart" -> {
                    boolean running = !state.stopped;
                    state.paused = false;
                    state.stopped = false;
                    miner.restart();
                    state.startedAtNanos = System.nanoTime();
                    yield Response.json(Boolean.toString(running));
                }
                case "PUT actions/reboot" -> {
                    state.tokens.clear();
                    state.paused = false;
                    state.stopped = false;
                    miner.restart();
                    yield Response.json("{}");
                }
                case "PUT performance/power-target" -> powerTarget(miner, state, request);
                case "GET miner/status" -> Response.json("{\"status\":" + status(state, miner) + "}");
                case "GET miner/details" -> Response.json(details(miner, state));
                case "GET performance/tuner-state" -> Response.json(
                        "{\"mode_state\":{\"powertargetmodestate\":{\"current_target\":{\"watt\":"
                                + state.powerTargetWatts + "}}}}");
                default -> error(404, "Not Found", "no such resource");
            };
        }
    }

    private Response login(SimulatedMiner miner, State state, Request request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return error(400, "Bad Request", "the body is not JSON");
        }
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            return error(400, "Bad Request", "username and password are required");
        }
        if (!body.get("username").asText().equals(miner.username())
                || !body.get("password").asText().equals(miner.password())) {
            return error(401, "Unauthorized", "invalid username or password");
        }
        StringBuilder token = new StringBuilder(32);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 32; i++) {
            token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        state.tokens.put(token.toString(), System.nanoTime());
        return Response.json("{\"token\":\"" + token + "\",\"timeout_s\":"
                + miner.sessionTimeoutOr(TOKEN_TIMEOUT).toSeconds() + "}");
    }

    /** The raw token (as asic-rs sends it), valid while used within the idle timeout. */
    private static boolean authorized(SimulatedMiner miner, State state, String token) {
        long now = System.nanoTime();
        long timeout = miner.sessionTimeoutOr(TOKEN_TIMEOUT).toNanos();
        state.tokens.values().removeIf(lastUsed -> now - lastUsed > timeout);
        if (token == null || !state.tokens.containsKey(token)) {
            return false;
        }
        state.tokens.put(token, now);
        return true;
    }

    private static Response pause(SimulatedMiner miner, State state, boolean pause) {
        boolean already = status(state, miner) == (pause ? PAUSED : NORMAL);
        state.paused = pause;
        miner.sleep(pause);
        return Response.json(Boolean.toString(already));
    }

    private static Response stop(SimulatedMiner miner, State state, boolean stop) {
        boolean already = state.stopped == stop;
        if (!already) {
            state.stopped = stop;
            state.paused = false;
            miner.sleep(stop);
        }
        return Response.json(Boolean.toString(already));
    }

    private Response powerTarget(SimulatedMiner miner, State state, Request request) {
        JsonNode watt;
        try {
            watt = json.readTree(request.body()).path("watt");
        } catch (IOException | NullPointerException e) {
            return error(400, "Bad Request", "the body is not JSON");
        }
        long min = Math.round(miner.model().nominalWatts() * MIN_POWER_SHARE);
        long max = Math.round(miner.model().nominalWatts() * MAX_POWER_SHARE);
        if (!watt.canConvertToLong() || watt.asLong() < min || watt.asLong() > max) {
            return error(400, "Bad Request", "power target must be between " + min + " and " + max + " W");
        }
        state.powerTargetWatts = watt.asLong();
        return Response.json("{\"watt\":" + state.powerTargetWatts + "}");
    }

    private static String details(SimulatedMiner miner, State state) {
        long uptime = (System.nanoTime() - state.startedAtNanos) / 1_000_000_000L;
        return "{\"status\":" + status(state, miner) + ",\"serial_number\":\"" + serial(miner)
                + "\",\"bos_version\":{\"current\":\"" + VERSION + "\"},\"miner_identity\":{\"name\":\""
                + miner.model().displayName() + "\"},\"bosminer_uptime_s\":" + (state.stopped ? 0 : uptime)
                + ",\"system_uptime_s\":" + (uptime + 120) + "}";
    }

    static String serial(SimulatedMiner miner) {
        return String.format("BOS%08d", miner.index());
    }

    private static Response error(int status, String reason, String message) {
        return Response.of(status, reason, "application/json", "{\"message\":\"" + message + "\"}");
    }
}
