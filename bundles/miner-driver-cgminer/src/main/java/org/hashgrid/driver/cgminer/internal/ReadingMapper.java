package org.hashgrid.driver.cgminer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerReading;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the replies of a read into a {@link MinerReading} in the platform's units. Every value is
 * taken from the first place that has it, because firmware families keep the same figure in
 * different commands and keys; what no place has stays missing.
 */
final class ReadingMapper {

    private static final Pattern RATE = Pattern.compile("([KMGT])HS (\\d+)([smh])");
    private static final Pattern AVERAGE_RATE = Pattern.compile("([KMGT])HS av");
    private static final Pattern BOARD_TEMP = Pattern.compile("temp(\\d+)");
    private static final Pattern CHIP_TEMP = Pattern.compile("temp2_(\\d+)");
    private static final Pattern PCB_SENSORS = Pattern.compile("temp_pcb(\\d+)");
    private static final Pattern CHIP_SENSORS = Pattern.compile("temp_chip(\\d+)");
    private static final Pattern FAN = Pattern.compile("fan(\\d+)");
    private static final Pattern CHAIN_POWER = Pattern.compile("chain_power(\\d*)");
    private static final Pattern MM_RECORD = Pattern.compile("MM ID\\d+");
    private static final Pattern MM_TOKEN = Pattern.compile("(\\w+)\\[([^\\]]*)\\]");
    private static final Pattern MM_FAN = Pattern.compile("Fan(\\d+)");
    private static final Pattern TEMP_MAX = Pattern.compile("temp_max");
    private static final Pattern MODEL_SUFFIX = Pattern.compile("\\s*\\(.*\\)\\s*$");

    /** Sensors report 0, -273 or wild values when absent or broken. */
    private static final DoublePredicate SANE_TEMPERATURE = t -> t > 0 && t < 150;
    private static final DoublePredicate SANE_FAN = rpm -> rpm >= 1 && rpm <= 30_000;
    private static final DoublePredicate SANE_POWER = w -> w > 0 && w < 100_000;

    MinerReading map(Map<String, CommandReply> replies, Instant readAt) throws DriverException {
        CommandReply summaryReply = replies.get("summary");
        if (summaryReply == null) {
            throw new DriverException(FailureKind.PROTOCOL_ERROR, "the reply has no summary section");
        }
        if (!summaryReply.status().ok()) {
            throw failure("summary", summaryReply.status());
        }
        JsonNode summary = summaryReply.first("SUMMARY");
        List<JsonNode> stats = records(replies, "stats", "STATS");
        List<JsonNode> devs = records(replies, "devs", "DEVS");
        Map<String, List<Double>> avalon = avalonTokens(stats);

        MinerReading.Builder reading = MinerReading.builder(readAt);
        firstPresent(rate(summary, false), rateIn(stats, false)).ifPresent(reading::hashrateThs);
        firstPresent(rate(summary, true), rateIn(stats, true)).ifPresent(reading::averageHashrateThs);

        List<Double> boards =
                firstNonEmpty(sane(avalon.get("MTavg"), SANE_TEMPERATURE), slots(stats, BOARD_TEMP, SANE_TEMPERATURE),
                        sensorMaxima(stats, PCB_SENSORS), field(devs, "Temperature", SANE_TEMPERATURE));
        List<Double> chips =
                firstNonEmpty(sane(avalon.get("MTmax"), SANE_TEMPERATURE), slots(stats, CHIP_TEMP, SANE_TEMPERATURE),
                        sensorMaxima(stats, CHIP_SENSORS), field(devs, "Chip Temp Max", SANE_TEMPERATURE));
        reading.boardTemperaturesC(boards).chipTemperaturesC(chips);
        DoubleStream.of(maximum(boards), maximum(chips), first(avalon.get("TMax")),
                slots(stats, TEMP_MAX, SANE_TEMPERATURE).stream().mapToDouble(Double::doubleValue).max()
                        .orElse(Double.NaN),
                Numbers.number(summary, "Chip Temp Max").orElse(Double.NaN))
                .filter(SANE_TEMPERATURE).max().ifPresent(reading::maxTemperatureC);

        List<Double> fans = firstNonEmpty(avalonFans(avalon), slots(stats, FAN, SANE_FAN),
                sane(List.of(Numbers.number(summary, "Fan Speed In").orElse(0),
                        Numbers.number(summary, "Fan Speed Out").orElse(0)), SANE_FAN));
        reading.fanRpms(fans.stream().map(rpm -> (int) Math.round(rpm)).toList());

        DoubleStream.of(first(avalon.get("WALLPOWER")), Numbers.number(summary, "Power").orElse(Double.NaN),
                sum(slots(stats, CHAIN_POWER, SANE_POWER))).filter(SANE_POWER).findFirst().ifPresent(reading::powerW);

        Numbers.count(summary, "Elapsed").ifPresent(reading::uptimeSeconds);
        Numbers.count(summary, "Accepted").ifPresent(reading::acceptedShares);
        Numbers.count(summary, "Rejected").ifPresent(reading::rejectedShares);
        Numbers.count(summary, "Hardware Errors").ifPresent(reading::hardwareErrors);
        activePool(records(replies, "pools", "POOLS")).ifPresent(pool -> {
            Numbers.text(pool, "URL").ifPresent(reading::poolUrl);
            Numbers.text(pool, "User").ifPresent(reading::poolUser);
        });
        firmware(summaryReply).ifPresent(reading::firmware);
        model(replies).ifPresent(reading::model);
        return reading.build();
    }

    /** @return the failure a non-successful STATUS stands for */
    static DriverException failure(String command, Status status) {
        if (status.accessDenied()) {
            return new DriverException(FailureKind.ACCESS_DENIED,
                    "the miner refused '" + command + "' to this client: " + status);
        }
        if (status.unsupported()) {
            return new DriverException(FailureKind.UNSUPPORTED,
                    "the firmware does not support '" + command + "': " + status);
        }
        return new DriverException(FailureKind.PROTOCOL_ERROR, "'" + command + "' failed: " + status);
    }

    /** Firmware as the STATUS description names it, with Whatsminer's firmware version when given. */
    static Optional<String> firmware(CommandReply summary) {
        String description = summary.status().description();
        Optional<String> version = Numbers.text(summary.first("SUMMARY"), "Firmware Version");
        String firmware = version.map(v -> (description + " " + v).trim()).orElse(description);
        return firmware.isEmpty() ? Optional.empty() : Optional.of(firmware);
    }

    /** Model from Bitmain's Type (without a custom-firmware suffix), Avalon's PROD or Whatsminer's devdetails Model. */
    static Optional<String> model(Map<String, CommandReply> replies) {
        for (String[] source : new String[][] { { "version", "VERSION", "Type" }, { "stats", "STATS", "Type" },
            { "version", "VERSION", "PROD" }, { "devdetails", "DEVDETAILS", "Model" } }) {
            for (JsonNode record : records(replies, source[0], source[1])) {
                Optional<String> model =
                        Numbers.text(record, source[2]).map(m -> MODEL_SUFFIX.matcher(m).replaceFirst(""));
                if (model.isPresent() && !model.get().isEmpty()) {
                    return model;
                }
            }
        }
        return Optional.empty();
    }

    /** @return the records of a command's section, or none when the command failed or was not sent */
    static List<JsonNode> records(Map<String, CommandReply> replies, String command, String section) {
        CommandReply reply = replies.get(command);
        return reply == null || !reply.status().ok() ? List.of() : reply.records(section);
    }

    /**
     * Hashrate in TH/s from keys like "MHS 5s", "GHS 30s", "THS 1m" (the shortest window wins) or
     * "GHS av": the prefix decides the unit, never the firmware.
     */
    static OptionalDouble rate(JsonNode record, boolean average) {
        double best = Double.NaN;
        long bestWindow = Long.MAX_VALUE;
        for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.length() < 5 || name.charAt(1) != 'H' || name.charAt(2) != 'S') {
                continue;
            }
            Matcher matcher = (average ? AVERAGE_RATE : RATE).matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            long window = average ? 0 : Long.parseLong(matcher.group(2)) * switch (matcher.group(3)) {
                case "m" -> 60;
                case "h" -> 3600;
                default -> 1;
            };
            OptionalDouble value = Numbers.number(record, name);
            if (value.isPresent() && value.getAsDouble() >= 0 && window < bestWindow) {
                bestWindow = window;
                best = value.getAsDouble() * thsPer(matcher.group(1).charAt(0));
            }
        }
        return Double.isNaN(best) ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    private static double thsPer(char prefix) {
        return switch (prefix) {
            case 'K' -> 1e-9;
            case 'M' -> 1e-6;
            case 'G' -> 1e-3;
            default -> 1;
        };
    }

    private static OptionalDouble rateIn(List<JsonNode> records, boolean average) {
        for (JsonNode record : records) {
            OptionalDouble rate = rate(record, average);
            if (rate.isPresent()) {
                return rate;
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble firstPresent(OptionalDouble first, OptionalDouble second) {
        return first.isPresent() ? first : second;
    }

    /** Values of numbered keys such as "temp6" or "fan3" across records, in slot order, sane ones only. */
    private static List<Double> slots(List<JsonNode> records, Pattern key, DoublePredicate sane) {
        return bySlot(records, key, (record, name) -> {
            OptionalDouble value = Numbers.number(record, name);
            return value.isPresent() && sane.test(value.getAsDouble()) ? value : OptionalDouble.empty();
        });
    }

    /** The hottest sane sensor of each dash-joined list such as "temp_pcb1":"44-46-58-60". */
    private static List<Double> sensorMaxima(List<JsonNode> records, Pattern key) {
        return bySlot(records, key, (record, name) -> record.get(name).isTextual()
                ? Numbers.sensorList(record.get(name).asText()).stream().mapToDouble(Double::doubleValue)
                        .filter(SANE_TEMPERATURE).max()
                : OptionalDouble.empty());
    }

    /**
     * For every key matching {@code key} across records, the value {@code extract} finds, keyed by
     * the key's number (group 1, or slot 0 when the pattern has none), in slot order.
     */
    private static List<Double> bySlot(List<JsonNode> records, Pattern key,
            BiFunction<JsonNode, String, OptionalDouble> extract) {
        TreeMap<Integer, Double> bySlot = new TreeMap<>();
        String prefix = literalPrefix(key);
        for (JsonNode record : records) {
            for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                Matcher matcher = key.matcher(name);
                if (matcher.matches()) {
                    int slot = matcher.groupCount() > 0 && !matcher.group(1).isEmpty()
                            ? Integer.parseInt(matcher.group(1)) : 0;
                    extract.apply(record, name).ifPresent(v -> bySlot.put(slot, v));
                }
            }
        }
        return new ArrayList<>(bySlot.values());
    }

    /** The letters a key pattern starts with, to skip the regex for most keys (stats records have hundreds). */
    private static String literalPrefix(Pattern key) {
        String pattern = key.pattern();
        int end = 0;
        while (end < pattern.length() && (Character.isLetter(pattern.charAt(end)) || pattern.charAt(end) == '_')) {
            end++;
        }
        return pattern.substring(0, end);
    }

    private static List<Double> field(List<JsonNode> records, String key, DoublePredicate sane) {
        List<Double> values = new ArrayList<>();
        for (JsonNode record : records) {
            Numbers.number(record, key).stream().filter(sane).findFirst().ifPresent(values::add);
        }
        return values;
    }

    /** Avalon packs its telemetry as Key[v1 v2 …] tokens in the "MM ID0" (… "MM IDn") strings of stats. */
    private static Map<String, List<Double>> avalonTokens(List<JsonNode> stats) {
        Map<String, List<Double>> tokens = new TreeMap<>();
        for (JsonNode record : stats) {
            for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!name.startsWith("MM ID") || !MM_RECORD.matcher(name).matches() || !record.get(name).isTextual()) {
                    continue;
                }
                Matcher token = MM_TOKEN.matcher(record.get(name).asText());
                while (token.find()) {
                    List<Double> values = tokens.computeIfAbsent(token.group(1), k -> new ArrayList<>());
                    for (String part : token.group(2).trim().split("\\s+")) {
                        Numbers.parse(part).ifPresent(values::add);
                    }
                }
            }
        }
        return tokens;
    }

    private static List<Double> avalonFans(Map<String, List<Double>> tokens) {
        TreeMap<Integer, Double> bySlot = new TreeMap<>();
        tokens.forEach((key, values) -> {
            Matcher matcher = MM_FAN.matcher(key);
            if (matcher.matches()) {
                values.stream().filter(SANE_FAN::test).findFirst()
                        .ifPresent(v -> bySlot.put(Integer.parseInt(matcher.group(1)), v));
            }
        });
        return new ArrayList<>(bySlot.values());
    }

    private static Optional<JsonNode> activePool(List<JsonNode> pools) {
        for (JsonNode pool : pools) {
            if (pool.path("Stratum Active").asBoolean(false)) {
                return Optional.of(pool);
            }
        }
        // without a stratum flag, the alive pool of the best (lowest) priority is the one mined on
        JsonNode best = null;
        for (JsonNode pool : pools) {
            boolean alive = Numbers.text(pool, "Status").map("Alive"::equalsIgnoreCase).orElse(false);
            if (alive && (best == null
                    || Numbers.number(pool, "Priority").orElse(0) < Numbers.number(best, "Priority").orElse(0))) {
                best = pool;
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Double> sane(List<Double> values, DoublePredicate sane) {
        return values == null ? List.of() : values.stream().filter(sane::test).toList();
    }

    @SafeVarargs
    private static List<Double> firstNonEmpty(List<Double>... candidates) {
        for (List<Double> candidate : candidates) {
            if (!candidate.isEmpty()) {
                return candidate;
            }
        }
        return List.of();
    }

    private static double maximum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double first(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN : values.get(0);
    }

    private static double sum(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
