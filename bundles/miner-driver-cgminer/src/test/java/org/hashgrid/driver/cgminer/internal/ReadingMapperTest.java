package org.hashgrid.driver.cgminer.internal;

import static org.hashgrid.driver.cgminer.internal.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ReadingField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReadingMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final ReplyParser parser = new ReplyParser();
    private final ReadingMapper mapper = new ReadingMapper();

    private CommandReply single(String fixture) throws DriverException {
        byte[] bytes = bytes(fixture);
        return parser.parse(bytes, bytes.length).single();
    }

    private static CommandReply summary(String json) throws DriverException {
        byte[] bytes = ("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11,\"Description\":\"cgminer 4.11.1\"}],\"SUMMARY\":["
                + json + "],\"id\":1}")
                .getBytes();
        return new ReplyParser().parse(bytes, bytes.length).single();
    }

    @ParameterizedTest(name = "{0} = {1} TH/s")
    @CsvSource(delimiter = '|', value = {
        "{\"MHS 5s\":104500000.0}|104.5", "{\"GHS 5s\":104500.0}|104.5", "{\"THS 5s\":104.5}|104.5",
        "{\"KHS 5s\":104500000000}|104.5", "{\"MHS 30s\":89876543.21}|89.87654321",
        "{\"GHS 5s\":\"13612.07\"}|13.61207",
        "{\"MHS 5m\":1.0,\"MHS 1m\":2.0,\"MHS 15s\":3000000.0}|3.0", "{\"GHS 1m\":5000,\"GHS 5s\":6000}|6.0" })
    void normalisesCurrentHashrateToThs(String record, double ths) throws Exception {
        JsonNode node = new ObjectMapper().readTree(record);
        assertEquals(ths, ReadingMapper.rate(node, false).getAsDouble(), 1e-9);
    }

    @ParameterizedTest(name = "{0} = {1} TH/s")
    @CsvSource(delimiter = '|', value = { "{\"MHS av\":13455000.21}|13.45500021", "{\"GHS av\":109012.77}|109.01277",
        "{\"THS av\":\"200.5\"}|200.5" })
    void normalisesAverageHashrateToThs(String record, double ths) throws Exception {
        assertEquals(ths, ReadingMapper.rate(new ObjectMapper().readTree(record), true).getAsDouble(), 1e-9);
    }

    @Test
    void antminerS9TakesTheOccupiedSlotsAndDropsBogusSensors() throws DriverException {
        MinerReading reading = mapper
                .map(Map.of("summary", summary("{\"Elapsed\":40312}"), "stats", single("antminer-s9-stats.json")), NOW);
        assertEquals(13.61207, reading.hashrateThs().getAsDouble(), 1e-9, "GHS 5s from stats, sent as a string");
        assertEquals(List.of(61.0, 64.0, 59.0), reading.boardTemperaturesC());
        assertEquals(List.of(77.0, 75.0), reading.chipTemperaturesC(), "temp2_7:-83 is a broken sensor");
        assertEquals(List.of(5880, 6120), reading.fanRpms());
        assertEquals(77.0, reading.maxTemperatureC().getAsDouble());
        assertEquals("Antminer S9", reading.model().orElseThrow());
    }

    @Test
    void antminerS19ReadsDashJoinedSensorListsAndDropsTheFirmwareSuffix() throws DriverException {
        MinerReading reading =
                mapper.map(Map.of("summary", summary("{\"GHS 5s\":108923.45,\"GHS av\":109012.77}"), "stats",
                        single("antminer-s19-stats.json")), NOW);
        assertEquals(108.92345, reading.hashrateThs().getAsDouble(), 1e-9);
        assertEquals(List.of(60.0, 22.0, 61.0), reading.boardTemperaturesC(), "'2--1-20-22' holds a -1");
        assertEquals(List.of(75.0, 76.0, 74.0), reading.chipTemperaturesC());
        assertEquals(List.of(5400, 5460, 5380, 5520), reading.fanRpms());
        assertEquals("Antminer S19 Pro", reading.model().orElseThrow());
        assertTrue(reading.missing().contains(ReadingField.POWER));
    }

    @Test
    void whatsminerSummaryCarriesPowerFansAndFirmware() throws DriverException {
        MinerReading reading = mapper.map(Map.of("summary", single("whatsminer-m20s-summary.json")), NOW);
        assertEquals(68.54412077, reading.hashrateThs().getAsDouble(), 1e-9);
        assertEquals(3360.0, reading.powerW().getAsDouble());
        assertEquals(List.of(4620, 4590), reading.fanRpms());
        assertEquals(91.25, reading.maxTemperatureC().getAsDouble());
        assertEquals("btminer 20200917.22.REL", reading.firmware().orElseThrow());
        assertEquals(1822, reading.acceptedShares().getAsLong());
    }

    @Test
    void avalonTelemetryComesFromTheMmString() throws DriverException {
        byte[] bytes = bytes("avalon-1246-join.json");
        MinerReading reading = mapper.map(parser.parse(bytes, bytes.length).joined(), NOW);
        assertEquals(89.87654321, reading.hashrateThs().getAsDouble(), 1e-9);
        assertTrue(reading.averageHashrateThs().isEmpty(), "MHS av was nan");
        assertEquals(List.of(76.0, 75.0, 74.0), reading.boardTemperaturesC());
        assertEquals(List.of(88.0, 87.0, 86.0), reading.chipTemperaturesC());
        assertEquals(88.0, reading.maxTemperatureC().getAsDouble());
        assertEquals(List.of(3120, 3160, 3110, 3140), reading.fanRpms());
        assertEquals(3420.0, reading.powerW().getAsDouble());
        assertEquals("AvalonMiner 1246", reading.model().orElseThrow());
        assertEquals("site7.avalon12", reading.poolUser().orElseThrow());
        assertEquals(7, reading.hardwareErrors().getAsLong());
    }

    @Test
    void luxosAndBraiinsSummariesReadInTheirOwnUnits() throws DriverException {
        assertEquals(104.50012,
                mapper.map(Map.of("summary", single("luxos-summary.json")), NOW).hashrateThs().getAsDouble(), 1e-9);
        MinerReading braiins = mapper.map(Map.of("summary", single("bosminer-summary.json")), NOW);
        assertEquals(13.49887701, braiins.hashrateThs().getAsDouble(), 1e-9, "MHS 5s wins over 1m and 24h");
        assertEquals("BOSminer+ 0.2.0-e7c1c5b7a", braiins.firmware().orElseThrow());
    }

    @Test
    void withoutAStratumFlagTheAlivePoolOfBestPriorityIsActive() throws DriverException {
        Map<String, CommandReply> replies = new LinkedHashMap<>();
        replies.put("summary", summary("{\"MHS 5s\":1}"));
        replies.put("pools", single("innosilicon-pools.json"));
        assertEquals("inno.w2", mapper.map(replies, NOW).poolUser().orElseThrow());
    }

    @Test
    void missingFieldsAreNamedNotInvented() throws DriverException {
        MinerReading reading = mapper.map(Map.of("summary", summary("{}")), NOW);
        assertEquals(EnumSet.complementOf(
                EnumSet.of(ReadingField.FIRMWARE, ReadingField.FIRMWARE_NAME, ReadingField.FIRMWARE_VERSION)),
                reading.missing());
        assertEquals("cgminer 4.11.1", reading.firmware().orElseThrow());
        assertEquals("cgminer", reading.firmwareName().orElseThrow());
        assertEquals("4.11.1", reading.firmwareVersion().orElseThrow(), "from the description");
    }

    @Test
    void placeholderTemperaturesAreNoSensors() throws DriverException {
        byte[] devs = ("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":9}],\"DEVS\":[{\"ASC\":0,\"Temperature\":-273.0},"
                + "{\"ASC\":1,\"Temperature\":0.0},{\"ASC\":2,\"Temperature\":\"\"}],\"id\":1}").getBytes();
        MinerReading reading = mapper.map(
                Map.of("summary", summary("{\"MHS 5s\":1}"), "devs", parser.parse(devs, devs.length).single()),
                NOW);
        assertTrue(reading.boardTemperaturesC().isEmpty());
        assertFalse(reading.maxTemperatureC().isPresent());
    }

    @Test
    void aFailedSummaryFailsTheRead() throws DriverException {
        byte[] denied =
                "{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":45,\"Msg\":\"Access denied to 'summary' command\"}],\"id\":1}"
                        .getBytes();
        CommandReply reply = parser.parse(denied, denied.length).single();
        assertEquals(FailureKind.ACCESS_DENIED,
                assertThrows(DriverException.class, () -> mapper.map(Map.of("summary", reply), NOW)).kind());
        byte[] unknown =
                "{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":14,\"Msg\":\"Invalid command\"}],\"id\":1}".getBytes();
        CommandReply invalid = parser.parse(unknown, unknown.length).single();
        assertEquals(FailureKind.UNSUPPORTED,
                assertThrows(DriverException.class, () -> mapper.map(Map.of("summary", invalid), NOW)).kind());
        assertEquals(FailureKind.PROTOCOL_ERROR,
                assertThrows(DriverException.class, () -> mapper.map(Map.of(), NOW)).kind());
    }
}
