package org.hashgrid.driver.luxos;

import static org.hashgrid.driver.testkit.simulated.SimulatorContractTest.endpoint;
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
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
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

import com.fasterxml.jackson.databind.JsonNode;

/** LuxOS specifics: sessions, curtail mode, profiles, ATM, refusals, other firmware. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LuxosDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CgminerDriver cgminer;
    private LuxosDriver driver;
    private MinerSimulator simulator;
    private SimulatedMiner miner;
    private MinerAccess access;

    @BeforeAll
    void startDriver() throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        driver = new LuxosDriver(cgminer, cgminer, false);
    }

    @AfterAll
    void stopDriver() {
        cgminer.close();
    }

    @BeforeEach
    void startMiner() throws IOException {
        simulator = MinerSimulator.builder().miners(2).models(MinerModel.ANTMINER_S19_LUXOS, MinerModel.CGMINER_ASIC)
                .start();
        miner = simulator.miner(0);
        access = MinerAccess.of(endpoint(miner));
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

    private MinerReading read() {
        return await(driver.read(access, TIMEOUT));
    }

    /** Asks the miner directly, as another tool on the network would. */
    private JsonNode ask(String command, String parameter) {
        String request =
                "{\"command\":\"" + command + "\"" + (parameter.isEmpty() ? "" : ",\"parameter\":\"" + parameter + "\"")
                        + "}";
        return await(cgminer.exchange(access.endpoint(), request, TIMEOUT));
    }

    private String activeSession() {
        return ask("session", "").path("SESSION").path(0).path("SessionID").asText();
    }

    private long count(String command) {
        return miner.receivedCommands().stream().filter(command::equals).count();
    }

    @Test
    void readingAddsModeProfileWattsPowerAndFirmware() {
        MinerReading reading = read();
        assertEquals(MinerMode.NORMAL, reading.mode().orElseThrow());
        assertEquals(3250.0, reading.powerLimitW().orElseThrow(), "the default profile draws the nominal 3250 W");
        assertTrue(reading.powerW().orElseThrow() > 2500, "measured power: " + reading.powerW());
        assertEquals("LuxOS", reading.firmwareName().orElseThrow());
        assertTrue(reading.firmwareVersion().orElseThrow().startsWith("2024."), reading.firmwareVersion().get());
        assertTrue(reading.macAddress().orElseThrow().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"));
        assertTrue(reading.hashrateThs().orElseThrow() > 80);
    }

    @Test
    void probeNamesModelFirmwareAndSerial() {
        var probe = await(driver.probe(access, TIMEOUT));
        assertEquals("Antminer S19", probe.model().orElseThrow());
        assertTrue(probe.firmware().orElseThrow().startsWith("LuxOS 2024."));
        assertEquals("LUX00000000", probe.serialNumber().orElseThrow());
        assertEquals(driver.capabilities(), probe.capabilities());
    }

    @Test
    void stopSleepsWithinItsOwnSessionAndLogsItOff() {
        assertEquals("sleep mode", execute(MinerCommand.stop()).message());
        assertTrue(miner.isAsleep());
        assertEquals(List.of("logon", "curtail", "logoff"), miner.receivedCommands().subList(0, 3));
        assertEquals("", activeSession(), "the driver's own lock is released at once");
        MinerReading asleep = read();
        assertEquals(MinerMode.SLEEP, asleep.mode().orElseThrow());
        assertEquals(0.0, asleep.hashrateThs().orElseThrow());
        assertTrue(asleep.powerW().orElseThrow() < 100, "the PSU is off: " + asleep.powerW());
        assertEquals("wake up", execute(MinerCommand.start()).message());
        assertEquals(MinerMode.NORMAL, read().mode().orElseThrow());
        assertTrue(miner.isMining());
    }

    @Test
    void anotherToolsSessionIsSharedAndLeftOpen() {
        String theirs = ask("logon", "").path("SESSION").path(0).path("SessionID").asText();
        assertFalse(theirs.isEmpty());
        execute(MinerCommand.stop());
        assertTrue(miner.isAsleep());
        assertEquals(theirs, activeSession(), "someone else's session is never logged off");
        assertEquals(0, count("logoff"));
        execute(MinerCommand.start());
        assertTrue(miner.isMining());
        assertEquals(2, count("logon"), "the other tool's and the driver's (402); none for the second command");
        assertEquals("S", ask("logoff", theirs).path("STATUS").path(0).path("STATUS").asText(),
                "the other tool still holds its session");
    }

    @Test
    void anExpiredSessionCostsExactlyOneNewLogon() {
        ask("logon", "");
        execute(MinerCommand.stop());
        // the shared session expires: a request while the timeout is tiny lets the firmware drop it
        miner.setSessionTimeout(Duration.ofNanos(1));
        assertEquals("", activeSession());
        miner.setSessionTimeout(null);
        long logons = count("logon");
        execute(MinerCommand.start());
        assertTrue(miner.isMining());
        assertEquals(logons + 1, count("logon"), miner.receivedCommands().toString());
        assertEquals("", activeSession(), "the fresh session was the driver's own and is logged off");
    }

    @Test
    void aSessionRejectedTwiceIsAccessDenied() {
        // a firmware whose sessions never last: every write finds its session expired
        miner.setSessionTimeout(Duration.ofNanos(1));
        DriverException failure = failure(driver.execute(access, MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, failure.kind(), failure.getMessage());
        assertTrue(failure.getMessage().contains("Invalid session id"), failure.getMessage());
        assertEquals(2, count("logon"), "one re-logon, never a storm");
        assertTrue(miner.isMining());
    }

    @Test
    void powerLimitPicksTheHighestProfileAtOrBelowItWithAtmOffMeanwhile() {
        long expectedWatts = 0;
        String expected = "";
        for (JsonNode profile : ask("profiles", "").path("PROFILES")) {
            long watts = profile.path("Watts").asLong();
            if (watts <= 3000 && watts > expectedWatts) {
                expectedWatts = watts;
                expected = profile.path("Profile Name").asText();
            }
        }
        CommandResult result = execute(MinerCommand.setPowerLimit(3000));
        assertEquals("profile " + expected + " (" + expectedWatts + " W)", result.message());
        assertEquals(List.of("atmset", "profileset", "atmset"),
                miner.receivedCommands().stream().filter(c -> c.startsWith("atm") || c.startsWith("profileset"))
                        .toList());
        assertEquals(expectedWatts, read().powerLimitW().orElseThrow());
        assertTrue(ask("config", "").path("CONFIG").path(0).path("IsAtmEnabled").asBoolean(), "ATM restored");
        assertEquals("", activeSession());
    }

    @Test
    void powerLimitBelowEveryProfileIsUnsupportedAndSendsNothing() {
        DriverException failure = failure(driver.execute(access, MinerCommand.setPowerLimit(100), TIMEOUT));
        assertEquals(FailureKind.UNSUPPORTED, failure.kind());
        assertTrue(failure.getMessage().contains("the lowest draws"), failure.getMessage());
        assertEquals(0, count("logon"));
    }

    @Test
    void commandsRefusedAsleepSurfaceTheFirmwaresMessageAndRestoreAtm() {
        execute(MinerCommand.stop());
        DriverException failure = failure(driver.execute(access, MinerCommand.setPowerLimit(3000), TIMEOUT));
        assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
        assertTrue(failure.getMessage().contains("Cannot change profile while in sleep mode"), failure.getMessage());
        assertTrue(ask("config", "").path("CONFIG").path(0).path("IsAtmEnabled").asBoolean(), "ATM restored");
        assertEquals("", activeSession());
        execute(MinerCommand.start());
    }

    @Test
    void restartRestartsTheMiningProcessAndSleepSurvivesIt() {
        execute(MinerCommand.stop());
        assertTrue(execute(MinerCommand.restart()).message().startsWith("resetminer"));
        assertTrue(miner.isAsleep(), "LuxOS keeps sleeping across restarts");
        assertEquals(MinerMode.SLEEP, read().mode().orElseThrow());
        execute(MinerCommand.start());
    }

    @Test
    void aMinerThatIgnoresSleepIsReportedAsItSaysAndAsItHashes() {
        miner.setControlQuirks(Set.of(ControlQuirk.IGNORES_SLEEP));
        execute(MinerCommand.stop());
        MinerReading reading = read();
        assertEquals(MinerMode.SLEEP, reading.mode().orElseThrow(), "the firmware says it sleeps");
        assertTrue(reading.hashrateThs().orElseThrow() > 0, "and the hashrate says it does not");
    }

    @Test
    void credentialsAreIgnored() {
        MinerAccess withCredentials = access.withCredentials(new MinerCredentials("root", "not-a-luxos-thing"));
        await(driver.execute(withCredentials, MinerCommand.stop(), TIMEOUT));
        assertTrue(miner.isAsleep());
        await(driver.execute(withCredentials, MinerCommand.start(), TIMEOUT));
    }

    @Test
    void modesAreUnsupported() {
        assertEquals(FailureKind.UNSUPPORTED,
                failure(driver.execute(access, MinerCommand.setMode(MinerMode.LOW_POWER), TIMEOUT)).kind());
    }

    @Test
    void aThousandConcurrentStopsAreAcknowledged() throws Exception {
        int count = 1000;
        try (MinerSimulator fleet = MinerSimulator.builder().miners(count).models(MinerModel.ANTMINER_S19_LUXOS)
                .start()) {
            Duration timeout = Duration.ofSeconds(20);
            long start = System.nanoTime();
            List<CompletableFuture<CommandResult>> stops = new ArrayList<>();
            for (SimulatedMiner each : fleet.miners()) {
                stops.add(driver.execute(MinerAccess.of(endpoint(each)), MinerCommand.stop(), timeout)
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(25, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("luxos: %d concurrent STOPs (logon + curtail + logoff each) acknowledged in %d ms%n",
                    count, millis);
            assertTrue(fleet.miners().stream().allMatch(SimulatedMiner::isAsleep));
            assertTrue(millis < 10_000, count + " STOPs took " + millis + " ms");
        }
    }

    @Test
    void otherFirmwareIsNamedInAProtocolError() {
        MinerAccess stock = MinerAccess.of(endpoint(simulator.miner(1)));
        DriverException read = failure(driver.read(stock, TIMEOUT));
        assertEquals(FailureKind.PROTOCOL_ERROR, read.kind());
        assertTrue(read.getMessage().contains("cgminer 4.11.1"), read.getMessage());
        assertEquals(FailureKind.PROTOCOL_ERROR, failure(driver.probe(stock, TIMEOUT)).kind());
        DriverException stop = failure(driver.execute(stock, MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.UNSUPPORTED, stop.kind(), stop.getMessage());
        assertTrue(simulator.miner(1).isMining());
    }
}
