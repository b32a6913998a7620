package org.hashgrid.driver.cgminer;

import static org.hashgrid.driver.testkit.simulated.SimulatorContractTest.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.ReadingField;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.Stages;
import org.hashgrid.tools.simulator.Dialect;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.Quirk;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CGMiner driver against simulated miners over real loopback sockets: every fault, quirk and firmware. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CgminerDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final MinerModel[] MODELS = MinerModel.values();

    private MinerSimulator simulator;
    private CgminerDriver driver;

    @BeforeAll
    void start() throws IOException {
        // miner i has model MODELS[i % n]; two rounds so that tests can spoil one miner per model
        simulator = MinerSimulator.builder().miners(MODELS.length * 2).models(MODELS)
                .slowByteInterval(Duration.ofMillis(20))
                .start();
        driver = new CgminerDriver(CgminerSettings.DEFAULTS);
    }

    @AfterAll
    void stop() {
        driver.close();
        simulator.close();
    }

    @AfterEach
    void healMiners() {
        for (SimulatedMiner miner : simulator.miners()) {
            miner.setFault(Fault.NONE);
            miner.setQuirks(Set.of());
            miner.setPrivilegedAccess(true);
        }
    }

    private SimulatedMiner miner(MinerModel model) {
        return simulator.miner(model.ordinal());
    }

    @ParameterizedTest
    @EnumSource(MinerModel.class)
    void readsEveryModelInPlatformUnits(MinerModel model) {
        MinerReading reading = read(miner(model));
        double ths = reading.hashrateThs().orElseThrow();
        assertEquals(model.nominalThs(), ths, model.nominalThs() * 0.15, "hashrate in TH/s");
        assertEquals(model.nominalThs(), reading.averageHashrateThs().orElseThrow(), model.nominalThs() * 0.05);
        assertEquals(model.boards(), reading.boardTemperaturesC().size(), "one temperature per board");
        reading.boardTemperaturesC().forEach(t -> assertTrue(t > 50 && t < 70, "board °C: " + t));
        assertEquals(model.fans(), reading.fanRpms().size(), "fans");
        reading.fanRpms().forEach(rpm -> assertTrue(rpm >= 5200 && rpm < 5800, "RPM: " + rpm));
        assertEquals("stratum+tcp://pool-a.example:3333", reading.poolUrl().orElseThrow());
        assertEquals("hashgrid.w" + model.ordinal(), reading.poolUser().orElseThrow());
        assertTrue(reading.uptimeSeconds().isPresent() && reading.acceptedShares().isPresent()
                && reading.rejectedShares().isPresent() && reading.hardwareErrors().isPresent());
        assertTrue(reading.firmware().isPresent());
        Set<ReadingField> expectedMissing = switch (model.dialect()) {
            // stock cgminer names no model and reports neither chip temperatures, fans nor power
            case CGMINER -> EnumSet.of(ReadingField.CHIP_TEMPERATURES, ReadingField.FAN_SPEEDS, ReadingField.POWER,
                    ReadingField.MODEL);
            // stock Bitmain firmware has no power figure
            case BITMAIN, BITMAIN_LEGACY -> EnumSet.of(ReadingField.POWER);
            case WHATSMINER, WHATSMINER_V3, AVALON, LUXOS, BRAIINS -> EnumSet.noneOf(ReadingField.class);
        };
        Set<ReadingField> missing = EnumSet.range(ReadingField.HASHRATE, ReadingField.MODEL);
        missing.retainAll(reading.missing());
        assertEquals(expectedMissing, missing, "of the SPI 1.0 values");
        if (!expectedMissing.contains(ReadingField.MODEL)) {
            assertEquals(model.displayName(), reading.model().orElseThrow());
        }
        if (!expectedMissing.contains(ReadingField.POWER)) {
            assertEquals(model.nominalWatts(), reading.powerW().orElseThrow(), model.nominalWatts() * 0.05);
        }
    }

    @Test
    void firmwareRejectingJoinsIsAskedOneCommandAtATimeAndRemembered() throws IOException {
        SimulatedMiner s19 = simulator.miner(MODELS.length + MinerModel.ANTMINER_S19_PRO.ordinal());
        int before = s19.receivedCommands().size();
        try (CgminerDriver fresh = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            await(fresh.read(endpoint(s19), TIMEOUT));
            await(fresh.read(endpoint(s19), TIMEOUT));
        }
        List<String> received = s19.receivedCommands();
        // the cold read learns bmminer from summary; the warm one needs neither summary nor a join
        assertEquals(List.of("summary+devs+pools+stats+version+devdetails", "summary", "pools", "stats", "stats",
                "pools"), received.subList(before, received.size()));
    }

    @Test
    void joiningFirmwareIsAskedInOneRoundTrip() {
        SimulatedMiner whatsminer = simulator.miner(MODELS.length + MinerModel.WHATSMINER_M30S.ordinal());
        int before = whatsminer.connections();
        read(whatsminer);
        assertEquals(before + 1, whatsminer.connections());
    }

    @ParameterizedTest
    @EnumSource(Quirk.class)
    void survivesEveryQuirkOfEveryModel(Quirk quirk) {
        for (MinerModel model : MODELS) {
            SimulatedMiner miner = miner(model);
            miner.setQuirks(Set.of(quirk));
            MinerReading reading = read(miner);
            assertEquals(model.nominalThs(), reading.hashrateThs().orElseThrow(), model.nominalThs() * 0.15,
                    model + " " + quirk);
            assertEquals(model.boards(), reading.boardTemperaturesC().size(), model + " " + quirk);
            assertEquals("hashgrid.w" + model.ordinal(), reading.poolUser().orElseThrow(), model + " " + quirk);
            if (quirk == Quirk.NAN_VALUES && model.dialect() != Dialect.BITMAIN
                    && model.dialect() != Dialect.BITMAIN_LEGACY && model.dialect() != Dialect.LUXOS) {
                assertTrue(reading.missing().contains(ReadingField.AVERAGE_HASHRATE), "nan is no value: " + model);
            } else {
                // Bitmain (and LuxOS, bmminer-shaped) repeat the average in stats, which the driver falls back on
                assertEquals(model.nominalThs(), reading.averageHashrateThs().orElseThrow(), model.nominalThs() * 0.05,
                        model + " " + quirk);
            }
            if (quirk == Quirk.INVALID_ESCAPE && model.dialect() == Dialect.WHATSMINER) {
                assertEquals("btminer 20200917.22.REL", reading.firmware().orElseThrow());
            }
        }
    }

    @Test
    void refusedConnectionIsUnreachable() {
        SimulatedMiner miner = miner(MinerModel.ANTMINER_S21);
        miner.setFault(Fault.REFUSE);
        assertFailure(FailureKind.UNREACHABLE, driver.read(endpoint(miner), TIMEOUT), "cannot connect");
    }

    @Test
    void silentMinerTimesOutAtTheCallDeadline() {
        SimulatedMiner miner = miner(MinerModel.ANTMINER_S19_PRO);
        miner.setFault(Fault.SILENT);
        long start = System.nanoTime();
        assertFailure(FailureKind.TIMEOUT, driver.read(endpoint(miner), Duration.ofMillis(400)), "no complete reply");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 390 && ms < 1500, "timed out after " + ms + " ms");
    }

    @Test
    void slowLorisIsCutOffByTheReadTimeout() throws IOException {
        SimulatedMiner miner = miner(MinerModel.WHATSMINER_M30S);
        miner.setFault(Fault.SLOW);
        try (CgminerDriver impatient =
                new CgminerDriver(new CgminerSettings(Duration.ofSeconds(1), Duration.ofMillis(300),
                        1024 * 1024, 16))) {
            long start = System.nanoTime();
            DriverException failure =
                    assertFailure(FailureKind.TIMEOUT, impatient.read(endpoint(miner), TIMEOUT), "bytes received");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 290 && ms < 1500, "gave up after " + ms + " ms: " + failure.getMessage());
            assertFalse(failure.getMessage().contains("(0 bytes"),
                    "the miner did send some bytes: " + failure.getMessage());
        }
    }

    @Test
    void garbageIsAProtocolErrorShowingTheBytes() {
        SimulatedMiner miner = miner(MinerModel.AVALON_1246);
        miner.setFault(Fault.GARBAGE);
        DriverException failure =
                assertFailure(FailureKind.PROTOCOL_ERROR, driver.read(endpoint(miner), TIMEOUT), "not JSON");
        assertTrue(failure.replyExcerpt().orElseThrow().contains("\\xff"), failure.replyExcerpt().orElseThrow());
    }

    @Test
    void truncatedReplyIsAProtocolError() {
        SimulatedMiner miner = miner(MinerModel.CGMINER_ASIC);
        miner.setFault(Fault.TRUNCATED);
        DriverException failure =
                assertFailure(FailureKind.PROTOCOL_ERROR, driver.read(endpoint(miner), TIMEOUT), "truncated");
        assertTrue(failure.replyExcerpt().orElseThrow().contains("{\\\"summary\\\":[{"), failure.getMessage());
    }

    @Test
    void oversizedReplyIsCutAtTheConfiguredMaximum() {
        SimulatedMiner miner = miner(MinerModel.ANTMINER_S9);
        miner.setFault(Fault.OVERSIZED);
        DriverException failure = assertFailure(FailureKind.PROTOCOL_ERROR, driver.read(endpoint(miner), TIMEOUT),
                "larger than 1048576 bytes");
        assertTrue(failure.replyExcerpt().orElseThrow().contains("{\\\"STATUS\\\""),
                failure.replyExcerpt().orElseThrow());
    }

    @Test
    void resetMidReplyIsUnreachable() {
        SimulatedMiner miner = miner(MinerModel.WHATSMINER_M30S);
        miner.setFault(Fault.RESET);
        assertFailure(FailureKind.UNREACHABLE, driver.read(endpoint(miner), TIMEOUT), "connection lost");
    }

    @Test
    void emptyReplyIsRetriedOnceThenUnreachable() {
        SimulatedMiner miner = miner(MinerModel.ANTMINER_S19J_PRO);
        miner.setFault(Fault.EMPTY);
        int before = miner.connections();
        assertFailure(FailureKind.UNREACHABLE, driver.read(endpoint(miner), TIMEOUT), "without replying");
        assertEquals(before + 2, miner.connections(), "one retry");
    }

    @Test
    void keepsOneConnectionPerMinerAtATime() {
        SimulatedMiner miner = miner(MinerModel.AVALON_1246);
        List<CompletableFuture<MinerReading>> reads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            reads.add(driver.read(endpoint(miner), TIMEOUT).toCompletableFuture());
        }
        reads.forEach(CompletableFuture::join);
        assertEquals(1, miner.peakOpenConnections());
    }

    @Test
    void requestsBeyondTheConnectionLimitWaitTheirTurn() throws IOException {
        try (CgminerDriver narrow =
                new CgminerDriver(new CgminerSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1024 * 1024, 1))) {
            List<CompletableFuture<MinerReading>> reads = new ArrayList<>();
            for (SimulatedMiner miner : simulator.miners()) {
                reads.add(narrow.read(endpoint(miner), TIMEOUT).toCompletableFuture());
            }
            reads.forEach(read -> assertTrue(read.join().hashrateThs().isPresent()));

            SimulatedMiner silent = miner(MinerModel.ANTMINER_S9);
            silent.setFault(Fault.SILENT);
            CompletionStage<MinerReading> blocking = narrow.read(endpoint(silent), TIMEOUT);
            assertFailure(FailureKind.TIMEOUT,
                    narrow.read(endpoint(miner(MinerModel.ANTMINER_S21)), Duration.ofMillis(300)),
                    "free connection");
            assertFailure(FailureKind.TIMEOUT, blocking, "no complete reply");
        }
    }

    @Test
    void hostNamesAreResolved() {
        SimulatedMiner miner = miner(MinerModel.CGMINER_ASIC);
        MinerReading reading = await(driver.read(new MinerEndpoint("localhost", miner.address().getPort()), TIMEOUT));
        assertTrue(reading.hashrateThs().isPresent());
    }

    @Test
    void stockCgminerStopsByDisablingEveryAscAndStartsAgain() {
        SimulatedMiner miner = simulator.miner(MODELS.length + MinerModel.CGMINER_ASIC.ordinal());
        CommandResult stopped = await(driver.execute(endpoint(miner), MinerCommand.stop(), TIMEOUT));
        assertFalse(miner.isMining());
        assertTrue(stopped.message().contains("ASC 0 set disable flag"), stopped.message());
        assertEquals(0.0, read(miner).hashrateThs().orElseThrow());
        await(driver.execute(endpoint(miner), MinerCommand.start(), TIMEOUT));
        assertTrue(miner.isMining());
        assertTrue(read(miner).hashrateThs().orElseThrow() > 10);
        assertTrue(miner.receivedCommands().containsAll(List.of("ascdisable", "ascenable")));
    }

    @Test
    void avalonSoftOffShowsZeroHashrateAndIdlePower() {
        SimulatedMiner miner = simulator.miner(MODELS.length + MinerModel.AVALON_1246.ordinal());
        await(driver.execute(endpoint(miner), MinerCommand.stop(), TIMEOUT));
        MinerReading reading = read(miner);
        assertEquals(0.0, reading.hashrateThs().orElseThrow());
        assertTrue(reading.powerW().orElseThrow() < 50, "idle power: " + reading.powerW());
        await(driver.execute(endpoint(miner), MinerCommand.start(), TIMEOUT));
        assertTrue(miner.isMining());
        assertTrue(miner.receivedCommands().contains("ascset"));
    }

    @Test
    void restartIsAcknowledgedByStringStatus() {
        SimulatedMiner miner = simulator.miner(MODELS.length + MinerModel.CGMINER_ASIC.ordinal());
        CommandResult result = await(driver.execute(endpoint(miner), MinerCommand.restart(), TIMEOUT));
        assertEquals("RESTART", result.message());
        assertTrue(read(miner).uptimeSeconds().getAsLong() < 5);
    }

    @Test
    void refusedPrivilegeIsAccessDenied() {
        SimulatedMiner miner = miner(MinerModel.CGMINER_ASIC);
        miner.setPrivilegedAccess(false);
        assertFailure(FailureKind.ACCESS_DENIED, driver.execute(endpoint(miner), MinerCommand.stop(), TIMEOUT),
                "Access denied");
        assertTrue(miner.isMining());
    }

    @Test
    void firmwareThatCannotStopOverThisApiIsUnsupportedAndUntouched() {
        for (MinerModel model : List.of(MinerModel.ANTMINER_S19_PRO, MinerModel.ANTMINER_S9,
                MinerModel.WHATSMINER_M30S)) {
            SimulatedMiner miner = miner(model);
            assertFailure(FailureKind.UNSUPPORTED, driver.execute(endpoint(miner), MinerCommand.stop(), TIMEOUT),
                    "cannot STOP");
            assertTrue(miner.isMining());
            assertFalse(miner.receivedCommands().stream().anyMatch(c -> c.startsWith("asc") || c.equals("restart")),
                    model.name());
        }
    }

    @Test
    void powerLimitIsUnsupportedWithoutTouchingTheMiner() {
        SimulatedMiner miner = miner(MinerModel.WHATSMINER_M30S);
        int before = miner.connections();
        assertFailure(FailureKind.UNSUPPORTED,
                driver.execute(endpoint(miner), MinerCommand.setPowerLimit(3000), TIMEOUT), "power limit");
        assertEquals(before, miner.connections());
    }

    @ParameterizedTest
    @EnumSource(MinerModel.class)
    void probeTellsModelFirmwareAndCapabilities(MinerModel model) {
        ProbeResult probe = await(driver.probe(endpoint(miner(model)), TIMEOUT));
        assertEquals("cgminer", probe.driverId());
        assertEquals(model == MinerModel.CGMINER_ASIC ? Optional.empty() : Optional.of(model.displayName()),
                probe.model());
        assertTrue(probe.firmware().isPresent());
        assertTrue(probe.serialNumber().isEmpty(), "the CGMiner API reports no serial number");
        boolean controllable = model.dialect() == Dialect.CGMINER
                || model.dialect() == Dialect.AVALON;
        assertEquals(controllable, probe.capabilities().contains(DriverCapability.STOP),
                probe.capabilities().toString());
    }

    @Test
    void closedDriverFailsCallsAsUnreachable() throws IOException {
        CgminerDriver closing = new CgminerDriver(CgminerSettings.DEFAULTS);
        SimulatedMiner silent = miner(MinerModel.ANTMINER_S21);
        silent.setFault(Fault.SILENT);
        CompletionStage<MinerReading> inFlight = closing.read(endpoint(silent), TIMEOUT);
        closing.close();
        assertFailure(FailureKind.UNREACHABLE, inFlight, "stopped");
        assertFailure(FailureKind.UNREACHABLE, closing.read(endpoint(miner(MinerModel.ANTMINER_S9)), TIMEOUT),
                "stopped");
    }

    private MinerReading read(SimulatedMiner miner) {
        return await(driver.read(endpoint(miner), TIMEOUT));
    }

    /** @return the stage's value within the test timeout; its failure fails the test */
    static <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, TIMEOUT.plusSeconds(1));
    }

    private static DriverException assertFailure(FailureKind kind, CompletionStage<?> stage, String messagePart) {
        DriverException failure = Stages.awaitFailure(stage, TIMEOUT.plusSeconds(1));
        assertEquals(kind, failure.kind(), failure.getMessage());
        assertTrue(failure.getMessage().contains(messagePart),
                "message '" + failure.getMessage() + "' should mention " + messagePart);
        return failure;
    }
}
