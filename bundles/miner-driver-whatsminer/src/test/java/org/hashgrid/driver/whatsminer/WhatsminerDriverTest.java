package org.hashgrid.driver.whatsminer;

import static org.hashgrid.driver.whatsminer.SimulatedWhatsminers.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.testkit.Stages;
import org.hashgrid.driver.whatsminer.internal.WhatsminerSettings;
import org.hashgrid.tools.simulator.ControlQuirk;
import org.hashgrid.tools.simulator.MinerModel;
import org.hashgrid.tools.simulator.MinerSimulator;
import org.hashgrid.tools.simulator.SimulatedMiner;
import org.hashgrid.tools.simulator.WhatsminerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only Whatsminer firmware does: tokens, salts, write API, unanswered writes, quirks, scale. */
class WhatsminerDriverTest {

    private final int unusedPort = SimulatedWhatsminers.freePort();
    private MinerSimulator simulator;
    private CgminerDriver cgminer;
    private WhatsminerDriver driver;
    /** miner 0: API v2 (M30S), miner 1: API v3 (M60S) */
    private SimulatedMiner v2;
    private SimulatedMiner v3;

    @BeforeEach
    void start() throws IOException {
        simulator = MinerSimulator.builder().miners(2).models(MinerModel.WHATSMINER_M30S, MinerModel.WHATSMINER_M60S)
                .start();
        simulator.miners().forEach(SimulatedWhatsminers::setUp);
        v2 = simulator.miner(0);
        v3 = simulator.miner(1);
        cgminer = SimulatedWhatsminers.cgminer();
        driver = SimulatedWhatsminers.driver(cgminer);
    }

    @AfterEach
    void stop() {
        driver.close();
        cgminer.close();
        simulator.close();
    }

    private MinerAccess access(SimulatedMiner miner) {
        return SimulatedWhatsminers.access(miner, unusedPort);
    }

    // --- reads ---

    @Test
    void apiV2ReadAddsWhatOnlyStatusKnows() {
        MinerReading reading = await(driver.read(access(v2), TIMEOUT));
        assertEquals(88, reading.hashrateThs().orElseThrow(), 88 * 0.1, "MH/s converted to TH/s");
        assertEquals(Optional.of(MinerMode.NORMAL), reading.mode());
        assertEquals(3344, reading.powerLimitW().orElseThrow());
        assertEquals(Optional.of("Whatsminer"), reading.firmwareName());
        assertTrue(reading.firmwareVersion().orElseThrow().startsWith("2020"), reading.firmwareVersion().toString());
    }

    @Test
    void apiV3ReadMapsDeviceInfoStatusAndSettings() {
        MinerReading reading = await(driver.read(access(v3), TIMEOUT));
        assertEquals(172, reading.hashrateThs().orElseThrow(), 172 * 0.1, "hash-realtime is already TH/s");
        assertEquals(172, reading.nominalHashrateThs().orElseThrow(), 0.001);
        assertEquals(Optional.of("M60S"), reading.model());
        assertEquals(Optional.of("Whatsminer"), reading.firmwareName());
        assertEquals(Optional.of("20250214.16.Rel2"), reading.firmwareVersion());
        assertTrue(reading.macAddress().orElseThrow().matches("([0-9A-F]{2}:){5}[0-9A-F]{2}"));
        assertEquals(Optional.of(MinerMode.NORMAL), reading.mode());
        assertEquals(3422, reading.powerLimitW().orElseThrow());
        assertTrue(reading.powerW().orElseThrow() > 1000 && reading.powerW().orElseThrow() <= 3422);
        assertEquals(2, reading.fanRpms().size());
        assertEquals(3, reading.boards().size());
        assertEquals(3, reading.boardTemperaturesC().size());
        assertEquals(3, reading.chipTemperaturesC().size());
        assertTrue(reading.psuFanRpm().isPresent());
        assertEquals(2, reading.pools().size());
        assertEquals(Optional.of("stratum+tcp://pool-a.example:3333"), reading.poolUrl());
        assertEquals(Optional.of("hashgrid.w1"), reading.poolUser());
    }

    @Test
    void probeNamesModelAndFirmwareOnBothGenerations() {
        ProbeResult apiV2 = await(driver.probe(access(v2), TIMEOUT));
        assertEquals(Optional.of("M30S"), apiV2.model());
        assertTrue(apiV2.firmware().orElseThrow().contains("btminer"), apiV2.firmware().toString());
        ProbeResult apiV3 = await(driver.probe(access(v3), TIMEOUT));
        assertEquals(Optional.of("M60S"), apiV3.model());
        assertEquals(Optional.of("btminer 20250214.16.Rel2"), apiV3.firmware());
        assertEquals(Optional.of("WM00000001"), apiV3.serialNumber());
    }

    @Test
    void anApiV2MinerIsRememberedAndApiV3NotAskedAgain() throws IOException {
        MinerAccess access = access(v2);
        await(driver.read(access, TIMEOUT));
        // something now listens on the API v3 port and never answers: a driver asking there would time out
        try (ServerSocket listener = new ServerSocket(access.controlPort().getAsInt(), 50,
                InetAddress.getLoopbackAddress())) {
            assertTrue(await(driver.read(access, Duration.ofSeconds(2))).hashrateThs().isPresent());
        }
    }

    @Test
    void anotherServiceOnTheApiV3PortLeavesTheMinerOnApiV2() {
        // the API v3 port answers, but with cgminer JSON (another miner's 4028): not API v3
        MinerAccess access = access(v2).withControlPort(v3.address().getPort());
        MinerReading reading = await(driver.read(access, TIMEOUT));
        assertEquals(88, reading.hashrateThs().orElseThrow(), 88 * 0.1);
        await(driver.execute(access, MinerCommand.stop(), TIMEOUT));
        assertTrue(v2.isAsleep());
        assertFalse(v3.isAsleep());
    }

    // --- API v2 tokens ---

    @Test
    void anExpiredTokenIsFetchedAgainExactlyOnce() throws InterruptedException {
        WhatsminerState state = simulator.whatsminer(v2);
        state.setTokenLifetime(Duration.ofMillis(300));
        await(driver.execute(access(v2), MinerCommand.start(), TIMEOUT));
        await(driver.execute(access(v2), MinerCommand.start(), TIMEOUT));
        assertEquals(1, state.tokenRequests(), "a live token is reused");
        Thread.sleep(400); // past the token's lifetime on the miner, well within the driver's reuse time
        await(driver.execute(access(v2), MinerCommand.stop(), TIMEOUT));
        assertEquals(2, state.tokenRequests(), "one new token after the miner said 135");
        assertTrue(v2.isAsleep());
    }

    @Test
    void aTokenRefusedAgainAfterRenewalIsAccessDeniedWithoutMoreAttempts() {
        WhatsminerState state = simulator.whatsminer(v2);
        MinerAccess access = access(v2);
        await(driver.execute(access, MinerCommand.start(), TIMEOUT));
        v2.setCredentials("admin", "changed-on-the-miner"); // the cached token's key is now wrong
        DriverException failure = failure(driver.execute(access, MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, failure.kind(), failure.getMessage());
        assertEquals(2, state.tokenRequests(), "exactly one re-authentication");
        assertFalse(v2.isAsleep());
        assertNoSecret(failure, "changed-on-the-miner", SimulatedWhatsminers.V2_CREDENTIALS.password());
    }

    @Test
    void theTokenLimitIsAClearRefusal() throws IOException {
        for (int i = 0; i < 32; i++) {
            assertTrue(plainRequest(v2, "{\"cmd\":\"get_token\"}").contains("\"Code\":134"));
        }
        DriverException failure = failure(driver.execute(access(v2), MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, failure.kind());
        assertTrue(failure.getMessage().contains("issues no more API v2 tokens")
                && failure.getMessage().contains("136"), failure.getMessage());
        assertFalse(v2.isAsleep());
    }

    @Test
    void aDisabledWriteApiIsAccessDeniedNamingIt() {
        v2.setPrivilegedAccess(false);
        DriverException failure = failure(driver.execute(access(v2), MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, failure.kind());
        assertTrue(failure.getMessage().contains("write API is disabled"), failure.getMessage());
        assertFalse(v2.isAsleep());
    }

    @Test
    void noCredentialsIsAccessDeniedWithoutARequest() {
        for (SimulatedMiner miner : List.of(v2, v3)) {
            MinerAccess access = access(miner);
            MinerAccess none = new MinerAccess(access.endpoint(), access.controlPort(), Optional.empty());
            int connections = miner.connections();
            DriverException failure = failure(driver.execute(none, MinerCommand.stop(), TIMEOUT));
            assertEquals(FailureKind.ACCESS_DENIED, failure.kind());
            assertEquals(connections, miner.connections(), "nothing sent to " + miner);
        }
    }

    // --- writes without replies ---

    @Test
    void powerOffWithoutAReplyIsAcknowledgedAsSentAndNeverResent() {
        simulator.whatsminer(v2).setActsBeforeReplying(true);
        CommandResult result = await(driver.execute(access(v2), MinerCommand.stop(), TIMEOUT));
        assertTrue(result.message().contains("no reply") && result.message().contains("outcome is unknown"),
                result.message());
        assertEquals(1, v2.receivedCommands().stream().filter("power_off"::equals).count(), "sent exactly once");
        MinerReading reading = await(driver.read(access(v2), TIMEOUT));
        assertEquals(0, reading.hashrateThs().orElseThrow());
        assertEquals(Optional.of(MinerMode.SLEEP), reading.mode());
    }

    @Test
    void powerModesAreAppliedWithoutAReplyOnApiV2AndWithOneOnApiV3() {
        CommandResult low = await(driver.execute(access(v2), MinerCommand.setMode(MinerMode.LOW_POWER), TIMEOUT));
        assertTrue(low.message().contains("set_low_power sent, no reply"), low.message());
        assertEquals(Optional.of(MinerMode.LOW_POWER), await(driver.read(access(v2), TIMEOUT)).mode());
        await(driver.execute(access(v3), MinerCommand.setMode(MinerMode.HIGH_PERFORMANCE), TIMEOUT));
        assertEquals(Optional.of(MinerMode.HIGH_PERFORMANCE), await(driver.read(access(v3), TIMEOUT)).mode());
    }

    // --- power limits ---

    @Test
    void aPowerLimitWithinNominalIsSetOnBothGenerations() {
        for (SimulatedMiner miner : List.of(v2, v3)) {
            await(driver.execute(access(miner), MinerCommand.setPowerLimit(3000), TIMEOUT));
            assertEquals(3000, simulator.whatsminer(miner).powerLimitW());
            assertEquals(3000, await(driver.read(access(miner), TIMEOUT)).powerLimitW().orElseThrow());
        }
    }

    @Test
    void aPowerLimitAboveNominalIsRefusedByTheFirmwareAndSaysWhy() {
        DriverException apiV2 = failure(driver.execute(access(v2), MinerCommand.setPowerLimit(5000), TIMEOUT));
        assertEquals(FailureKind.UNSUPPORTED, apiV2.kind());
        assertTrue(apiV2.getMessage().contains("cannot exceed ordinary power 3344"), apiV2.getMessage());
        DriverException apiV3 = failure(driver.execute(access(v3), MinerCommand.setPowerLimit(5000), TIMEOUT));
        assertEquals(FailureKind.UNSUPPORTED, apiV3.kind());
        assertTrue(apiV3.getMessage().contains("out of range (max 3422)"), apiV3.getMessage());
        assertEquals(3344, simulator.whatsminer(v2).powerLimitW());
        assertEquals(3422, simulator.whatsminer(v3).powerLimitW());
    }

    // --- API v3 salt and tokens ---

    @Test
    void apiV3StopAndStartAreReadBackAsSleepAndNormal() {
        await(driver.execute(access(v3), MinerCommand.stop(), TIMEOUT));
        MinerReading asleep = await(driver.read(access(v3), TIMEOUT));
        assertEquals(Optional.of(MinerMode.SLEEP), asleep.mode());
        assertEquals(0, asleep.hashrateThs().orElseThrow());
        await(driver.execute(access(v3), MinerCommand.start(), TIMEOUT));
        assertEquals(Optional.of(MinerMode.NORMAL), await(driver.read(access(v3), TIMEOUT)).mode());
    }

    @Test
    void aRefusedApiV3TokenFetchesTheSaltAgainExactlyOnce() {
        WhatsminerState state = simulator.whatsminer(v3);
        MinerAccess access = access(v3);
        await(driver.execute(access, MinerCommand.start(), TIMEOUT));
        await(driver.execute(access, MinerCommand.start(), TIMEOUT));
        assertEquals(1, state.saltRequests(), "the salt is cached");
        v3.setCredentials("super", "changed-on-the-miner");
        DriverException failure = failure(driver.execute(access, MinerCommand.stop(), TIMEOUT));
        assertEquals(FailureKind.ACCESS_DENIED, failure.kind());
        assertTrue(failure.getMessage().contains("code -4"), failure.getMessage());
        assertEquals(2, state.saltRequests(), "exactly one fresh salt");
        assertFalse(v3.isAsleep());
        assertNoSecret(failure, "changed-on-the-miner", SimulatedWhatsminers.V3_CREDENTIALS.password());
    }

    // --- quirks ---

    @Test
    void aMinerThatIgnoresSleepIsReportedHashing() {
        for (SimulatedMiner miner : List.of(v2, v3)) {
            miner.setControlQuirks(EnumSet.of(ControlQuirk.IGNORES_SLEEP));
            await(driver.execute(access(miner), MinerCommand.stop(), TIMEOUT));
            MinerReading reading = await(driver.read(access(miner), TIMEOUT));
            assertTrue(reading.hashrateThs().orElseThrow() > 0, miner + " still hashes");
            assertFalse(reading.mode().equals(Optional.of(MinerMode.SLEEP)), miner + " reports " + reading.mode());
        }
    }

    // --- scale ---

    @Test
    void aThousandConcurrentStopsAreAcknowledged() throws IOException {
        int miners = 1000;
        try (MinerSimulator fleet = MinerSimulator.builder().miners(miners)
                .models(MinerModel.WHATSMINER_M30S, MinerModel.WHATSMINER_M60S).start()) {
            fleet.miners().forEach(SimulatedWhatsminers::setUp);
            List<MinerAccess> accesses = fleet.miners().stream().map(this::access).toList();
            long start = System.nanoTime();
            List<CompletableFuture<CommandResult>> stops = new ArrayList<>();
            for (MinerAccess access : accesses) {
                stops.add(driver.execute(access, MinerCommand.stop(), Duration.ofSeconds(10)).toCompletableFuture());
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("%d concurrent STOPs (%d API v2, %d API v3, cold: API detection, token or salt)"
                    + " acknowledged in %d ms%n", miners, miners / 2, miners / 2, millis);
            for (int i = 0; i < miners; i++) {
                assertTrue(stops.get(i).isDone() && !stops.get(i).isCompletedExceptionally(),
                        "STOP of " + fleet.miner(i) + ": " + stops.get(i));
                assertTrue(fleet.miner(i).isAsleep(), fleet.miner(i) + " sleeps");
            }
            assertTrue(millis < 10_000, "1000 STOPs took " + millis + " ms");
        }
    }

    @Test
    void apiV3ConversationsBeyondTheConnectionLimitWaitTheirTurn() throws IOException {
        WhatsminerSettings d = SimulatedWhatsminers.settings();
        try (MinerSimulator fleet = MinerSimulator.builder().miners(20).models(MinerModel.WHATSMINER_M60S).start();
                WhatsminerDriver narrow = new WhatsminerDriver(cgminer, cgminer, new WhatsminerSettings(d.v3Port(),
                        d.connectTimeout(), d.maxReplyBytes(), 2, d.tokenReuse(), d.apiCacheTime()))) {
            List<CompletableFuture<MinerReading>> reads = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (SimulatedMiner miner : fleet.miners()) {
                    reads.add(narrow.read(access(miner), TIMEOUT).toCompletableFuture());
                }
            }
            reads.forEach(read -> assertTrue(await(read).hashrateThs().orElseThrow() > 0));
            fleet.miners().forEach(miner -> assertTrue(miner.peakOpenConnections() <= 1, miner + " one at a time"));
        }
    }

    // --- helpers ---

    /** Sends one request in the clear to the cgminer port and reads the reply. */
    private static String plainRequest(SimulatedMiner miner, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(miner.address(), 2000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertNoSecret(DriverException failure, String... secrets) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertFalse(String.valueOf(t.getMessage()).contains(secret), "a password in " + t);
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, TIMEOUT.plusSeconds(1));
    }

    private static DriverException failure(CompletionStage<?> stage) {
        return Stages.awaitFailure(stage, TIMEOUT.plusSeconds(1));
    }
}
