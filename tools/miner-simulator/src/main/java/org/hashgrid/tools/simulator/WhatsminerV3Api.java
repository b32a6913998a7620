package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whatsminer API v3 (TCP 4433 on a real miner): each message a 4-byte little-endian length and
 * that many bytes of JSON; {@code get.*} reads open, {@code set.*} writes signed with a token of
 * the first 8 characters of Base64(SHA-256(cmd + password + salt + ts)). Codes: 0 success, -1
 * failure, -2 invalid command, -4 no permission. Hashrates in TH/s, power in W.
 */
final class WhatsminerV3Api extends SecondApi {

    static final int SUCCESS = 0;
    static final int FAIL = -1;
    static final int INVALID_COMMAND = -2;
    static final int NO_PERMISSION = -4;
    private static final Set<String> MODES = Set.of("low", "normal", "high");

    private final ObjectMapper mapper = new ObjectMapper();
    private final WhatsminerFirmware firmware;

    WhatsminerV3Api(WhatsminerFirmware firmware) {
        this.firmware = firmware;
    }

    @Override
    int requestLength(byte[] received, int length) {
        if (length < 4) {
            return -1;
        }
        long declared = ByteBuffer.wrap(received, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (declared == 0 || declared > MAX_REQUEST_BYTES) {
            return 4; // answered as invalid: nothing to wait for
        }
        return length >= 4 + declared ? (int) (4 + declared) : -1;
    }

    @Override
    byte[] reply(SimulatedMiner miner, byte[] request) {
        JsonNode json;
        try {
            json = request.length > 4 ? mapper.readTree(new String(request, 4, request.length - 4,
                    StandardCharsets.UTF_8)) : null;
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return frame(FAIL, mapper.getNodeFactory().textNode("invalid json"), "");
        }
        String cmd = json.path("cmd").asText("");
        miner.received(cmd);
        WhatsminerState state = firmware.state(miner);
        if (cmd.startsWith("set.")) {
            if (!authorised(miner, state, cmd, json)) {
                return frame(NO_PERMISSION, mapper.getNodeFactory().textNode("no permission"), cmd);
            }
            return set(miner, state, cmd, json.get("param"));
        }
        return switch (cmd) {
            case "get.device.info" -> frame(SUCCESS, deviceInfo(miner, state, json.path("param").asText("")), cmd);
            case "get.miner.status" -> status(miner, state, json.path("param").asText(""));
            case "get.miner.setting" -> frame(SUCCESS, setting(state), cmd);
            default -> frame(INVALID_COMMAND, mapper.getNodeFactory().textNode("invalid command"), cmd);
        };
    }

    private static boolean authorised(SimulatedMiner miner, WhatsminerState state, String cmd, JsonNode json) {
        JsonNode ts = json.get("ts");
        JsonNode token = json.get("token");
        if (ts == null || !ts.canConvertToLong() || token == null || !miner.username().equals(
                json.path("account").asText())) {
            return false;
        }
        return WhatsminerCrypto.v3Token(cmd, miner.password(), state.salt(), ts.asLong()).equals(token.asText());
    }

    /** @return the reply, or {@code null} for a reboot, which closes without one */
    private byte[] set(SimulatedMiner miner, WhatsminerState state, String cmd, JsonNode param) {
        String value = param == null ? "" : param.asText("");
        switch (cmd) {
            case "set.miner.service" -> {
                switch (value) {
                    case "stop" -> miner.sleep(true);
                    case "start" -> miner.sleep(false);
                    case "restart" -> miner.restart();
                    default -> {
                        return failure(cmd, "invalid param: " + value);
                    }
                }
            }
            case "set.miner.power_limit" -> {
                int nominal = miner.model().nominalWatts();
                if (param == null || !param.canConvertToInt() && !value.matches("\\d{1,9}")) {
                    return failure(cmd, "invalid param: " + value);
                }
                int watts = param.canConvertToInt() ? param.asInt() : Integer.parseInt(value);
                if (watts <= 0 || watts > nominal) {
                    return failure(cmd, "power limit " + watts + " out of range (max " + nominal + ")");
                }
                state.setPowerLimitW(watts);
            }
            case "set.miner.power_mode" -> {
                if (!MODES.contains(value)) {
                    return failure(cmd, "invalid param: " + value);
                }
                state.setPowerMode(value);
            }
            case "set.system.reboot" -> {
                miner.restart();
                return null;
            }
            default -> {
                return frame(INVALID_COMMAND, mapper.getNodeFactory().textNode("invalid command"), cmd);
            }
        }
        return frame(SUCCESS, mapper.getNodeFactory().textNode("ok"), cmd);
    }

    private byte[] failure(String cmd, String message) {
        return frame(FAIL, mapper.getNodeFactory().textNode(message), cmd);
    }

    private JsonNode deviceInfo(SimulatedMiner miner, WhatsminerState state, String param) {
        if (param.isEmpty() || "salt".equals(param)) {
            state.countSaltRequest();
        }
        ObjectNode all = mapper.createObjectNode();
        all.putObject("miner").put("type", miner.model().displayName() + "_VK40")
                .put("working", Boolean.toString(!miner.isAsleep())).put("hash-percent", "100")
                .put("miner-sn", String.format("WM%08d", miner.index()));
        int octet = miner.index() & 0xff;
        all.putObject("network").put("ip", miner.address().getAddress().getHostAddress())
                .put("mac", String.format("CE:02:01:00:%02X:%02X", miner.index() >> 8 & 0xff, octet))
                .put("proto", "dhcp").put("hostname", "WhatsMiner");
        all.putObject("power").put("model", "P221B").put("fanspeed", 6100 + octet % 200).put("mode", "1");
        all.put("salt", state.salt());
        all.putObject("system").put("api", "3.0.2").put("apiswitch", "1").put("fwversion", firmware.firmwareVersion())
                .put("platform", "H616").put("ledstatus", "auto");
        all.putArray("error-code");
        if (param.isEmpty()) {
            return all;
        }
        ObjectNode one = mapper.createObjectNode();
        if (all.has(param)) {
            one.set(param, all.get(param));
        }
        return one;
    }

    private byte[] status(SimulatedMiner miner, WhatsminerState state, String param) {
        MinerSnapshot s = miner.snapshot();
        ObjectNode msg = mapper.createObjectNode();
        for (String section : param.split("\\+")) {
            switch (section) {
                case "summary" -> summary(miner, state, s, msg.putObject("summary"));
                case "pools" -> pools(miner, s, msg.putArray("pools"));
                case "edevs" -> edevs(miner, s, msg.putArray("edevs"));
                default -> {
                    // unknown sections are left out, as the firmware does
                }
            }
        }
        if (msg.isEmpty()) {
            return failure("get.miner.status", "invalid param: " + param);
        }
        return frame(SUCCESS, msg, "get.miner.status");
    }

    private static void summary(SimulatedMiner miner, WhatsminerState state, MinerSnapshot s, ObjectNode out) {
        double chipMax = 0;
        double chipMin = Double.MAX_VALUE;
        double chipSum = 0;
        ArrayNode boards = out.putArray("board-temperature");
        for (int b = 0; b < s.boardTempC().length; b++) {
            chipMax = Math.max(chipMax, s.chipTempC()[b]);
            chipMin = Math.min(chipMin, s.chipTempC()[b] - 6);
            chipSum += s.chipTempC()[b];
            boards.add(round(s.boardTempC()[b]));
        }
        double power = Math.min(s.powerW(), state.powerLimitW());
        out.put("elapsed", s.elapsedSeconds()).put("bootup-time", s.elapsedSeconds() + 240)
                .put("freq-avg", 588).put("factory-hash", miner.model().nominalThs())
                .put("hash-average", round(s.averageThs())).put("hash-1min", round(s.totalThs()))
                .put("hash-realtime", round(s.totalThs()))
                .put("power-rate", s.totalThs() == 0 ? 0 : round(power / s.totalThs()))
                .put("power-5min", round(power)).put("power-realtime", Math.round(power))
                .put("environment-temperature", 26.5).put("chip-temp-min", round(chipMin))
                .put("chip-temp-avg", round(chipSum / s.chipTempC().length)).put("chip-temp-max", round(chipMax))
                .put("power-limit", state.powerLimitW()).put("up-freq-finish", 1)
                .put("fan-speed-in", s.fanRpm()[0]).put("fan-speed-out", s.fanRpm()[1]);
    }

    private static void pools(SimulatedMiner miner, MinerSnapshot s, ArrayNode out) {
        out.addObject().put("id", 1).put("url", "stratum+tcp://pool-a.example:3333").put("status", "alive")
                .put("account", miner.poolUser()).put("stratum-active", s.mining()).put("reject-percent", 0.2)
                .put("last-share-time", s.when() - 3);
        out.addObject().put("id", 2).put("url", "stratum+tcp://pool-b.example:3333").put("status", "alive")
                .put("account", miner.poolUser()).put("stratum-active", false).put("reject-percent", 0)
                .put("last-share-time", 0);
    }

    private static void edevs(SimulatedMiner miner, MinerSnapshot s, ArrayNode out) {
        for (int b = 0; b < s.boardThs().length; b++) {
            out.addObject().put("id", b).put("slot", b).put("hash-average", round(s.boardThs()[b]))
                    .put("factory-hash", round(miner.model().nominalThs() / s.boardThs().length))
                    .put("freq", 588).put("effective-chips", 111).put("chip-temp-min", round(s.chipTempC()[b] - 6))
                    .put("chip-temp-avg", round(s.chipTempC()[b] - 3)).put("chip-temp-max", round(s.chipTempC()[b]));
        }
    }

    private ObjectNode setting(WhatsminerState state) {
        return mapper.createObjectNode().put("power-mode", state.powerMode())
                .put("power-limit", state.powerLimitW()).put("upfreq-speed", 2).put("power-percent", 100)
                .put("fast-hash", "disable");
    }

    private byte[] frame(int code, JsonNode msg, String desc) {
        ObjectNode reply = mapper.createObjectNode().put("code", code).put("when", System.currentTimeMillis() / 1000);
        reply.set("msg", msg);
        byte[] json = reply.put("desc", desc).toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + json.length).order(ByteOrder.LITTLE_ENDIAN).putInt(json.length).put(json)
                .array();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
