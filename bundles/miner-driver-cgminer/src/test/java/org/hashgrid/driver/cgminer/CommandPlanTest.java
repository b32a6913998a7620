package org.hashgrid.driver.cgminer;

import static org.hashgrid.driver.cgminer.CgminerDriverTest.await;
import static org.hashgrid.driver.testkit.simulated.SimulatorContractTest.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.tools.simulator.Dialect;
import org.hashgrid.tools.simulator.Fault;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Complete readings of every simulated model, and the per-firmware command plans: a warm read asks
 * only what changes; what a miner tells about itself is asked again when it expires, when the
 * miner stops answering and when it restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandPlanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String FULL_JOIN = "summary+devs+pools+stats+version+devdetails";
    private static final MinerModel[] MODELS = MinerModel.values();

    private MinerSimulator simulator;
    private CgminerDriver driver;

    @BeforeAll
    void start() throws IOException {
        // miner i has model MODELS[i % n]; three rounds give each model miners with 0, 1 and 2 failing chips
        simulator = MinerSimulator.builder().miners(MODELS.length * 3).models(MODELS).start();
        driver = new CgminerDriver(CgminerSettings.DEFAULTS);
    }

    @AfterAll
    void stop() {
        driver.close();
        simulator.close();
    }

    @AfterEach
    void heal() {
        simulator.miners().forEach(miner -> miner.setFault(Fault.NONE));
    }

    private SimulatedMiner miner(MinerModel model, int round) {
        return simulator.miner(round * MODELS.length + model.ordinal());
    }

    @ParameterizedTest
    @EnumSource(MinerModel.class)
    void coldAndWarmReadingsAreEquallyComplete(MinerModel model) {
        assumeTrue(firmwareName(model.dialect()) != null, "a dialect this test does not know");
        SimulatedMiner miner = miner(model, 0);
        MinerReading cold = read(driver, miner);
        MinerReading warm = read(driver, miner);
        for (MinerReading reading : List.of(cold, warm)) {
            assertEquals(model.boards(), reading.boards().size(), "boards");
            double sum = reading.boards().stream().mapToDouble(b -> b.hashrateThs().orElseThrow()).sum();
            assertEquals(reading.hashrateThs().orElseThrow(), sum, reading.hashrateThs().orElseThrow() * 0.02,
                    "the boards add up to the miner");
            reading.boards().forEach(board -> assertFalse(board.chipTemperaturesC().isEmpty()
                    && board.boardTemperaturesC().isEmpty(), "board " + board.index() + " has sensors"));
            List<PoolReading> pools = reading.pools();
            assertEquals(List.of("Alive", "Alive", "Dead"), pools.stream().map(p -> p.status().orElseThrow()).toList());
            assertEquals(List.of(0, 1, 2), pools.stream().map(p -> p.priority().getAsInt()).toList());
            assertEquals(List.of(true, false, false), pools.stream().map(p -> p.active().orElseThrow()).toList());
            assertEquals(reading.acceptedShares().orElseThrow(), pools.get(0).accepted().orElseThrow());
            assertEquals(firmwareName(model.dialect()), reading.firmwareName().orElseThrow());
            assertTrue(reading.firmwareVersion().isPresent());
            // stock cgminer and the S9's bmminer 2.0.0 report no ideal rate
            if (model.dialect() != Dialect.CGMINER && model.dialect() != Dialect.BITMAIN_LEGACY) {
                assertEquals(model.nominalThs(), reading.nominalHashrateThs().orElseThrow(), 1e-6, "nominal");
            }
        }
        assertEquals(cold.model(), warm.model());
        assertEquals(cold.firmware(), warm.firmware());
        assertEquals(cold.firmwareVersion(), warm.firmwareVersion());
        assertEquals(cold.macAddress(), warm.macAddress());
        switch (model.dialect()) {
            case WHATSMINER -> {
                assertTrue(warm.macAddress().orElseThrow().matches("C4:0B:11:[0-9A-F:]{8}"), warm.macAddress().get());
                assertEquals(MinerMode.NORMAL, warm.mode().orElseThrow());
                assertEquals(model.nominalWatts(), warm.powerLimitW().orElseThrow(), "the limit starts at nominal");
                assertEquals(6240, warm.psuFanRpm().orElseThrow());
            }
            case AVALON -> {
                assertTrue(warm.macAddress().orElseThrow().startsWith("B4:A2:EB:"), warm.macAddress().get());
                assertEquals(MinerMode.NORMAL, warm.mode().orElseThrow());
                assertEquals(model.nominalWatts(), warm.powerLimitW().orElseThrow());
                warm.boards().forEach(b -> assertEquals(12, b.chipTemperaturesC().size(), "PVT_T sensors"));
            }
            case BITMAIN -> warm.boards().forEach(b -> {
                assertEquals(4, b.chipTemperaturesC().size(), "temp_chipN sensors");
                assertEquals(8, b.boardTemperaturesC().size(), "temp_pcbN and temp_picN sensors");
            });
            default -> {
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MinerModel.class, names = { "ANTMINER_S9", "ANTMINER_S19_PRO", "ANTMINER_S21" })
    void failingChipsComeFromTheChainMap(MinerModel model) {
        for (int round = 0; round < 3; round++) {
            SimulatedMiner miner = miner(model, round);
            MinerReading reading = read(driver, miner);
            int failingBoard = miner.index() % model.boards();
            for (BoardReading board : reading.boards()) {
                int position = reading.boards().indexOf(board);
                assertEquals(position == failingBoard ? miner.index() % 3 : 0, board.failedChips().orElseThrow(),
                        miner + " board " + board.index());
                assertEquals(model == MinerModel.ANTMINER_S9 ? 63 : 114, board.chips().orElseThrow());
            }
        }
    }

    @Test
    void warmReadsOfJoiningFirmwareAskOnlyTheLiveCommands() throws IOException {
        for (MinerModel model : List.of(MinerModel.CGMINER_ASIC, MinerModel.WHATSMINER_M30S, MinerModel.AVALON_1246,
                MinerModel.ANTMINER_S9)) {
            SimulatedMiner miner = miner(model, 1);
            try (CgminerDriver fresh = new CgminerDriver(CgminerSettings.DEFAULTS)) {
                int before = miner.receivedCommands().size();
                read(fresh, miner);
                read(fresh, miner);
                read(fresh, miner);
                List<String> sent = miner.receivedCommands().subList(before, miner.receivedCommands().size());
                String warm = switch (model.dialect()) {
                    case CGMINER -> "summary+devs+pools+stats";
                    case WHATSMINER -> "summary+devs+pools";
                    case AVALON -> "summary+pools+stats";
                    default -> "stats+pools";
                };
                assertEquals(List.of(FULL_JOIN, warm, warm), sent, model.toString());
            }
        }
    }

    @Test
    void warmReadsOfAnS19TakeTwoRoundTripsInsteadOfFour() throws IOException {
        SimulatedMiner s19 = miner(MinerModel.ANTMINER_S19_PRO, 1);
        try (CgminerDriver fresh = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            int connections = s19.connections();
            read(fresh, s19);
            assertEquals(connections + 4, s19.connections(), "refused join, summary, pools, stats");
            read(fresh, s19);
            assertEquals(connections + 6, s19.connections(), "stats, pools");
        }
    }

    @Test
    void expiredIdentitiesAreAskedAgain() throws IOException {
        SimulatedMiner miner = miner(MinerModel.WHATSMINER_M30S, 2);
        for (Duration ttl : List.of(Duration.ZERO, Duration.ofNanos(1))) {
            try (CgminerDriver forgetful = new CgminerDriver(CgminerSettings.DEFAULTS.withIdentityTtl(ttl))) {
                int before = miner.receivedCommands().size();
                read(forgetful, miner);
                read(forgetful, miner);
                assertEquals(List.of(FULL_JOIN, FULL_JOIN),
                        miner.receivedCommands().subList(before, miner.receivedCommands().size()), "TTL " + ttl);
            }
        }
    }

    @Test
    void aMinerThatStopsAnsweringIsLearnedAgain() {
        SimulatedMiner miner = miner(MinerModel.AVALON_1246, 2);
        read(driver, miner);
        read(driver, miner);
        miner.setFault(Fault.REFUSE);
        boolean failed = await(driver.read(endpoint(miner), TIMEOUT).handle((reading, failure) -> failure != null));
        assertTrue(failed);
        miner.setFault(Fault.NONE);
        read(driver, miner);
        List<String> received = miner.receivedCommands();
        assertEquals(FULL_JOIN, received.get(received.size() - 1));
    }

    @Test
    void aRestartedMinerIsLearnedAgain() throws InterruptedException {
        SimulatedMiner miner = miner(MinerModel.CGMINER_ASIC, 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        // uptime counts whole seconds: wait until it can go backwards
        while (read(driver, miner).uptimeSeconds().orElseThrow() < 1) {
            assertTrue(System.nanoTime() < deadline, "uptime never reached 1 s");
            Thread.sleep(100);
        }
        await(driver.execute(endpoint(miner), MinerCommand.restart(), TIMEOUT));
        MinerReading after = read(driver, miner);
        assertTrue(after.uptimeSeconds().orElseThrow() < 1);
        List<String> received = miner.receivedCommands();
        assertEquals(List.of("restart", "summary+devs+pools+stats", FULL_JOIN),
                received.subList(received.size() - 3, received.size()), "the warm read saw uptime go back");
    }

    @Test
    void anotherFirmwareAnsweringOnTheSameAddressIsLearnedAtOnce() throws IOException {
        int port;
        try (ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (CgminerDriver fresh = new CgminerDriver(CgminerSettings.DEFAULTS)) {
            try (MinerSimulator antminer = MinerSimulator.builder().miners(1).models(MinerModel.ANTMINER_S9)
                    .listenOn(InetAddress.getLoopbackAddress(), port).start()) {
                read(fresh, antminer.miner(0));
                assertEquals("Bitmain stock", read(fresh, antminer.miner(0)).firmwareName().orElseThrow());
            }
            try (MinerSimulator whatsminer = MinerSimulator.builder().miners(1).models(MinerModel.WHATSMINER_M30S)
                    .listenOn(InetAddress.getLoopbackAddress(), port).start()) {
                // the S9's warm plan (stats+pools) fails on btminer, which knows no stats: no failed read
                MinerReading reading = read(fresh, whatsminer.miner(0));
                assertEquals("Whatsminer", reading.firmwareName().orElseThrow());
                assertEquals(List.of("stats+pools", FULL_JOIN), whatsminer.miner(0).receivedCommands());
            }
        }
    }

    private static String firmwareName(Dialect dialect) {
        return switch (dialect) {
            case CGMINER -> "cgminer";
            case BITMAIN, BITMAIN_LEGACY -> "Bitmain stock";
            case WHATSMINER -> "Whatsminer";
            case AVALON -> "Avalon";
            // dialects with drivers of their own are checked by those drivers' tests
            default -> null;
        };
    }

    private static MinerReading read(CgminerDriver driver, SimulatedMiner miner) {
        return await(driver.read(endpoint(miner), TIMEOUT));
    }
}
