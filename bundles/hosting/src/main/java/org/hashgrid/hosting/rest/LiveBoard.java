package org.hashgrid.hosting.rest;

import java.util.List;

import org.hashgrid.core.Doc;
import org.hashgrid.driver.BoardReading;

/** One hashboard of a {@link LiveReading}, every sensor included. Absent values are null. */
public record LiveBoard(
        @Doc("The board's number as the firmware counts it (chain, slot or ASC)") int index,
        @Doc("Hashrate in TH/s") Double hashrate,
        @Doc("Factory (ideal) hashrate in TH/s") Double nominalHashrate,
        @Doc("Every board sensor (PCB, inlet, outlet) in °C") List<Double> boardTemperatures,
        @Doc("Every chip sensor in °C") List<Double> chipTemperatures,
        @Doc("Chips the firmware found") Integer chips,
        @Doc("Chips the firmware flags as failing") Integer failedChips,
        Long hardwareErrors) {

    static LiveBoard of(BoardReading b) {
        return new LiveBoard(b.index(), b.hashrateThs().isPresent() ? b.hashrateThs().getAsDouble() : null,
                b.nominalHashrateThs().isPresent() ? b.nominalHashrateThs().getAsDouble() : null,
                b.boardTemperaturesC(), b.chipTemperaturesC(), b.chips().isPresent() ? b.chips().getAsInt() : null,
                b.failedChips().isPresent() ? b.failedChips().getAsInt() : null,
                b.hardwareErrors().isPresent() ? b.hardwareErrors().getAsLong() : null);
    }
}
