package org.hashgrid.driver;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One hashboard in a {@link MinerReading}. Temperatures are every sensor the firmware reports for
 * the board, in the firmware's order, with glitches (negative or impossible values) left out.
 *
 * @param index              the board's index as the firmware numbers it (chain, slot or ASC id)
 * @param hashrateThs        the board's current hashrate in TH/s
 * @param nominalHashrateThs the board's factory (ideal) hashrate in TH/s
 * @param boardTemperaturesC every PCB/inlet/outlet sensor of the board in °C
 * @param chipTemperaturesC  every chip sensor of the board in °C
 * @param chips              the number of chips the firmware found on the board
 * @param failedChips        chips the firmware flags as failing (e.g. {@code x} in Antminer's chain map)
 * @param hardwareErrors     hardware errors counted on this board
 */
public record BoardReading(int index, OptionalDouble hashrateThs, OptionalDouble nominalHashrateThs,
        List<Double> boardTemperaturesC, List<Double> chipTemperaturesC, OptionalInt chips, OptionalInt failedChips,
        OptionalLong hardwareErrors) {

    public BoardReading {
        Objects.requireNonNull(hashrateThs, "hashrateThs");
        Objects.requireNonNull(nominalHashrateThs, "nominalHashrateThs");
        hashrateThs.ifPresent(v -> requireNonNegative("hashrateThs", v));
        nominalHashrateThs.ifPresent(v -> requireNonNegative("nominalHashrateThs", v));
        boardTemperaturesC = List.copyOf(boardTemperaturesC);
        chipTemperaturesC = List.copyOf(chipTemperaturesC);
        Stream.concat(boardTemperaturesC.stream(), chipTemperaturesC.stream()).forEach(t -> {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("temperature is not a finite number: " + t);
            }
        });
        Objects.requireNonNull(chips, "chips");
        Objects.requireNonNull(failedChips, "failedChips");
        Objects.requireNonNull(hardwareErrors, "hardwareErrors");
        if (chips.orElse(0) < 0 || failedChips.orElse(0) < 0 || hardwareErrors.orElse(0) < 0) {
            throw new IllegalArgumentException("negative count on board " + index);
        }
    }

    /** @return a board with nothing known but its index; add values with the {@code with…} methods */
    public static BoardReading of(int index) {
        return new BoardReading(index, OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());
    }

    public BoardReading withHashrateThs(double value) {
        return new BoardReading(index, OptionalDouble.of(value), nominalHashrateThs, boardTemperaturesC,
                chipTemperaturesC, chips, failedChips, hardwareErrors);
    }

    public BoardReading withNominalHashrateThs(double value) {
        return new BoardReading(index, hashrateThs, OptionalDouble.of(value), boardTemperaturesC, chipTemperaturesC,
                chips, failedChips, hardwareErrors);
    }

    public BoardReading withTemperatures(List<Double> board, List<Double> chip) {
        return new BoardReading(index, hashrateThs, nominalHashrateThs, board, chip, chips, failedChips,
                hardwareErrors);
    }

    public BoardReading withChips(int found, int failed) {
        return new BoardReading(index, hashrateThs, nominalHashrateThs, boardTemperaturesC, chipTemperaturesC,
                OptionalInt.of(found), OptionalInt.of(failed), hardwareErrors);
    }

    public BoardReading withHardwareErrors(long value) {
        return new BoardReading(index, hashrateThs, nominalHashrateThs, boardTemperaturesC, chipTemperaturesC, chips,
                failedChips, OptionalLong.of(value));
    }

    /** @return the hottest chip sensor of the board */
    public OptionalDouble hottestChipC() {
        return chipTemperaturesC.stream().mapToDouble(Double::doubleValue).max();
    }

    /** @return the hottest board sensor */
    public OptionalDouble hottestBoardC() {
        return boardTemperaturesC.stream().mapToDouble(Double::doubleValue).max();
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
        }
    }
}
