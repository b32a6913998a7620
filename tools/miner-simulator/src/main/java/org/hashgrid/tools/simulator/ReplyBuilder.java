package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns a request into the reply bytes a miner of some dialect would send, faults aside. */
final class ReplyBuilder {

    static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Dialect, Firmware> firmware = new EnumMap<>(Dialect.class);

    ReplyBuilder() {
        firmware.put(Dialect.CGMINER, new StockCgminer());
        firmware.put(Dialect.BITMAIN, new BitmainFirmware(false));
        firmware.put(Dialect.BITMAIN_LEGACY, new BitmainFirmware(true));
        firmware.put(Dialect.WHATSMINER, new WhatsminerFirmware(false));
        firmware.put(Dialect.WHATSMINER_V3, new WhatsminerFirmware(true));
        firmware.put(Dialect.AVALON, new AvalonFirmware());
        firmware.put(Dialect.LUXOS, new LuxosFirmware());
        firmware.put(Dialect.BRAIINS, new BraiinsFirmware());
    }

    /** @return the JSON reply to one request, without the terminating NUL, or {@code null} to close without one */
    byte[] reply(SimulatedMiner miner, byte[] request, int length) {
        Firmware fw = firmware.get(miner.model().dialect());
        JsonReply out = new JsonReply(miner.quirks());
        long when = System.currentTimeMillis() / 1000;
        JsonNode json;
        try {
            json = mapper.readTree(new String(request, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return error(out, when, 23, "Invalid JSON", fw.description());
        }
        byte[] own = fw.answerOwn(miner, json);
        if (own != null) {
            return own == Firmware.NO_REPLY ? null : own;
        }
        JsonNode command = json.get("command");
        if (command == null) {
            return error(out, when, 24, "Missing JSON 'command'", fw.description());
        }
        if (!command.isTextual()) {
            return error(out, when, 14, "Invalid command", null);
        }
        JsonNode parameterNode = json.get("parameter");
        String parameter = parameterNode == null ? "" : parameterNode.asText();
        String name = command.asText();
        miner.received(name);
        if (name.indexOf('+') >= 0) {
            if (!fw.acceptsJoins()) {
                return error(out, when, 14, "Invalid command", null);
            }
            return join(fw, miner, name, out, when);
        }
        single(fw, miner, name, parameter, out, when);
        return out.toBytes();
    }

    /** A well-formed reply of {@link #OVERSIZED_BYTES}: a stats section padded with one huge value. */
    byte[] oversized(SimulatedMiner miner) {
        String head = "{\"STATUS\":[{\"STATUS\":\"S\",\"When\":" + System.currentTimeMillis() / 1000
                + ",\"Code\":70,\"Msg\":\"CGMiner stats\",\"Description\":\""
                + firmware.get(miner.model().dialect()).description()
                + "\"}],\"STATS\":[{\"ID\":\"X\",\"chain_xtime\":\"";
        String tail = "\"}],\"id\":1}";
        byte[] reply = new byte[OVERSIZED_BYTES];
        Arrays.fill(reply, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, reply, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, reply, reply.length - tail.length(),
                tail.length());
        return reply;
    }

    /** Bytes that are not JSON: a binary prefix then noise, as a confused proxy or a port scanner target might send. */
    static byte[] garbage(Random random) {
        byte[] bytes = new byte[200 + random.nextInt(200)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = 1;
            }
        }
        return bytes;
    }

    /** @return the API state of a Whatsminer miner */
    WhatsminerState whatsminer(SimulatedMiner miner) {
        if (firmware.get(miner.model().dialect()) instanceof WhatsminerFirmware whatsminer) {
            return whatsminer.state(miner);
        }
        throw new IllegalArgumentException(miner + " is no Whatsminer");
    }

    /** @return the API the miner's firmware serves on a second port, or {@code null} */
    SecondApi secondApi(SimulatedMiner miner) {
        return firmware.get(miner.model().dialect()).secondApi();
    }

    private byte[] join(Firmware fw, SimulatedMiner miner, String joined, JsonReply out, long when) {
        List<String> commands = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(joined.split("\\+"))));
        commands.removeIf(String::isEmpty);
        MinerSnapshot s = miner.snapshot();
        out.object();
        for (String command : fw.joinOrder(commands)) {
            out.array(command).object();
            if (fw.reports().contains(command)) {
                report(fw, miner, command, s, out);
            } else if (fw.controls().contains(command)) {
                Firmware.status(out, "E", when, 45, "Access denied to '" + command + "' command", fw.description());
            } else {
                Firmware.status(out, "E", when, 14, "Invalid command", null);
            }
            out.num("id", 1).end().end();
        }
        out.num("id", 1).end();
        return out.toBytes();
    }

    private void single(Firmware fw, SimulatedMiner miner, String command, String parameter, JsonReply out, long when) {
        out.object();
        if (fw.reports().contains(command)) {
            report(fw, miner, command, miner.snapshot(), out);
        } else if (!fw.controls().contains(command)) {
            Firmware.status(out, "E", when, 14, "Invalid command", null);
        } else if (!miner.privilegedAccess()) {
            Firmware.status(out, "E", when, 45, "Access denied to '" + command + "' command", fw.description());
        } else {
            Firmware.Control result = fw.control(command, parameter, miner);
            if (result.stringStatus()) {
                out.str("STATUS", result.status());
            } else {
                Firmware.status(out, result.status(), when, result.code(), result.message(), fw.description());
                if (result.body() != null) {
                    result.body().accept(out);
                }
            }
        }
        out.num("id", 1).end();
    }

    private static void report(Firmware fw, SimulatedMiner miner, String command, MinerSnapshot s, JsonReply out) {
        Firmware.status(out, "S", s.when(), code(fw, command), message(fw, command, miner), fw.description());
        fw.writeReport(command, miner, s, out);
    }

    private static byte[] error(JsonReply out, long when, int code, String message, String description) {
        out.object();
        Firmware.status(out, "E", when, code, message, description);
        return out.num("id", 1).end().toBytes();
    }

    private static int code(Firmware fw, String command) {
        return switch (command) {
            case "summary" -> 11;
            case "devs", "edevs" -> 9;
            case "pools" -> 7;
            case "stats", "estats" -> 70;
            case "version" -> 22;
            case "config" -> 33;
            case "devdetails" -> 69;
            default -> fw.reportCode(command);
        };
    }

    private static String message(Firmware fw, String command, SimulatedMiner miner) {
        return switch (command) {
            case "summary" -> "Summary";
            case "devs", "edevs" -> miner.model().boards() + " ASC(s)";
            case "pools" -> "3 Pool(s)";
            case "stats", "estats" -> "CGMiner stats";
            case "version" -> "CGMiner versions";
            case "config" -> "CGMiner config";
            case "devdetails" -> "Device Details";
            default -> fw.reportMessage(command, miner);
        };
    }
}
