package org.hashgrid.driver.braiins;

import static org.hashgrid.driver.braiins.BraiinsDriverContractTest.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.testkit.Stages;
import org.hashgrid.tools.simulator.ControlQuirk;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Braiins OS specifics: tokens, pause, power target, honest readings, other firmware, many miners. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BraiinsDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String LOGIN = "POST /api/v1/auth/login";

    private CgminerDriver cgminer;
    private BraiinsDriver driver;
    private MinerSimulator simulator;
    private SimulatedMiner miner;
    private MinerAccess access;

    @BeforeAll
    void startDriver() throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new BraiinsDriver(cgminer, Duration.ofSeconds(3));
    }

    @AfterAll
    void stopDriver() {
        driver.close();
        cgminer.close();
    }

    @BeforeEach
    void startMiner() throws IOException {
        simulator = MinerSimulator.builder().miners(2).models(MinerModel.ANTMINER_S19_BRAIINS, MinerModel.CGMINER_ASIC)
                .start();
        miner = simulator.miner(0);
        access = access(miner, "root");
    }

    @AfterEach
    void stopMiner() {
        simulator.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, TIMEOUT.plusSeconds(1));
    }

    private static DriverException failure(CompletionStage<?> stage) {
        return Stages.awaitFailure(stage, TIMEOUT.plusSeconds(1));
    }

    private CommandResult execute(MinerCommand command) {
        return await(driver.execute(access, command, TIMEOUT));
    }

    private MinerReading read(MinerAccess as) {
        return await(driver.read(as, TIMEOUT));
    }

    private long logins(SimulatedMiner of) {
        return of.receivedCommands().stream().filter(LOGIN::equals).count();
    }

    @Test
    void pauseIsCurtailmentAndTheReadingSaysSo() {
        assertEquals("paused", execute(MinerCommand.stop()).message());
        assertTrue(miner.isAsleep());
        MinerReading paused = read(access);
        assertEquals(MinerMode.SLEEP, paused.mode().orElseThrow());
        assertEquals(0.0, paused.hashrateThs().orElseThrow());
        assertEquals("already paused", execute(MinerCommand.stop()).message());
        assertEquals("resumed", execute(MinerCommand.start()).message());
        assertEquals(MinerMode.NORMAL, read(access).mode().orElseThrow());
        assertEquals(1, logins(miner), "one token serves every call");
        assertEquals("Braiins OS", read(access).firmwareName().orElseThrow());
        assertEquals("25.07", read(access).firmwareVersion().orElseThrow());
    }

    @Test
    void anExpiredTokenCostsExactlyOneNewLogin() {
        execute(MinerCommand.stop());
        // the token expires: a request while the timeout is tiny lets the firmware drop it
        miner.setSessionTimeout(Duration.ofNanos(1));
        read(access);
        miner.setSessionTimeout(null);
        long before = logins(miner);
        execute(MinerCommand.start());
        assertTrue(miner.isMining());
        assertEquals(before + 1, logins(miner), miner.receivedCommands().toString());
    }

    @Test
    void aWrongPasswordIsTriedOnceAndReadsNeverRetryIt() {
        MinerAccess wrong = access(miner, "wrong");
        DriverException denied = failure(driver.execute(wrong, MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, denied.kind());
        assertFalse(denied.getMessage().contains("wrong"), "the password never shows: " + denied.getMessage());
        for (int i = 0; i < 5; i++) {
            MinerReading reading = read(wrong);
            assertTrue(reading.hashrateThs().orElseThrow() > 0, "the cgminer port still reads");
            assertTrue(reading.mode().isEmpty(), "no REST values without a login");
        }
        assertEquals(1, logins(miner), "polling never hammers the login: " + miner.receivedCommands());
        assertTrue(miner.isMining());
    }

    @Test
    void withoutCredentialsReadsSkipTheRestApi() {
        MinerReading reading =
                read(new MinerAccess(access.endpoint(), access.controlPort(), java.util.Optional.empty()));
        assertTrue(reading.mode().isEmpty());
        assertEquals(0, logins(miner));
    }

    @Test
    void powerTargetRoundTripsAndTheHashrateFollows() {
        assertEquals("power target 2800 W", execute(MinerCommand.setPowerLimit(2800)).message());
        MinerReading reading = read(access);
        assertEquals(2800.0, reading.powerLimitW().orElseThrow());
        double expected = MinerModel.ANTMINER_S19_BRAIINS.nominalThs() * 2800 / 3250;
        assertTrue(Math.abs(reading.hashrateThs().orElseThrow() - expected) < expected * 0.1, reading.hashrateThs()
                .toString());
        DriverException refused = failure(driver.execute(access, MinerCommand.setPowerLimit(100), TIMEOUT));
        assertEquals(FailureKind.UNSUPPORTED, refused.kind());
        assertTrue(refused.getMessage().contains("power target must be between"), refused.getMessage());
    }

    @Test
    void aMinerThatIgnoresThePauseIsReportedAsItSaysAndAsItHashes() {
        miner.setControlQuirks(Set.of(ControlQuirk.IGNORES_SLEEP));
        assertEquals("paused", execute(MinerCommand.stop()).message());
        MinerReading reading = read(access);
        assertEquals(MinerMode.SLEEP, reading.mode().orElseThrow(), "the firmware says it is paused");
        assertTrue(reading.hashrateThs().orElseThrow() > 0, "and the hashrate says it is not");
    }

    @Test
    void modesAreUnsupported() {
        assertEquals(FailureKind.UNSUPPORTED,
                failure(driver.execute(access, MinerCommand.setMode(MinerMode.LOW_POWER), TIMEOUT)).kind());
    }

    @Test
    void otherFirmwareIsNamedInAProtocolError() {
        SimulatedMiner other = simulator.miner(1);
        MinerAccess stock = MinerAccess.of(new MinerEndpoint(other.address().getAddress().getHostAddress(),
                other.address().getPort())).withCredentials(new MinerCredentials("root", "root"));
        DriverException read = failure(driver.read(stock, TIMEOUT));
        assertEquals(FailureKind.PROTOCOL_ERROR, read.kind());
        assertTrue(read.getMessage().contains("cgminer 4.11.1"), read.getMessage());
        assertEquals(FailureKind.PROTOCOL_ERROR, failure(driver.probe(stock, TIMEOUT)).kind());
    }

    @Test
    void probeAddsTheSerialNumberFromTheRestApi() {
        var probe = await(driver.probe(access, TIMEOUT));
        assertEquals("BOS00000000", probe.serialNumber().orElseThrow());
        assertEquals("Antminer S19", probe.model().orElseThrow());
    }

    @Test
    void aThousandConcurrentStopsAreAcknowledged() throws IOException {
        int count = 1000;
        try (MinerSimulator fleet = MinerSimulator.builder().miners(count).models(MinerModel.ANTMINER_S19_BRAIINS)
                .start()) {
            Duration timeout = Duration.ofSeconds(20);
            long start = System.nanoTime();
            List<CompletableFuture<CommandResult>> stops = new ArrayList<>();
            for (SimulatedMiner each : fleet.miners()) {
                stops.add(driver.execute(access(each, "root"), MinerCommand.stop(), timeout).toCompletableFuture());
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(25, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("braiins: %d concurrent STOPs (login + pause each) acknowledged in %d ms%n", count,
                    millis);
            assertTrue(fleet.miners().stream().allMatch(SimulatedMiner::isAsleep));
            assertTrue(millis < 10_000, count + " STOPs took " + millis + " ms");
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
