package org.hashgrid.driver.cgminer.internal;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a miner tells about itself that changes only when its firmware restarts or is replaced:
 * learned on a cold read from version, devdetails, config (and the STATUS description), then kept
 * between warm reads.
 *
 * @param family          the firmware family, which also decides the command plan
 * @param description     the STATUS Description ("bmminer 1.0.0", "btminer"), compared on warm reads
 *                        to notice a reflashed miner
 * @param firmware        the SPI 1.0 firmware string: the description, with Whatsminer's version
 * @param model           the model, e.g. {@code Antminer S19 Pro}
 * @param firmwareVersion the firmware's own version or build string
 * @param macAddress      the control board's MAC address, upper case with colons
 * @param boardChips      chips found per board (devdetails {@code Chips}, Braiins OS), by board id
 */
record MinerIdentity(FirmwareFamily family, String description, Optional<String> firmware, Optional<String> model,
        Optional<String> firmwareVersion, Optional<String> macAddress, Map<Integer, Integer> boardChips) {

    private static final Pattern VNISH_SUFFIX = Pattern.compile("\\(vnish ([^)]+)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}");
    /** The version words of a description such as "cgminer 4.11.1" or "BOSminer+ 0.2.0-e7c1c5b7a". */
    private static final Pattern DESCRIPTION_VERSION = Pattern.compile("^\\S+\\s+(\\d\\S*)$");

    /** Where each family keeps its firmware version: command, section, key, first found wins. */
    private static final Map<FirmwareFamily, List<String[]>> VERSION_KEYS = Map.of(
            FirmwareFamily.CGMINER, List.<String[]>of(new String[] { "version", "VERSION", "CGMiner" }),
            FirmwareFamily.AVALON, List.<String[]>of(new String[] { "version", "VERSION", "VERSION" }),
            // Bitmain names its firmware builds by compile time (pyasic does the same)
            FirmwareFamily.BITMAIN, List.<String[]>of(new String[] { "version", "VERSION", "CompileTime" },
                    new String[] { "stats", "STATS", "CompileTime" }, new String[] { "version", "VERSION", "BMMiner" }),
            FirmwareFamily.WHATSMINER, List.<String[]>of(new String[] { "summary", "SUMMARY", "Firmware Version" }),
            FirmwareFamily.BRAIINS, List.<String[]>of(new String[] { "version", "VERSION", "BOSminer" },
                    new String[] { "version", "VERSION", "BOSer" }),
            FirmwareFamily.LUXOS, List.<String[]>of(new String[] { "version", "VERSION", "Miner" },
                    new String[] { "version", "VERSION", "LUXminer" }));

    MinerIdentity {
        boardChips = Collections.unmodifiableMap(new TreeMap<>(boardChips));
    }

    /** Learns the identity from the replies of a cold read. */
    static MinerIdentity of(Map<String, CommandReply> replies) {
        FirmwareFamily family = FirmwareFamily.detect(replies.values());
        CommandReply summary = replies.get("summary");
        String description = description(replies);
        Optional<String> firmware = summary != null && summary.status().ok() ? ReadingMapper.firmware(summary)
                : description.isEmpty() ? Optional.empty() : Optional.of(description);
        Optional<String> model = ReadingMapper.model(replies);
        return new MinerIdentity(family, description, firmware, model, version(family, replies, model, description),
                mac(replies), chips(replies));
    }

    /** @return the STATUS Description of the first successful reply, summary first */
    static String description(Map<String, CommandReply> replies) {
        CommandReply summary = replies.get("summary");
        if (summary != null && summary.status().ok() && !summary.status().description().isEmpty()) {
            return summary.status().description();
        }
        for (CommandReply reply : replies.values()) {
            if (reply.status().ok() && !reply.status().description().isEmpty()) {
                return reply.status().description();
            }
        }
        return "";
    }

    private static Optional<String> version(FirmwareFamily family, Map<String, CommandReply> replies,
            Optional<String> model, String description) {
        if (family == FirmwareFamily.VNISH) {
            Optional<String> type = firstText(replies, List.<String[]>of(new String[] { "version", "VERSION", "Type" },
                    new String[] { "stats", "STATS", "Type" }));
            Matcher vnish = VNISH_SUFFIX.matcher(type.orElse(""));
            return vnish.find() ? Optional.of(vnish.group(1).trim()) : Optional.empty();
        }
        Optional<String> version = firstText(replies, VERSION_KEYS.getOrDefault(family, List.of()));
        if (version.isPresent() || family == FirmwareFamily.UNKNOWN) {
            return version;
        }
        Matcher words = DESCRIPTION_VERSION.matcher(description.trim());
        return words.matches() ? Optional.of(words.group(1)) : Optional.empty();
    }

    private static Optional<String> firstText(Map<String, CommandReply> replies, List<String[]> sources) {
        for (String[] source : sources) {
            for (JsonNode record : ReadingMapper.records(replies, source[0], source[1])) {
                Optional<String> text = Numbers.text(record, source[2]);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /** Avalon's version MAC ("b4a2eb000001"), LuxOS's config MACAddr, some btminer builds' summary MAC. */
    static Optional<String> mac(Map<String, CommandReply> replies) {
        return firstText(replies,
                List.<String[]>of(new String[] { "version", "VERSION", "MAC" },
                        new String[] { "config", "CONFIG", "MACAddr" }, new String[] { "summary", "SUMMARY", "MAC" }))
                .flatMap(MinerIdentity::normaliseMac);
    }

    /** @return the address as {@code AA:BB:CC:DD:EE:FF}, absent when it is not six hex octets */
    static Optional<String> normaliseMac(String raw) {
        String text = raw.trim();
        if (!MAC.matcher(text).matches()) {
            return Optional.empty();
        }
        String hex = text.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
        StringBuilder mac = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            mac.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return Optional.of(mac.toString());
    }

    private static Map<Integer, Integer> chips(Map<String, CommandReply> replies) {
        Map<Integer, Integer> chips = new TreeMap<>();
        for (JsonNode record : ReadingMapper.records(replies, "devdetails", "DEVDETAILS")) {
            var id = Numbers.number(record, "ID");
            var count = Numbers.number(record, "Chips");
            if (id.isPresent() && count.isPresent() && count.getAsDouble() > 0) {
                chips.put((int) id.getAsDouble(), (int) count.getAsDouble());
            }
        }
        return chips;
    }
}
