package org.hashgrid.tools.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * MicroBT btminer. Its cgminer-compatible reads: MH/s keys, power and fans in summary, one devs
 * record per hashboard and the model in devdetails; it knows neither version nor stats. Firmware
 * with API v2 also serves, on the same port, {@code status}, {@code get_token} and the encrypted
 * write commands (md5-crypt key and sign, AES-256-ECB); firmware with API v3 serves the
 * length-prefixed API on its second port instead ({@link WhatsminerV3Api}).
 */
final class WhatsminerFirmware extends Firmware {

    private static final double MHS_PER_THS = 1_000_000;
    /** API v2 message codes (Whatsminer API 2.0.5). */
    static final int OK = 131;
    static final int COMMAND_ERROR = 132;
    static final int TOKEN_OK = 134;
    static final int TOKEN_ERROR = 135;
    static final int TOKEN_LIMIT = 136;
    static final int BASE64_ERROR = 137;
    static final int INVALID_COMMAND = 14;
    static final int PERMISSION_DENIED = 45;

    private final ObjectMapper mapper = new ObjectMapper();
    private final boolean apiV3;
    private final Map<SimulatedMiner, WhatsminerState> states = new ConcurrentHashMap<>();
    private final SecondApi v3;

    WhatsminerFirmware(boolean apiV3) {
        this.apiV3 = apiV3;
        this.v3 = apiV3 ? new WhatsminerV3Api(this) : null;
    }

    WhatsminerState state(SimulatedMiner miner) {
        return states.computeIfAbsent(miner, WhatsminerState::new);
    }

    @Override
    SecondApi secondApi() {
        return v3;
    }

    @Override
    byte[] answerOwn(SimulatedMiner miner, JsonNode request) {
        if (request.has("enc")) {
            return encrypted(miner, request);
        }
        JsonNode cmd = request.get("cmd");
        String name = cmd != null ? cmd.asText() : request.path("command").asText();
        switch (name) {
            case "get_token" -> {
                miner.received(name);
                return apiV3 ? plain(INVALID_COMMAND, "invalid cmd") : token(miner);
            }
            case "status" -> {
                miner.received(name);
                return status(miner);
            }
            default -> {
                // other "cmd" requests are writes sent in the clear, or unknown; "command" ones are cgminer reads
                return cmd == null ? null : plain(INVALID_COMMAND, "invalid cmd");
            }
        }
    }

    private byte[] token(SimulatedMiner miner) {
        WhatsminerState state = state(miner);
        String[] token = state.issueToken(miner.password());
        if (token == null) {
            return plain(TOKEN_LIMIT, "token over max times");
        }
        ObjectNode msg = mapper.createObjectNode().put("time", token[0]).put("salt", state.salt()).put("newsalt",
                token[1]);
        return bytes(envelope("S", TOKEN_OK, msg));
    }

    private byte[] status(SimulatedMiner miner) {
        WhatsminerState state = state(miner);
        ObjectNode msg = mapper.createObjectNode().put("mineroff", Boolean.toString(miner.isAsleep()))
                .put("mineroff_reason", "").put("mineroff_time", "").put("FirmwareVersion", firmwareVersion())
                .put("power_mode", state.powerMode()).put("power_limit_set", Integer.toString(state.powerLimitW()))
                .put("hash_percent", "100");
        return bytes(envelope("S", OK, msg));
    }

    /** A write: refused when the write API is off, then decrypted, its token checked, performed. */
    private byte[] encrypted(SimulatedMiner miner, JsonNode request) {
        if (apiV3) {
            return plain(INVALID_COMMAND, "invalid cmd");
        }
        if (!miner.privilegedAccess()) {
            return plain(PERMISSION_DENIED, "permission denied");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(request.path("data").asText());
        } catch (IllegalArgumentException e) {
            return plain(BASE64_ERROR, "base64 decode error");
        }
        WhatsminerState state = state(miner);
        byte[] key = state.aesKey(miner.password());
        String plaintext = WhatsminerCrypto.decrypt(key, data);
        JsonNode command;
        try {
            command = plaintext == null ? null : mapper.readTree(plaintext);
        } catch (JsonProcessingException e) {
            command = null;
        }
        // a key made from another password decrypts to noise: to the miner, a token it cannot check
        if (command == null || !command.isObject() || !state.validToken(command.path("token").asText())) {
            return plain(TOKEN_ERROR, "check token error");
        }
        String name = command.has("cmd") ? command.path("cmd").asText() : command.path("command").asText();
        miner.received(name);
        ObjectNode reply = perform(miner, state, name, command);
        return reply == null ? NO_REPLY : encryptedReply(key, reply);
    }

    /** @return the reply envelope, or {@code null} when the firmware acts without answering */
    private ObjectNode perform(SimulatedMiner miner, WhatsminerState state, String name, JsonNode command) {
        switch (name) {
            case "power_off" -> {
                miner.sleep(true);
                boolean before = "true".equals(command.path("respbefore").asText());
                return before && !state.actsBeforeReplying() ? ok() : null;
            }
            case "power_on" -> {
                miner.sleep(false);
                return ok();
            }
            case "restart_btminer" -> {
                miner.restart();
                return ok();
            }
            case "reboot" -> {
                miner.restart();
                return null;
            }
            case "set_low_power", "set_normal_power", "set_high_power" -> {
                state.setPowerMode(name.substring("set_".length(), name.length() - "_power".length()));
                return null;
            }
            case "adjust_power_limit" -> {
                return adjustPowerLimit(miner, state, command.path("power_limit").asText());
            }
            default -> {
                return envelope("E", INVALID_COMMAND, mapper.getNodeFactory().textNode("invalid cmd"));
            }
        }
    }

    private ObjectNode adjustPowerLimit(SimulatedMiner miner, WhatsminerState state, String value) {
        int watts;
        try {
            watts = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return envelope("E", COMMAND_ERROR, mapper.getNodeFactory().textNode("invalid power_limit: " + value));
        }
        int nominal = miner.model().nominalWatts();
        if (watts <= 0 || watts > nominal) {
            return envelope("E", COMMAND_ERROR, mapper.getNodeFactory()
                    .textNode("power_limit " + watts + " out of range: cannot exceed ordinary power " + nominal));
        }
        state.setPowerLimitW(watts);
        return ok();
    }

    private ObjectNode ok() {
        return envelope("S", OK, mapper.getNodeFactory().textNode("API command OK"));
    }

    private ObjectNode envelope(String status, int code, JsonNode msg) {
        ObjectNode envelope = mapper.createObjectNode().put("STATUS", status)
                .put("When", System.currentTimeMillis() / 1000).put("Code", code);
        envelope.set("Msg", msg);
        return envelope.put("Description", "");
    }

    private byte[] plain(int code, String message) {
        return bytes(envelope("E", code, mapper.getNodeFactory().textNode(message)));
    }

    private byte[] encryptedReply(byte[] key, ObjectNode reply) {
        return bytes(mapper.createObjectNode().put("enc", WhatsminerCrypto.encrypt(key, reply.toString())));
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    String firmwareVersion() {
        return apiV3 ? "20250214.16.Rel2" : "20200917.22.REL";
    }

    @Override
    String description() {
        return "btminer";
    }

    @Override
    Set<String> reports() {
        return Set.of("summary", "devs", "edevs", "pools", "devdetails");
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        switch (command) {
            case "summary" -> summary(miner, s, out);
            case "devs", "edevs" -> devs(miner, s, out);
            case "pools" -> pools(miner, s, out);
            case "devdetails" -> devdetails(miner, s, out);
            default -> throw new IllegalArgumentException(command);
        }
    }

    private void summary(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        WhatsminerState state = state(miner);
        double power = Math.min(s.powerW(), state.powerLimitW());
        double now = s.totalThs() * MHS_PER_THS;
        double chipMax = 0;
        double chipSum = 0;
        double boardSum = 0;
        for (int b = 0; b < s.chipTempC().length; b++) {
            chipMax = Math.max(chipMax, s.chipTempC()[b]);
            chipSum += s.chipTempC()[b];
            boardSum += s.boardTempC()[b];
        }
        int boards = s.boardThs().length;
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds())
                .numOrNan("MHS av", s.averageThs() * MHS_PER_THS, 2).num("MHS 5s", now, 2).num("MHS 1m", now, 2)
                .num("MHS 5m", now, 2).num("MHS 15m", now, 2).num("HS RT", now, 2);
        shareCounters(s, out);
        out.num("Total MH", s.averageThs() * MHS_PER_THS * s.elapsedSeconds(), 4)
                .num("Temperature", boardSum / boards, 2).num("freq_avg", 580)
                .num("Fan Speed In", s.fanRpm()[0]).num("Fan Speed Out", s.fanRpm()[1]).num("Voltage", 1260)
                .num("Power", Math.round(power)).num("Power_RT", Math.round(power))
                .num("Power Rate", s.totalThs() == 0 ? 0 : power / s.totalThs(), 2)
                .num("Power Limit", state.powerLimitW())
                .num("Uptime", s.elapsedSeconds() + 240).num("Chip Temp Min", chipSum / boards - 5, 2)
                .num("Chip Temp Max", chipMax, 2).num("Chip Temp Avg", chipSum / boards, 2)
                .num("Env Temp", 26.5, 2).num("Power Fanspeed", 6240).num("Error Code Count", 0)
                .num("Target MHS", miner.model().nominalThs() * MHS_PER_THS, 2)
                .num("Factory GHS", miner.model().nominalThs() * 1000, 0)
                .str("Power Mode", capitalized(state.powerMode()))
                .singleQuotedVersion("Firmware Version", firmwareVersion())
                .str("btmineroff", s.mining() ? "false" : "true")
                .str("MAC", String.format("C4:0B:%02X:%02X:%02X:%02X", 0x11, (miner.index() >> 16) & 0xff,
                        (miner.index() >> 8) & 0xff, miner.index() & 0xff))
                .end().end();
    }

    private static void devs(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.array("DEVS");
        for (int b = 0; b < s.boardThs().length; b++) {
            double mhs = s.boardThs()[b] * MHS_PER_THS;
            out.object().num("ASC", b).str("Name", "SM").num("ID", b).num("Slot", b).str("Enabled", "Y")
                    .str("Status", "Alive").num("Temperature", s.boardTempC()[b], 2).num("Chip Frequency", 580)
                    .num("Fan Speed In", s.fanRpm()[0]).num("Fan Speed Out", s.fanRpm()[1]).num("MHS av", mhs, 2)
                    .num("MHS 5s", mhs, 2).num("MHS 1m", mhs, 2).num("Accepted", s.accepted() / 3)
                    .num("Rejected", s.rejected() / 3).num("Hardware Errors", s.hardwareErrors() / 3)
                    .num("Device Elapsed", s.elapsedSeconds()).num("Upfreq Complete", 1).num("Effective Chips", 148)
                    .str("PCB SN", String.format("HEM1EK%05dA%d", miner.index(), b))
                    .num("Chip Temp Min", s.chipTempC()[b] - 6, 2).num("Chip Temp Max", s.chipTempC()[b], 2)
                    .num("Chip Temp Avg", s.chipTempC()[b] - 3, 2).end();
        }
        out.end();
    }

    private static void devdetails(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.array("DEVDETAILS");
        for (int b = 0; b < s.boardThs().length; b++) {
            out.object().num("DEVDETAILS", b).str("Name", "SM").num("ID", b).str("Driver", "bitmicro").str("Kernel", "")
                    .str("Model", miner.model().displayName()).str("Device Path", "").end();
        }
        out.end();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
