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
import java.util.Optional;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
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

    private MinerReading join(String fixture) throws DriverException {
        byte[] bytes = bytes(fixture);
        return mapper.map(parser.parse(bytes, bytes.length).joined(), NOW);
    }

    private static BoardReading board(MinerReading reading, int index) {
        return reading.boards().stream().filter(b -> b.index() == index).findFirst().orElseThrow();
    }

    @Test
    void antminerWarmReadTakesEverySensorChipMapsAndSharesWithoutSummary() throws DriverException {
        byte[] bytes = bytes("antminer-s19-stock-warm.json");
        Map<String, CommandReply> replies = parser.parse(bytes, bytes.length).joined();
        // the identity a cold read learned from summary; the warm plan asks only stats and pools
        MinerIdentity identity = new MinerIdentity(FirmwareFamily.BITMAIN, "bmminer 1.0.0",
                Optional.of("bmminer 1.0.0"), Optional.of("Antminer S19j Pro"),
                Optional.of("Fri Aug 20 16:18:52 CST 2021"), Optional.empty(), Map.of());
        MinerReading reading = mapper.map(replies, identity, NOW);
        assertEquals(99.8112, reading.hashrateThs().getAsDouble(), 1e-9, "GHS 5s of stats");
        assertEquals(7261, reading.uptimeSeconds().getAsLong(), "Elapsed of stats");
        assertEquals(1812, reading.acceptedShares().getAsLong(), "summed over the pools");
        assertEquals(4, reading.rejectedShares().getAsLong());
        assertEquals(57, reading.hardwareErrors().getAsLong(), "summed over chain_hwN");
        assertEquals(3, reading.boards().size());
        BoardReading first = board(reading, 1);
        assertEquals(List.of(52.0, 54.0, 58.0, 57.0, 52.0, 53.0, 57.0, 57.0), first.boardTemperaturesC(),
                "temp_pcb then temp_pic sensors");
        assertEquals(List.of(66.0, 68.0, 81.0, 79.0), first.chipTemperaturesC());
        assertEquals(33.3012, first.hashrateThs().getAsDouble(), 1e-9);
        assertEquals(33.33333, first.nominalHashrateThs().getAsDouble(), 1e-9);
        assertEquals(126, first.chips().getAsInt());
        assertEquals(1, first.failedChips().getAsInt());
        assertEquals(20, first.hardwareErrors().getAsLong());
        assertEquals(List.of(67.0, 69.0), board(reading, 2).chipTemperaturesC(), "-40 and 255 are glitches");
        assertEquals(List.of(53.0, 55.0, 59.0, 58.0), board(reading, 2).boardTemperaturesC(), "0-0-0-0: no sensor");
        assertEquals(2, board(reading, 3).failedChips().getAsInt());
        assertEquals(81.0, reading.maxTemperatureC().getAsDouble(), "the hottest chip sensor, above temp2_1 = 70");
        assertEquals(List.of(81.0, 69.0, 74.0), reading.chipTemperaturesC(), "hottest chip sensor per board");
        assertEquals(100.0, reading.nominalHashrateThs().getAsDouble(), 1e-9);
        assertEquals(3, reading.pools().size());
        PoolReading backup = reading.pools().get(2);
        assertEquals("stratum+tcp://btc.pool-c.example:25", backup.url());
        assertEquals("Dead", backup.status().orElseThrow());
        assertEquals(2, backup.priority().getAsInt());
        assertFalse(backup.active().orElseThrow());
        assertEquals(1, reading.pools().get(0).stale().getAsLong());
        assertEquals("stratum+tcp://btc.pool-a.example:3333", reading.poolUrl().orElseThrow());
        assertEquals("Bitmain stock", reading.firmwareName().orElseThrow());
        assertEquals("Fri Aug 20 16:18:52 CST 2021", reading.firmwareVersion().orElseThrow());
        assertTrue(reading.missing().containsAll(EnumSet.of(ReadingField.MAC_ADDRESS, ReadingField.POWER,
                ReadingField.MODE, ReadingField.POWER_LIMIT)), "stock bmminer tells none over the CGMiner API");
    }

    @Test
    void vnishIsRecognisedByItsTypeSuffix() throws DriverException {
        MinerReading reading =
                mapper.map(
                        Map.of("summary", summary("{\"GHS 5s\":108923.45}"), "stats",
                                single("antminer-s19-stats.json")),
                        NOW);
        assertEquals("VNish", reading.firmwareName().orElseThrow());
        assertEquals("3.8.6", reading.firmwareVersion().orElseThrow());
        assertEquals(List.of(59.0, 61.0, 73.0, 75.0), board(reading, 1).chipTemperaturesC());
        assertEquals(List.of(2.0, 20.0, 22.0), board(reading, 2).boardTemperaturesC(), "'2--1-20-22' holds a -1");
        assertEquals(0, board(reading, 1).failedChips().getAsInt());
        assertEquals(110.0, reading.nominalHashrateThs().getAsDouble(), 1e-9);
    }

    @Test
    void antminerSleepModeFromStats() throws DriverException {
        byte[] stats = ("{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":70,\"Description\":\"bmminer 2.0.0\"}],"
                + "\"STATS\":[{\"Type\":\"Antminer S17 Pro\"},{\"Elapsed\":60,\"GHS 5s\":\"0.00\",\"Mode\":254}],\"id\":1}")
                .getBytes();
        MinerReading reading = mapper.map(Map.of("stats", parser.parse(stats, stats.length).single()), NOW);
        assertEquals(MinerMode.SLEEP, reading.mode().orElseThrow());
    }

    @Test
    void whatsminerReadsBoardsModeLimitPsuFanErrorsAndMac() throws DriverException {
        MinerReading reading = join("whatsminer-m30s-join.json");
        assertEquals("Whatsminer", reading.firmwareName().orElseThrow());
        assertEquals("20210322.22.REL", reading.firmwareVersion().orElseThrow());
        assertEquals("M30S+_VE40", reading.model().orElseThrow());
        assertEquals("C4:0B:11:00:2A:5F", reading.macAddress().orElseThrow());
        assertEquals(MinerMode.LOW_POWER, reading.mode().orElseThrow());
        assertEquals(3600.0, reading.powerLimitW().getAsDouble());
        assertEquals(6240, reading.psuFanRpm().getAsInt());
        assertEquals(List.of("error code 2010", "error code 531"), reading.errors());
        assertEquals(88.0, reading.nominalHashrateThs().getAsDouble(), 1e-9, "Factory GHS");
        assertEquals(3, reading.boards().size());
        BoardReading second = board(reading, 1);
        assertEquals(List.of(), second.boardTemperaturesC(), "-5 °C is a glitch");
        assertEquals(List.of(91.25), second.chipTemperaturesC());
        assertEquals(148, second.chips().getAsInt());
        assertTrue(second.failedChips().isEmpty(), "btminer flags no failing chip");
        assertEquals(29.6, second.hashrateThs().getAsDouble(), 1e-9);
        assertEquals(List.of(), board(reading, 2).chipTemperaturesC(), "999 °C is a glitch");
        assertEquals(91.25, reading.maxTemperatureC().getAsDouble());
    }

    @Test
    void avalonBoardsComeFromTheMmTokensWithEveryChipSensor() throws DriverException {
        MinerReading reading = join("avalon-1246-join.json");
        assertEquals("Avalon", reading.firmwareName().orElseThrow());
        assertEquals("21042001_4ec6bb0_61407fa", reading.firmwareVersion().orElseThrow());
        assertEquals("B4:A2:EB:4C:1A:02", reading.macAddress().orElseThrow());
        assertEquals(3300.0, reading.powerLimitW().getAsDouble());
        assertEquals(MinerMode.NORMAL, reading.mode().orElseThrow());
        assertEquals(List.of("board 1 error code 512"), reading.errors());
        assertEquals(89.8765, reading.nominalHashrateThs().getAsDouble(), 1e-9, "GHSmm");
        assertEquals(List.of(80.0, 88.0, 84.0), board(reading, 0).chipTemperaturesC(), "PVT_T0 without its -5");
        assertEquals(List.of(87.0), board(reading, 1).chipTemperaturesC(), "MTmax where no PVT list");
        assertEquals(29.9588, board(reading, 0).hashrateThs().getAsDouble(), 1e-9);
    }

    @Test
    void braiinsReadsChainsTempsFansTunerAndChipsFromDevdetails() throws DriverException {
        MinerReading reading = join("bosminer-join.json");
        assertEquals("Braiins OS", reading.firmwareName().orElseThrow());
        assertEquals("0.2.0-e7c1c5b7a", reading.firmwareVersion().orElseThrow());
        assertEquals(List.of(6, 7, 8), reading.boards().stream().map(BoardReading::index).toList());
        assertEquals(List.of(55.0), board(reading, 6).boardTemperaturesC(), "devs Temperature 0.0 is no sensor");
        assertEquals(List.of(74.5), board(reading, 7).chipTemperaturesC());
        assertEquals(List.of(), board(reading, 8).boardTemperaturesC(), "-1 is a glitch");
        assertEquals(62, board(reading, 8).chips().getAsInt());
        assertEquals(4.6, board(reading, 6).nominalHashrateThs().getAsDouble(), 1e-9);
        assertEquals(13.8, reading.nominalHashrateThs().getAsDouble(), 1e-9, "sum of Nominal MHS");
        assertEquals(List.of(4200, 4260), reading.fanRpms(), "a fan at 0 RPM is no fan");
        assertEquals(1180.0, reading.powerW().getAsDouble());
        assertEquals(1200.0, reading.powerLimitW().getAsDouble());
        assertEquals(List.of("chain 8: Error: chain lost"), reading.errors());
        assertEquals("stratum2+tcp://v2.pool.example/abc", reading.poolUrl().orElseThrow());
    }

    @Test
    void luxosReadsStatsChainsPowerFansAndMacFromConfig() throws DriverException {
        MinerReading reading = join("luxos-join.json");
        assertEquals("LuxOS", reading.firmwareName().orElseThrow());
        assertEquals("2024.5.1.122312", reading.firmwareVersion().orElseThrow());
        assertEquals("02:42:AC:11:00:02", reading.macAddress().orElseThrow());
        assertEquals("Antminer S19j Pro", reading.model().orElseThrow());
        assertEquals(2890.0, reading.powerW().getAsDouble());
        assertEquals(List.of(3600, 3660, 3590, 3610), reading.fanRpms());
        assertEquals(List.of(1, 2), reading.boards().stream().map(BoardReading::index).toList(),
                "chain 3 is empty: no chips, no rate, only zero sensors");
        assertEquals(1, board(reading, 2).failedChips().getAsInt());
        assertEquals(77.0, reading.maxTemperatureC().getAsDouble());
        assertEquals(104.0, reading.nominalHashrateThs().getAsDouble(), 1e-9);
    }

    @Test
    void stockCgminerBoardsAreItsAscDevices() throws DriverException {
        MinerReading reading = join("cgminer-join.json");
        assertEquals("cgminer", reading.firmwareName().orElseThrow());
        assertEquals("4.11.1", reading.firmwareVersion().orElseThrow());
        assertEquals(2, reading.boards().size());
        assertEquals(7.0, board(reading, 0).hashrateThs().getAsDouble(), 1e-9);
        assertEquals(List.of(), board(reading, 1).boardTemperaturesC(), "-273 is no sensor");
        assertEquals(2, board(reading, 1).hardwareErrors().getAsLong());
        assertEquals("Disabled", reading.pools().get(1).status().orElseThrow());
        assertTrue(reading.macAddress().isEmpty());
    }

    @Test
    void macAddressesAreNormalisedOrDropped() {
        assertEquals("B4:A2:EB:00:00:01", MinerIdentity.normaliseMac("b4a2eb000001").orElseThrow());
        assertEquals("02:42:AC:11:00:02", MinerIdentity.normaliseMac("02-42-ac-11-00-02").orElseThrow());
        assertTrue(MinerIdentity.normaliseMac("not a mac").isEmpty());
        assertTrue(MinerIdentity.normaliseMac("b4a2eb0000").isEmpty());
    }
}
