package org.hashgrid.driver.cgminer.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.DoublePredicate;

import org.hashgrid.driver.BoardReading;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads every hashboard a firmware reports, with every sensor of each: Bitmain-style chain keys of
 * stats (S9 single values, S19/S21 dash-joined per-sensor strings, {@code chain_acs} chip maps),
 * Avalon's MM ID tokens, and devs records (stock cgminer, Whatsminer, Braiins OS) with Braiins'
 * temps. Glitches (negative or impossible temperatures) are left out.
 */
final class Boards {

    static final DoublePredicate SANE_TEMPERATURE = t -> t > 0 && t < 150;
    private static final double THS_PER_GHS = 1e-3;
    private static final double THS_PER_MHS = 1e-6;

    private Boards() {
    }

    /** One board's values while the keys of a stats record are gathered. */
    private static final class Chain {
        OptionalDouble rate = OptionalDouble.empty();
        OptionalDouble ideal = OptionalDouble.empty();
        int chips = -1;
        int mapped = -1;
        int failed = -1;
        long hardwareErrors = -1;
        final List<Double> board = new ArrayList<>(4);
        final List<Double> boardSingle = new ArrayList<>(1);
        final List<Double> chip = new ArrayList<>(4);
        final List<Double> chipSingle = new ArrayList<>(1);

        boolean present() {
            return chips > 0 || mapped > 0 || rate.isPresent() || !board.isEmpty() || !boardSingle.isEmpty()
                    || !chip.isEmpty()
                    || !chipSingle.isEmpty();
        }
    }

    /** @return the boards in the firmware's numbering, from the first source that has any */
    static List<BoardReading> read(Map<String, CommandReply> replies, MinerIdentity identity,
            Map<String, List<Double>> avalon) {
        List<BoardReading> boards = avalon(avalon);
        if (boards.isEmpty()) {
            boards = chains(ReadingMapper.records(replies, "stats", "STATS"));
        }
        if (boards.isEmpty()) {
            boards = devices(replies, identity);
        }
        return boards;
    }

    /**
     * Bitmain-style stats keys numbered by chain: {@code chain_rateN}, {@code chain_rateidealN}
     * (GH/s unless {@code rate_unit} says otherwise), {@code chain_acnN} chips, {@code chain_acsN}
     * ('o' ok, 'x' failing), {@code chain_hwN}, and the sensors {@code temp_pcbN}/{@code temp_picN}
     * (board) and {@code temp_chipN} (chips) as dash-joined lists, else {@code tempN}/{@code temp2_N}.
     */
    static List<BoardReading> chains(List<JsonNode> stats) {
        TreeMap<Integer, Chain> chains = new TreeMap<>();
        double unit = THS_PER_GHS;
        for (JsonNode record : stats) {
            unit = Numbers.text(record, "rate_unit").map(Boards::thsPer).orElse(unit);
            for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                gather(chains, field.getKey(), field.getValue());
            }
        }
        List<BoardReading> boards = new ArrayList<>();
        for (Map.Entry<Integer, Chain> entry : chains.entrySet()) {
            Chain chain = entry.getValue();
            if (!chain.present()) {
                continue;
            }
            BoardReading board = BoardReading.of(entry.getKey()).withTemperatures(
                    chain.board.isEmpty() ? chain.boardSingle : chain.board,
                    chain.chip.isEmpty() ? chain.chipSingle : chain.chip);
            if (chain.rate.isPresent()) {
                board = board.withHashrateThs(chain.rate.getAsDouble() * unit);
            }
            if (chain.ideal.isPresent()) {
                board = board.withNominalHashrateThs(chain.ideal.getAsDouble() * unit);
            }
            if (chain.chips >= 0 || chain.mapped > 0) {
                // chain_acnN counts the chips found; without it, the chip map has one letter per chip
                board = chips(board, chain.chips >= 0 ? chain.chips : chain.mapped, chain.failed);
            }
            if (chain.hardwareErrors >= 0) {
                board = board.withHardwareErrors(chain.hardwareErrors);
            }
            boards.add(board);
        }
        return boards;
    }

    private static void gather(TreeMap<Integer, Chain> chains, String name, JsonNode value) {
        if (name.startsWith("chain_")) {
            int n;
            if ((n = number(name, "chain_rateideal")) >= 0) {
                chain(chains, n).ideal = positive(Numbers.number(value));
            } else if ((n = number(name, "chain_rate")) >= 0) {
                chain(chains, n).rate = positive(Numbers.number(value));
            } else if ((n = number(name, "chain_acn")) >= 0) {
                chain(chains, n).chips = (int) Numbers.number(value).orElse(-1);
            } else if ((n = number(name, "chain_acs")) >= 0 && value.isTextual()) {
                Chain chain = chain(chains, n);
                chain.failed = failing(value.asText());
                chain.mapped = chipsIn(value.asText());
            } else if ((n = number(name, "chain_hw")) >= 0) {
                OptionalDouble hw = Numbers.number(value);
                chain(chains, n).hardwareErrors =
                        hw.isPresent() && hw.getAsDouble() >= 0 ? (long) hw.getAsDouble() : -1;
            }
        } else if (name.startsWith("temp")) {
            int n;
            if ((n = number(name, "temp_pcb")) >= 0 || (n = number(name, "temp_pic")) >= 0) {
                sensors(value, chain(chains, n).board);
            } else if ((n = number(name, "temp_chip")) >= 0) {
                sensors(value, chain(chains, n).chip);
            } else if ((n = number(name, "temp2_")) >= 0) {
                Numbers.number(value).stream().filter(SANE_TEMPERATURE).forEach(chain(chains, n).chipSingle::add);
            } else if ((n = number(name, "temp")) >= 0) {
                Numbers.number(value).stream().filter(SANE_TEMPERATURE).forEach(chain(chains, n).boardSingle::add);
            }
        }
    }

    private static Chain chain(TreeMap<Integer, Chain> chains, int n) {
        return chains.computeIfAbsent(n, k -> new Chain());
    }

    /** @return the number after {@code prefix} when the rest of the name is digits only, else -1 */
    private static int number(String name, String prefix) {
        int length = name.length();
        if (length == prefix.length() || length > prefix.length() + 3 || !name.startsWith(prefix)) {
            return -1;
        }
        int n = 0;
        for (int i = prefix.length(); i < length; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + c - '0';
        }
        return n;
    }

    private static void sensors(JsonNode value, List<Double> into) {
        if (value.isTextual()) {
            for (double t : Numbers.sensorList(value.asText())) {
                if (SANE_TEMPERATURE.test(t)) {
                    into.add(t);
                }
            }
        } else {
            Numbers.number(value).stream().filter(SANE_TEMPERATURE).forEach(into::add);
        }
    }

    /** @return the chips marked 'x' in a chain map such as " oooooooo ooooxooo" */
    static int failing(String map) {
        int failed = 0;
        for (int i = 0; i < map.length(); i++) {
            if (map.charAt(i) == 'x' || map.charAt(i) == 'X') {
                failed++;
            }
        }
        return failed;
    }

    private static int chipsIn(String map) {
        int chips = 0;
        for (int i = 0; i < map.length(); i++) {
            char c = Character.toLowerCase(map.charAt(i));
            if (c == 'o' || c == 'x') {
                chips++;
            }
        }
        return chips;
    }

    private static OptionalDouble positive(OptionalDouble value) {
        return value.isPresent() && value.getAsDouble() >= 0 ? value : OptionalDouble.empty();
    }

    private static double thsPer(String unit) {
        return switch (unit.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "MH", "MH/S" -> THS_PER_MHS;
            case "TH", "TH/S" -> 1;
            default -> THS_PER_GHS;
        };
    }

    /**
     * Avalon's per-board tokens: MGHS (GH/s), MTavg (board), MTmax (hottest chip) and, on builds
     * that have them, PVT_T0, PVT_T1 … with every chip's temperature.
     */
    private static List<BoardReading> avalon(Map<String, List<Double>> tokens) {
        List<Double> rates = tokens.getOrDefault("MGHS", List.of());
        List<Double> averages = tokens.getOrDefault("MTavg", List.of());
        List<Double> maxima = tokens.getOrDefault("MTmax", List.of());
        int count = Math.max(rates.size(), Math.max(averages.size(), maxima.size()));
        List<BoardReading> boards = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<Double> chips = sane(tokens.get("PVT_T" + b));
            if (chips.isEmpty()) {
                chips = sane(at(maxima, b));
            }
            BoardReading board = BoardReading.of(b).withTemperatures(sane(at(averages, b)), chips);
            if (b < rates.size() && rates.get(b) >= 0) {
                board = board.withHashrateThs(rates.get(b) * THS_PER_GHS);
            }
            boards.add(board);
        }
        return boards;
    }

    /**
     * One board per devs record (ASC, or ID for Braiins chains): its hashrate, Braiins' Nominal MHS,
     * Temperature (board) and Whatsminer's Chip Temp Max, chips (Effective Chips or Braiins'
     * devdetails), hardware errors; Braiins' temps command adds Board and Chip sensors by ID.
     */
    private static List<BoardReading> devices(Map<String, CommandReply> replies, MinerIdentity identity) {
        Map<Integer, JsonNode> temps = new TreeMap<>();
        for (JsonNode record : ReadingMapper.records(replies, "temps", "TEMPS")) {
            Numbers.number(record, "ID").ifPresent(id -> temps.put((int) id, record));
        }
        List<BoardReading> boards = new ArrayList<>();
        for (JsonNode device : ReadingMapper.records(replies, "devs", "DEVS")) {
            // Braiins numbers its chains by ID (6–8 on an S9), as its temps do; elsewhere ID equals ASC
            OptionalDouble id = Numbers.number(device, device.has("ID") ? "ID" : device.has("ASC") ? "ASC" : "Slot");
            if (id.isEmpty()) {
                continue;
            }
            int index = (int) id.getAsDouble();
            List<Double> board = new ArrayList<>(sane(Numbers.number(device, "Temperature")));
            List<Double> chip = new ArrayList<>(sane(Numbers.number(device, "Chip Temp Max")));
            JsonNode sensors = temps.get(index);
            if (sensors != null) {
                board.addAll(sane(Numbers.number(sensors, "Board")));
                chip.addAll(sane(Numbers.number(sensors, "Chip")));
            }
            BoardReading reading = BoardReading.of(index).withTemperatures(board, chip);
            OptionalDouble rate = ReadingMapper.rate(device, false);
            if (rate.isPresent()) {
                reading = reading.withHashrateThs(rate.getAsDouble());
            }
            OptionalDouble nominal = Numbers.number(device, "Nominal MHS");
            if (nominal.isPresent() && nominal.getAsDouble() >= 0) {
                reading = reading.withNominalHashrateThs(nominal.getAsDouble() * THS_PER_MHS);
            }
            OptionalDouble chips = Numbers.number(device, "Effective Chips");
            Integer known = identity.boardChips().get(index);
            if (chips.isPresent() && chips.getAsDouble() >= 0 || known != null) {
                // these firmwares flag no failing chip over the CGMiner API: that count stays unknown
                reading = chips(reading, chips.isPresent() ? (int) chips.getAsDouble() : known, -1);
            }
            var hardwareErrors = Numbers.count(device, "Hardware Errors");
            if (hardwareErrors.isPresent()) {
                reading = reading.withHardwareErrors(hardwareErrors.getAsLong());
            }
            boards.add(reading);
        }
        return boards;
    }

    /** @return the board with its chips found and, when known (not negative), those failing */
    private static BoardReading chips(BoardReading board, int found, int failed) {
        return new BoardReading(board.index(), board.hashrateThs(), board.nominalHashrateThs(),
                board.boardTemperaturesC(), board.chipTemperaturesC(), OptionalInt.of(found),
                failed < 0 ? OptionalInt.empty() : OptionalInt.of(failed), board.hardwareErrors());
    }

    private static List<Double> sane(List<Double> values) {
        return values == null ? List.of() : values.stream().filter(SANE_TEMPERATURE::test).toList();
    }

    private static List<Double> sane(OptionalDouble value) {
        return value.isPresent() && SANE_TEMPERATURE.test(value.getAsDouble()) ? List.of(value.getAsDouble())
                : List.of();
    }

    private static List<Double> at(List<Double> values, int index) {
        return index < values.size() ? List.of(values.get(index)) : List.of();
    }
}
