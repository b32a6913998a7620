package org.hashgrid.driver.cgminer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Turns the replies of a read into a {@link MinerReading} in the platform's units. Every value is
 * taken from the first place that has it, because firmware families keep the same figure in
 * different commands and keys; what no place has stays missing.
 */
final class ReadingMapper {

    private static final Pattern RATE = Pattern.compile("([KMGT])HS (\\d+)([smh])");
    private static final Pattern AVERAGE_RATE = Pattern.compile("([KMGT])HS av");
    private static final Pattern FAN = Pattern.compile("fan(\\d+)");
    private static final Pattern CHAIN_POWER = Pattern.compile("chain_power(\\d*)");
    private static final Pattern MM_RECORD = Pattern.compile("MM ID\\d+");
    private static final Pattern MM_TOKEN = Pattern.compile("(\\w+)\\[([^\\]]*)\\]");
    private static final Pattern MM_FAN = Pattern.compile("Fan(\\d+)");
    private static final Pattern TEMP_MAX = Pattern.compile("temp_max");
    private static final Pattern MODEL_SUFFIX = Pattern.compile("\\s*\\(.*\\)\\s*$");

    /** Sensors report 0, -273 or wild values when absent or broken. */
    private static final DoublePredicate SANE_TEMPERATURE = Boards.SANE_TEMPERATURE;
    /** Bitmain's RPC stats Mode while asleep (S17-generation form API value, firmware-control.md [FOREMAN-am]). */
    private static final int BITMAIN_SLEEP_MODE = 254;
    /** A firmware flooding error codes must not flood the reading. */
    private static final int MAX_ERRORS = 32;
    /** Braiins tuner chain states that are no error (pyasic treats the same as healthy). */
    private static final Set<String> HEALTHY_TUNER_STATES =
            Set.of("Stable", "Testing performance profile", "Tuning individual chips");
    private static final DoublePredicate SANE_FAN = rpm -> rpm >= 1 && rpm <= 30_000;
    private static final DoublePredicate SANE_POWER = w -> w > 0 && w < 100_000;

    /** Maps the replies of a cold read, which carry the miner's identity themselves. */
    MinerReading map(Map<String, CommandReply> replies, Instant readAt) throws DriverException {
        return map(replies, MinerIdentity.of(replies), readAt);
    }

    /**
     * Maps the replies of a read; what they lack of the miner's identity (model, firmware, MAC)
     * comes from {@code identity}. Fails when summary failed or, for a plan without summary, stats.
     */
    MinerReading map(Map<String, CommandReply> replies, MinerIdentity identity, Instant readAt)
            throws DriverException {
        String primary = replies.containsKey("summary") || !replies.containsKey("stats") ? "summary" : "stats";
        CommandReply primaryReply = replies.get(primary);
        if (primaryReply == null) {
            throw new DriverException(FailureKind.PROTOCOL_ERROR, "the reply has no summary section");
        }
        if (!primaryReply.status().ok()) {
            throw failure(primary, primaryReply.status());
        }
        JsonNode summary = records(replies, "summary", "SUMMARY").stream().findFirst()
                .orElse(MissingNode.getInstance());
        List<JsonNode> stats = records(replies, "stats", "STATS");
        Map<String, List<Double>> avalon = avalonTokens(stats);
        JsonNode tuner = records(replies, "tunerstatus", "TUNERSTATUS").stream().findFirst()
                .orElse(MissingNode.getInstance());

        MinerReading.Builder reading = MinerReading.builder(readAt);
        firstPresent(rate(summary, false), rateIn(stats, false)).ifPresent(reading::hashrateThs);
        firstPresent(rate(summary, true), rateIn(stats, true)).ifPresent(reading::averageHashrateThs);

        List<BoardReading> boards = Boards.read(replies, identity, avalon);
        reading.boards(boards);
        DoubleStream.concat(
                boards.stream().flatMap(b -> Stream.concat(b.boardTemperaturesC().stream(),
                        b.chipTemperaturesC().stream())).mapToDouble(Double::doubleValue),
                DoubleStream.of(first(avalon.get("TMax")), maximum(slots(stats, TEMP_MAX, SANE_TEMPERATURE)),
                        Numbers.number(summary, "Chip Temp Max").orElse(Double.NaN)))
                .filter(SANE_TEMPERATURE).max().ifPresent(reading::maxTemperatureC);

        List<Double> fans = firstNonEmpty(avalonFans(avalon), slots(stats, FAN, SANE_FAN),
                field(records(replies, "fans", "FANS"), "RPM", SANE_FAN),
                sane(List.of(Numbers.number(summary, "Fan Speed In").orElse(0),
                        Numbers.number(summary, "Fan Speed Out").orElse(0)), SANE_FAN));
        reading.fanRpms(fans.stream().map(rpm -> (int) Math.round(rpm)).toList());
        Numbers.number(summary, "Power Fanspeed").stream().filter(SANE_FAN)
                .forEach(rpm -> reading.psuFanRpm((int) Math.round(rpm)));

        DoubleStream.of(first(avalon.get("WALLPOWER")), Numbers.number(summary, "Power").orElse(Double.NaN),
                Numbers.number(tuner, "ApproximateMinerPowerConsumption").orElse(Double.NaN),
                records(replies, "power", "POWER").stream().findFirst()
                        .flatMap(p -> Numbers.number(p, "Watts").stream().boxed().findFirst()).orElse(Double.NaN),
                sum(slots(stats, CHAIN_POWER, SANE_POWER))).filter(SANE_POWER).findFirst().ifPresent(reading::powerW);
        DoubleStream.of(Numbers.number(summary, "Power Limit").orElse(Double.NaN), first(avalon.get("MPO")),
                Numbers.number(tuner, "PowerLimit").orElse(Double.NaN)).filter(SANE_POWER).findFirst()
                .ifPresent(reading::powerLimitW);

        List<PoolReading> pools = pools(records(replies, "pools", "POOLS"));
        reading.pools(pools);
        firstPresent(Numbers.count(summary, "Elapsed"), countIn(stats, "Elapsed")).ifPresent(reading::uptimeSeconds);
        firstPresent(Numbers.count(summary, "Accepted"), total(pools, PoolReading::accepted))
                .ifPresent(reading::acceptedShares);
        firstPresent(Numbers.count(summary, "Rejected"), total(pools, PoolReading::rejected))
                .ifPresent(reading::rejectedShares);
        firstPresent(Numbers.count(summary, "Hardware Errors"), total(boards, BoardReading::hardwareErrors))
                .ifPresent(reading::hardwareErrors);
        pools.stream().filter(pool -> pool.active().orElse(false)).findFirst().ifPresent(pool -> {
            reading.poolUrl(pool.url());
            pool.user().ifPresent(reading::poolUser);
        });

        nominal(summary, stats, avalon, boards).ifPresent(reading::nominalHashrateThs);
        mode(summary, stats, avalon).ifPresent(reading::mode);
        reading.errors(errors(summary, avalon, tuner));
        identity.firmware().ifPresent(reading::firmware);
        identity.model().ifPresent(reading::model);
        identity.family().displayName().ifPresent(reading::firmwareName);
        identity.firmwareVersion().ifPresent(reading::firmwareVersion);
        identity.macAddress().or(() -> MinerIdentity.mac(replies)).ifPresent(reading::macAddress);
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

    static double thsPer(char prefix) {
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

    /**
     * Every configured pool. Active is the firmware's "Stratum Active"; firmware without that flag
     * (old sgminer forks) mines on the alive pool of the best (lowest) priority, which is marked so.
     */
    static List<PoolReading> pools(List<JsonNode> records) {
        boolean flagged = records.stream().anyMatch(pool -> pool.has("Stratum Active"));
        JsonNode derived = null;
        if (!flagged) {
            for (JsonNode pool : records) {
                boolean alive = Numbers.text(pool, "Status").map("Alive"::equalsIgnoreCase).orElse(false);
                if (alive && (derived == null || Numbers.number(pool, "Priority").orElse(0) < Numbers
                        .number(derived, "Priority").orElse(0))) {
                    derived = pool;
                }
            }
        }
        List<PoolReading> pools = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode pool = records.get(i);
            Optional<String> url = Numbers.text(pool, "URL");
            if (url.isEmpty()) {
                continue;
            }
            OptionalDouble priority = Numbers.number(pool, "Priority");
            boolean active = flagged ? pool.path("Stratum Active").asBoolean(false) : pool == derived;
            pools.add(new PoolReading((int) Numbers.number(pool, "POOL").orElse(i), url.get(),
                    Numbers.text(pool, "User"), Numbers.text(pool, "Status"),
                    priority.isPresent() ? OptionalInt.of((int) priority.getAsDouble()) : OptionalInt.empty(),
                    Optional.of(active), Numbers.count(pool, "Accepted"), Numbers.count(pool, "Rejected"),
                    Numbers.count(pool, "Stale")));
        }
        return pools;
    }

    /**
     * The factory hashrate: Bitmain/LuxOS stats total_rateideal (in rate_unit), Whatsminer's
     * Factory GHS, Avalon's GHSmm, else the sum of the boards' nominal rates.
     */
    private static OptionalDouble nominal(JsonNode summary, List<JsonNode> stats, Map<String, List<Double>> avalon,
            List<BoardReading> boards) {
        for (JsonNode record : stats) {
            OptionalDouble ideal = Numbers.number(record, "total_rateideal");
            if (ideal.isPresent() && ideal.getAsDouble() > 0) {
                String unit = Numbers.text(record, "rate_unit").orElse("GH").toUpperCase(Locale.ROOT);
                return OptionalDouble.of(ideal.getAsDouble() * thsPer(unit.isEmpty() ? 'G' : unit.charAt(0)));
            }
        }
        OptionalDouble factory = Numbers.number(summary, "Factory GHS");
        if (factory.isPresent() && factory.getAsDouble() > 0) {
            return OptionalDouble.of(factory.getAsDouble() * thsPer('G'));
        }
        double avalonNominal = first(avalon.get("GHSmm"));
        if (avalonNominal > 0) {
            return OptionalDouble.of(avalonNominal * thsPer('G'));
        }
        return boards.isEmpty() || boards.stream().anyMatch(b -> b.nominalHashrateThs().isEmpty())
                ? OptionalDouble.empty()
                : OptionalDouble.of(boards.stream().mapToDouble(b -> b.nominalHashrateThs().getAsDouble()).sum());
    }

    /**
     * Whatsminer: btmineroff "true" is asleep, else Power Mode Low/Normal/High. Bitmain stats:
     * miner-mode 0/1/2/3 (normal, sleep, high, low) where present, Mode 254 (sleep). Avalon: SoftOFF[1].
     */
    private static Optional<MinerMode> mode(JsonNode summary, List<JsonNode> stats, Map<String, List<Double>> avalon) {
        if (Numbers.text(summary, "btmineroff").map("true"::equalsIgnoreCase).orElse(false)
                || first(avalon.get("SoftOFF")) == 1) {
            return Optional.of(MinerMode.SLEEP);
        }
        Optional<MinerMode> power = Numbers.text(summary, "Power Mode").flatMap(word -> switch (word
                .toLowerCase(Locale.ROOT)) {
            case "normal" -> Optional.of(MinerMode.NORMAL);
            case "low" -> Optional.of(MinerMode.LOW_POWER);
            case "high" -> Optional.of(MinerMode.HIGH_PERFORMANCE);
            default -> Optional.empty();
        });
        if (power.isPresent() || !avalon.getOrDefault("SoftOFF", List.of()).isEmpty()) {
            return power.or(() -> Optional.of(MinerMode.NORMAL));
        }
        for (JsonNode record : stats) {
            OptionalDouble workMode = Numbers.number(record, "miner-mode");
            if (workMode.isPresent()) {
                return switch ((int) workMode.getAsDouble()) {
                    case 0 -> Optional.of(MinerMode.NORMAL);
                    case 1 -> Optional.of(MinerMode.SLEEP);
                    case 2 -> Optional.of(MinerMode.HIGH_PERFORMANCE);
                    case 3 -> Optional.of(MinerMode.LOW_POWER);
                    default -> Optional.empty();
                };
            }
            if (Numbers.number(record, "Mode").orElse(0) == BITMAIN_SLEEP_MODE) {
                return Optional.of(MinerMode.SLEEP);
            }
        }
        return Optional.empty();
    }

    /**
     * Errors the firmware reports now: Whatsminer's "Error Code N" keys, Avalon's non-zero ECMM and
     * ECHU (per board) codes, Braiins' tuner chains in a failed state.
     */
    private static List<String> errors(JsonNode summary, Map<String, List<Double>> avalon, JsonNode tuner) {
        List<String> errors = new ArrayList<>();
        long count = Numbers.count(summary, "Error Code Count").orElse(0);
        for (int i = 0; i < count && i < MAX_ERRORS; i++) {
            Numbers.text(summary, "Error Code " + i).ifPresent(code -> errors.add("error code " + code));
        }
        List<Double> board = avalon.getOrDefault("ECHU", List.of());
        for (int b = 0; b < board.size(); b++) {
            if (board.get(b) != 0) {
                errors.add("board " + b + " error code " + (long) board.get(b).doubleValue());
            }
        }
        avalon.getOrDefault("ECMM", List.of()).stream().filter(code -> code != 0)
                .forEach(code -> errors.add("controller error code " + (long) code.doubleValue()));
        for (JsonNode chain : tuner.path("TunerChainStatus")) {
            Optional<String> status = Numbers.text(chain, "Status").map(text -> text.split(" \\{", 2)[0].trim());
            if (status.isPresent() && !HEALTHY_TUNER_STATES.contains(status.get())) {
                errors.add("chain " + Numbers.text(chain, "HashchainIndex").orElse("?") + ": " + status.get());
            }
        }
        return errors;
    }

    private static OptionalLong countIn(List<JsonNode> records, String key) {
        for (JsonNode record : records) {
            OptionalLong count = Numbers.count(record, key);
            if (count.isPresent()) {
                return count;
            }
        }
        return OptionalLong.empty();
    }

    /** @return the sum of a count over all items, absent unless every item has it */
    private static <T> OptionalLong total(List<T> items, Function<T, OptionalLong> count) {
        if (items.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (T item : items) {
            OptionalLong value = count.apply(item);
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            total += value.getAsLong();
        }
        return OptionalLong.of(total);
    }

    private static OptionalLong firstPresent(OptionalLong first, OptionalLong second) {
        return first.isPresent() ? first : second;
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
