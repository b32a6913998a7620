package org.hashgrid.driver.antminer;

import static org.hashgrid.driver.antminer.SimulatedAntminers.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.testkit.Stages;
import org.hashgrid.tools.simulator.AntminerWeb;
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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** What only stock Antminer firmware does, against simulated miners over loopback sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AntminerDriverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long a test waits for a call: fleet-wide commands queue behind the connection limit. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String USER = "operator-7";
    private static final String PASSWORD = "s3cr3t-Pa55";

    private MinerSimulator simulator;
    private SimulatedAntminers antminers;
    private AntminerDriver driver;
    private SimulatedMiner s19;
    private SimulatedMiner s21;
    private SimulatedMiner s9;
    private SimulatedMiner s19j;
    private SimulatedMiner avalon;
    /** every failure and acknowledgement seen, to prove no credential ever shows */
    private final List<String> messages = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        simulator = MinerSimulator.builder().miners(5).models(MinerModel.ANTMINER_S19_PRO, MinerModel.ANTMINER_S21,
                MinerModel.ANTMINER_S9, MinerModel.ANTMINER_S19J_PRO, MinerModel.AVALON_1246).start();
        s19 = simulator.miner(0);
        s21 = simulator.miner(1);
        s9 = simulator.miner(2);
        s19j = simulator.miner(3);
        avalon = simulator.miner(4);
        antminers = new SimulatedAntminers();
        driver = antminers.driver;
    }

    @AfterAll
    void stop() {
        antminers.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        for (SimulatedMiner miner : List.of(s19, s21, s9, s19j)) {
            miner.setCredentials(USER, PASSWORD);
            miner.setControlQuirks(Set.of());
            AntminerWeb web = AntminerWeb.of(miner);
            web.setReplyDelay(Duration.ZERO);
            web.setRestartWindow(Duration.ZERO);
            if (web.hasWorkModes()) {
                web.setWorkMode(AntminerWeb.NORMAL);
            }
        }
    }

    @AfterEach
    void noCredentialsShown() {
        for (String message : messages) {
            assertFalse(message.contains(PASSWORD) || message.contains(USER), "credentials in: " + message);
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        T value = Stages.await(stage, WAIT);
        if (value instanceof CommandResult result) {
            messages.add(result.message());
        }
        return value;
    }

    private DriverException failure(CompletionStage<?> stage) {
        DriverException failure = Stages.awaitFailure(stage, WAIT);
        messages.add(failure.getMessage());
        return failure;
    }

    private CommandResult execute(SimulatedMiner miner, MinerCommand command) {
        return await(driver.execute(access(miner), command, TIMEOUT));
    }

    private DriverException refused(MinerAccess access, MinerCommand command, FailureKind kind) {
        DriverException failure = failure(driver.execute(access, command, TIMEOUT));
        assertEquals(kind, failure.kind(), failure.getMessage());
        return failure;
    }

    private static JsonNode lastPost(SimulatedMiner miner) throws IOException {
        List<String> posts = AntminerWeb.of(miner).configurationPosts();
        return new ObjectMapper().readTree(posts.get(posts.size() - 1));
    }

    private static long count(SimulatedMiner miner, String request) {
        return AntminerWeb.of(miner).requests().stream().filter(r -> r.startsWith(request)).count();
    }

    @Test
    void stopPostsTheBrowserDocumentWithMinerModeAndNeverBitmainWorkMode() throws IOException {
        CommandResult result = execute(s19, MinerCommand.stop());
        assertTrue(result.message().contains("M000"), result.message());
        JsonNode posted = lastPost(s19);
        assertEquals(1, posted.get("miner-mode").intValue());
        assertTrue(posted.get("miner-mode").isInt(), "an integer, as the CGI honours it");
        assertFalse(posted.has("bitmain-work-mode"), "the CGI ignores it: " + posted);
        assertEquals("100", posted.get("freq-level").textValue(),
                "the read name bitmain-freq-level, written as freq-level");
        assertEquals(3, posted.get("pools").size());
        assertEquals("stratum+tcp://pool-a.example:3333", posted.get("pools").get(0).get("url").textValue());
        assertTrue(posted.has("bitmain-fan-ctrl") && posted.has("bitmain-fan-pwm"), posted.toString());
        assertEquals(AntminerWeb.SLEEP, AntminerWeb.of(s19).workMode());
        assertTrue(s19.isAsleep());

        execute(s19, MinerCommand.start());
        assertEquals(0, lastPost(s19).get("miner-mode").intValue());
        assertFalse(s19.isAsleep());
    }

    @Test
    void readingsCarryTheWorkModeAndTheHashrateTheCgminerPortReports() {
        execute(s19, MinerCommand.stop());
        MinerReading asleep = await(driver.read(access(s19), TIMEOUT));
        assertEquals(Optional.of(MinerMode.SLEEP), asleep.mode());
        assertEquals(0.0, asleep.hashrateThs().orElseThrow());
        execute(s19, MinerCommand.start());
        MinerReading awake = await(driver.read(access(s19), TIMEOUT));
        assertEquals(Optional.of(MinerMode.NORMAL), awake.mode());
        assertTrue(awake.hashrateThs().orElseThrow() > 50);
        long statsBefore = count(s19, "GET /cgi-bin/stats.cgi");
        MinerReading anonymous = await(driver.read(SimulatedAntminers.withoutCredentials(s19), TIMEOUT));
        assertTrue(anonymous.hashrateThs().isPresent());
        assertEquals(statsBefore, count(s19, "GET /cgi-bin/stats.cgi"), "no credentials, no web request");
    }

    @Test
    void aFlavourWithoutTheModeKeepsItsModeAndTheDriverSaysUnsupported() {
        DriverException failure =
                refused(access(s19), MinerCommand.setMode(MinerMode.LOW_POWER), FailureKind.UNSUPPORTED);
        assertTrue(failure.getMessage().contains("kept work mode 0"), failure.getMessage());
        assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s19).workMode());
        assertFalse(s19.isAsleep());

        execute(s19, MinerCommand.setMode(MinerMode.HIGH_PERFORMANCE));
        assertEquals(AntminerWeb.HIGH_PERFORMANCE, AntminerWeb.of(s19).workMode());
        assertEquals(Optional.of(MinerMode.HIGH_PERFORMANCE), await(driver.read(access(s19), TIMEOUT)).mode());

        refused(access(s21), MinerCommand.setMode(MinerMode.HIGH_PERFORMANCE), FailureKind.UNSUPPORTED);
        assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s21).workMode());
        execute(s21, MinerCommand.setMode(MinerMode.LOW_POWER));
        assertEquals(AntminerWeb.LOW_POWER, AntminerWeb.of(s21).workMode());
        execute(s21, MinerCommand.setMode(MinerMode.NORMAL));
        assertEquals(AntminerWeb.NORMAL, AntminerWeb.of(s21).workMode());
    }

    @Test
    void aMinerIgnoringSleepIsAcknowledgedAndItsReadingsStillShowHashrate() {
        s19j.setControlQuirks(EnumSet.of(ControlQuirk.IGNORES_SLEEP));
        execute(s19j, MinerCommand.stop());
        MinerReading reading = await(driver.read(access(s19j), TIMEOUT));
        assertEquals(Optional.of(MinerMode.SLEEP), reading.mode(), "what the firmware says");
        assertTrue(reading.hashrateThs().orElseThrow() > 50, "and what it does: still hashing");
        execute(s19j, MinerCommand.restart());
        assertEquals(0.0, await(driver.read(access(s19j), TIMEOUT)).hashrateThs().orElseThrow(),
                "the escalation, a reboot, brings the sleep");
    }

    @Test
    void aMinerThatWakesItselfReportsNormalAgain() throws InterruptedException {
        s19j.setControlQuirks(EnumSet.of(ControlQuirk.WAKES_ITSELF));
        execute(s19j, MinerCommand.stop());
        assertEquals(Optional.of(MinerMode.SLEEP), await(driver.read(access(s19j), TIMEOUT)).mode());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        MinerReading reading;
        do {
            Thread.sleep(200);
            reading = await(driver.read(access(s19j), TIMEOUT));
        } while (reading.hashrateThs().orElseThrow() == 0 && System.nanoTime() - until < 0);
        assertEquals(Optional.of(MinerMode.NORMAL), reading.mode());
        assertTrue(reading.hashrateThs().orElseThrow() > 0);
    }

    @Test
    void theS9HasNoSleepButReboots() {
        ProbeResult probe = await(driver.probe(access(s9), TIMEOUT));
        assertEquals(EnumSet.of(DriverCapability.READ, DriverCapability.PROBE, DriverCapability.RESTART),
                probe.capabilities());
        for (MinerCommand command : List.of(MinerCommand.stop(), MinerCommand.start(),
                MinerCommand.setMode(MinerMode.LOW_POWER))) {
            DriverException failure = refused(access(s9), command, FailureKind.UNSUPPORTED);
            assertTrue(failure.getMessage().contains("no work mode"), failure.getMessage());
        }
        assertTrue(AntminerWeb.of(s9).configurationPosts().isEmpty(), "nothing was posted to the S9");
        int reboots = AntminerWeb.of(s9).reboots();
        execute(s9, MinerCommand.restart());
        assertEquals(reboots + 1, AntminerWeb.of(s9).reboots());
        assertEquals(EnumSet.of(DriverCapability.READ, DriverCapability.PROBE, DriverCapability.RESTART),
                await(driver.probe(SimulatedAntminers.withoutCredentials(s9), TIMEOUT)).capabilities(),
                "without credentials the model name tells");
    }

    @Test
    void powerLimitIsUnsupportedWithoutARequest() {
        int before = AntminerWeb.of(s19).requests().size();
        DriverException failure = refused(access(s19), MinerCommand.setPowerLimit(3000), FailureKind.UNSUPPORTED);
        assertTrue(failure.getMessage().contains("no power limit in watts"), failure.getMessage());
        assertEquals(before, AntminerWeb.of(s19).requests().size());
    }

    @Test
    void probeNamesModelSerialAndFirmwareFromTheWebInterface() {
        ProbeResult probe = await(driver.probe(access(s21), TIMEOUT));
        assertEquals("antminer", probe.driverId());
        assertEquals(Optional.of("Antminer S21"), probe.model());
        assertEquals(Optional.of("Bitmain stock FR-1.12(251009-S21)"), probe.firmware());
        assertTrue(probe.serialNumber().orElseThrow().startsWith("HGSIM"), probe.toString());
        assertEquals(driver.capabilities(), probe.capabilities());
        ProbeResult anonymous = await(driver.probe(SimulatedAntminers.withoutCredentials(s21), TIMEOUT));
        assertEquals(Optional.of("Antminer S21"), anonymous.model(), "from the cgminer port");
        assertEquals(Optional.empty(), anonymous.serialNumber());
        assertEquals(driver.capabilities(), anonymous.capabilities());
    }

    @Test
    void anotherFirmwaresWebInterfaceIsAProtocolErrorNamingIt() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"LuCI\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            MinerAccess luci = MinerAccess.of(new MinerEndpoint("127.0.0.1", avalon.address().getPort()))
                    .withControlPort(server.getAddress().getPort());
            DriverException failure = failure(driver.probe(luci, TIMEOUT));
            assertEquals(FailureKind.PROTOCOL_ERROR, failure.kind());
            assertTrue(failure.getMessage().startsWith("AvalonMiner 1246"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Basic realm \"LuCI\""), failure.getMessage());
            DriverException stop = refused(luci.withCredentials(new MinerCredentials(USER, PASSWORD)),
                    MinerCommand.stop(), FailureKind.PROTOCOL_ERROR);
            assertTrue(stop.getMessage().contains("not Bitmain stock firmware's"), stop.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void somethingThatIsNotHttpIsAProtocolError() throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread banner = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                        out.write("SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            banner.start();
            MinerAccess ssh = access(s19).withControlPort(server.getLocalPort());
            refused(ssh, MinerCommand.stop(), FailureKind.PROTOCOL_ERROR);
            server.close();
            banner.join(2000);
        }
    }

    @Test
    void aDigestChallengeServesManyRequestsAndAStaleNonceIsRenewedOnce() {
        SimulatedMiner miner = s21;
        execute(miner, MinerCommand.stop());
        long refusals = refusals(miner);
        execute(miner, MinerCommand.start());
        execute(miner, MinerCommand.restart());
        assertEquals(refusals, refusals(miner),
                "the remembered nonce answers every request: no new 401 " + AntminerWeb.of(miner).requests());
        int failedLogins = AntminerWeb.of(miner).failedLogins();
        AntminerWeb.of(miner).expireNonces();
        execute(miner, MinerCommand.stop());
        assertEquals(refusals + 1, refusals(miner), "one stale refusal, then the renewed nonce serves");
        assertEquals(failedLogins, AntminerWeb.of(miner).failedLogins(), "a stale nonce is no failed login");
        assertTrue(miner.isAsleep());
    }

    private static long refusals(SimulatedMiner miner) {
        return AntminerWeb.of(miner).requests().stream().filter(r -> r.endsWith(" 401")).count();
    }

    @Test
    void wrongCredentialsAreRefusedAfterOneAttemptEvenWithARememberedNonce() {
        execute(s21, MinerCommand.start());
        AntminerWeb web = AntminerWeb.of(s21);
        for (int attempt = 1; attempt <= 3; attempt++) {
            int before = web.failedLogins();
            DriverException failure = refused(SimulatedAntminers.withPassword(s21, "guess-" + attempt),
                    MinerCommand.stop(), FailureKind.ACCESS_DENIED);
            assertTrue(failure.getMessage().contains("refused the stored credentials"), failure.getMessage());
            assertEquals(before + 1, web.failedLogins(), "exactly one login attempt per command");
        }
        assertFalse(s21.isAsleep());
        int before = web.failedLogins();
        MinerAccess wrong = SimulatedAntminers.withPassword(s21, "guess");
        for (int read = 0; read < 5; read++) {
            assertTrue(await(driver.read(wrong, TIMEOUT)).mode().isEmpty(), "no mode without accepted credentials");
        }
        assertTrue(web.failedLogins() - before <= 1,
                "polls back off after a refusal: " + (web.failedLogins() - before));
        execute(s21, MinerCommand.stop());
        assertTrue(s21.isAsleep(), "the right credentials still work");
    }

    @Test
    void withoutCredentialsNothingIsSent() {
        int before = AntminerWeb.of(s19).requests().size();
        for (MinerCommand command : List.of(MinerCommand.stop(), MinerCommand.start(), MinerCommand.restart(),
                MinerCommand.setMode(MinerMode.HIGH_PERFORMANCE))) {
            refused(SimulatedAntminers.withoutCredentials(s19), command, FailureKind.ACCESS_DENIED);
        }
        assertEquals(before, AntminerWeb.of(s19).requests().size());
    }

    @Test
    void aSlowCgiBeyondTheTimeoutIsATimeoutWithinIt() {
        execute(s19, MinerCommand.start()); // remembers the nonce and the model
        AntminerWeb.of(s19).setReplyDelay(Duration.ofSeconds(3));
        Duration timeout = Duration.ofMillis(800);
        long start = System.nanoTime();
        DriverException failure = failure(driver.execute(access(s19), MinerCommand.stop(), timeout));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(FailureKind.TIMEOUT, failure.kind(), failure.getMessage());
        assertTrue(took >= 700 && took < 1500, "timed out after " + took + " ms");
        AntminerWeb.of(s19).setReplyDelay(Duration.ofMillis(300));
        MinerReading reading = await(driver.read(access(s19), TIMEOUT));
        assertTrue(reading.hashrateThs().isPresent());
    }

    @Test
    void commandsToOneMinerRunInTheOrderGiven() throws IOException {
        List<CompletionStage<CommandResult>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(driver.execute(access(s19), MinerCommand.stop(), TIMEOUT));
            calls.add(driver.execute(access(s19), MinerCommand.start(), TIMEOUT));
        }
        calls.forEach(this::await);
        List<String> posts = AntminerWeb.of(s19).configurationPosts();
        List<Integer> modes = new ArrayList<>();
        for (String post : posts.subList(posts.size() - 6, posts.size())) {
            modes.add(new ObjectMapper().readTree(post).get("miner-mode").intValue());
        }
        assertEquals(List.of(1, 0, 1, 0, 1, 0), modes);
        assertFalse(s19.isAsleep());
    }

    @Test
    void theCgminerRestartAfterAModeChangeMakesReadingsUnreachableForItsWindow() throws InterruptedException {
        AntminerWeb.of(s21).setRestartWindow(Duration.ofMillis(600));
        execute(s21, MinerCommand.stop());
        assertEquals(FailureKind.UNREACHABLE, failure(driver.read(access(s21), TIMEOUT)).kind());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - until < 0) {
            try {
                MinerReading reading = driver.read(access(s21), TIMEOUT).toCompletableFuture().get();
                assertEquals(0.0, reading.hashrateThs().orElseThrow());
                assertEquals(Optional.of(MinerMode.SLEEP), reading.mode());
                return;
            } catch (ExecutionException e) {
                assertEquals(FailureKind.UNREACHABLE, ((DriverException) e.getCause()).kind());
                Thread.sleep(100);
            }
        }
        fail("the cgminer port did not come back");
    }

    @Test
    void rebootIsAcknowledgedThoughTheMinerHangsUp() {
        AntminerWeb web = AntminerWeb.of(s21);
        int reboots = web.reboots();
        CommandResult result = execute(s21, MinerCommand.restart());
        assertTrue(result.message().contains("closed the connection"), result.message());
        assertEquals(reboots + 1, web.reboots());
        assertTrue(count(s21, "POST /cgi-bin/reboot.cgi -") >= 1, "it was the authenticated request that hung up");
    }

    @Test
    void endpointVariantsUseTheDefaultsAndNeedCredentials() {
        MinerEndpoint endpoint = access(s19).endpoint();
        assertEquals(FailureKind.ACCESS_DENIED, failure(driver.execute(endpoint, MinerCommand.stop(), TIMEOUT)).kind());
        assertTrue(await(driver.read(endpoint, TIMEOUT)).hashrateThs().isPresent());
    }
}
