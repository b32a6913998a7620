package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class MinerReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void everythingNotReportedIsMissing() {
        assertEquals(EnumSet.allOf(ReadingField.class), MinerReading.builder(NOW).build().missing());
    }

    @Test
    void namesOnlyWhatIsAbsent() {
        MinerReading reading = MinerReading.builder(NOW).hashrateThs(104.2).averageHashrateThs(103.9)
                .boardTemperaturesC(List.of(61.0, 63.5, 62.0)).chipTemperaturesC(List.of(75.0, 77.0, 76.0))
                .fanRpms(List.of(5400, 5460, 5380, 5500)).uptimeSeconds(86400).acceptedShares(1200).rejectedShares(3)
                .hardwareErrors(17).poolUrl("stratum+tcp://pool.example:3333").poolUser("site.a17")
                .firmware("bmminer 1.0.0").model("Antminer S19 Pro")
                .boards(List.of(BoardReading.of(0).withHashrateThs(34.7)))
                .pools(List.of(PoolReading.of(0, "stratum+tcp://pool.example:3333").withActive(true)))
                .firmwareName("Bitmain stock").firmwareVersion("Thu May 26 2022").macAddress("02:55:97:22:3A:72")
                .nominalHashrateThs(110).mode(MinerMode.NORMAL).powerLimitW(3250).build();
        assertEquals(EnumSet.of(ReadingField.POWER, ReadingField.PSU_FAN_SPEED), reading.missing());
        assertEquals(77.0, reading.maxTemperatureC().getAsDouble());
    }

    @Test
    void perBoardSensorsFeedTheSummaryTemperatures() {
        MinerReading reading = MinerReading.builder(NOW)
                .boards(List.of(BoardReading.of(0).withTemperatures(List.of(55.0, 58.0), List.of(70.0, 83.0, 71.0)),
                        BoardReading.of(1).withTemperatures(List.of(56.0), List.of(72.0))))
                .build();
        assertEquals(List.of(58.0, 56.0), reading.boardTemperaturesC());
        assertEquals(List.of(83.0, 72.0), reading.chipTemperaturesC(), "the hottest chip of each board");
        assertEquals(83.0, reading.maxTemperatureC().getAsDouble());
    }

    @Test
    void theOneDotZeroConstructorLeavesTheNewValuesAbsent() {
        MinerReading old = MinerReading.builder(NOW).hashrateThs(1).build();
        MinerReading rebuilt = new MinerReading(old.readAt(), old.hashrateThs(), old.averageHashrateThs(),
                old.boardTemperaturesC(), old.chipTemperaturesC(), old.maxTemperatureC(), old.powerW(), old.fanRpms(),
                old.uptimeSeconds(), old.acceptedShares(), old.rejectedShares(), old.hardwareErrors(), old.poolUrl(),
                old.poolUser(), old.firmware(), old.model());
        assertEquals(old, rebuilt);
    }

    @Test
    void anExplicitMaximumTemperatureWins() {
        MinerReading reading =
                MinerReading.builder(NOW).boardTemperaturesC(List.of(60.0)).maxTemperatureC(81.0).build();
        assertEquals(81.0, reading.maxTemperatureC().getAsDouble());
    }

    @Test
    void rejectsInsaneValues() {
        assertThrows(IllegalArgumentException.class, () -> MinerReading.builder(NOW).hashrateThs(-1).build());
        assertThrows(IllegalArgumentException.class, () -> MinerReading.builder(NOW).hashrateThs(Double.NaN).build());
        assertThrows(IllegalArgumentException.class,
                () -> MinerReading.builder(NOW).powerW(Double.POSITIVE_INFINITY).build());
        assertThrows(IllegalArgumentException.class,
                () -> MinerReading.builder(NOW).boardTemperaturesC(List.of(Double.NaN)).build());
        assertThrows(IllegalArgumentException.class, () -> MinerReading.builder(NOW).fanRpms(List.of(-5)).build());
        assertThrows(IllegalArgumentException.class, () -> MinerReading.builder(NOW).acceptedShares(-1).build());
    }

    @Test
    void listsAreImmutable() {
        MinerReading reading = MinerReading.builder(NOW).fanRpms(List.of(1)).build();
        assertThrows(UnsupportedOperationException.class, () -> reading.fanRpms().add(2));
    }

    @Test
    void aBuilderFromAReadingKeepsEveryValueAndChangesWhatIsSet() {
        MinerReading full = MinerReading.builder(NOW).hashrateThs(104.2).averageHashrateThs(103.9)
                .boards(List.of(BoardReading.of(0).withTemperatures(List.of(55.0), List.of(70.0, 83.0))))
                .fanRpms(List.of(5400)).powerW(3250).uptimeSeconds(86400).acceptedShares(1200).rejectedShares(3)
                .hardwareErrors(17).poolUrl("stratum+tcp://pool.example:3333").poolUser("site.a17")
                .firmware("bmminer 1.0.0").model("Antminer S19 Pro")
                .pools(List.of(PoolReading.of(0, "stratum+tcp://pool.example:3333").withActive(true)))
                .firmwareName("Bitmain stock").firmwareVersion("2022-05-26").macAddress("02:55:97:22:3A:72")
                .nominalHashrateThs(110).errors(List.of("E1")).mode(MinerMode.NORMAL).powerLimitW(3250)
                .psuFanRpm(2400).build();
        assertEquals(full, full.toBuilder().build());
        MinerReading asleep = full.toBuilder().mode(MinerMode.SLEEP).build();
        assertEquals(MinerMode.SLEEP, asleep.mode().orElseThrow());
        assertEquals(full.boards(), asleep.boards());
        assertEquals(full.maxTemperatureC(), asleep.maxTemperatureC());
    }
}
