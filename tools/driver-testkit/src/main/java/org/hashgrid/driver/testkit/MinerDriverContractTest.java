package org.hashgrid.driver.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link MinerDriver} must keep, as JUnit 5 tests. A driver project extends
 * this class and points it at its own simulator:
 *
 * <pre>{@code
 * class AcmeDriverContractTest extends MinerDriverContractTest {
 *     static AcmeSimulator simulator = AcmeSimulator.start();
 *     static AcmeDriver driver = new AcmeDriver();
 *     protected MinerDriver driver() { return driver; }
 *     protected MinerAccess healthyMiner() { return MinerAccess.of(simulator.healthy()); }
 *     protected MinerAccess silentMiner() { return MinerAccess.of(simulator.silent()); }
 *     protected MinerAccess garbageMiner() { return MinerAccess.of(simulator.garbage()); }
 * }
 * }</pre>
 *
 * The healthy miner is read and, where the driver and the miner support it, stopped, started
 * and restarted; it is left running. One test class instance serves all tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MinerDriverContractTest {

    /** @return the driver under test */
    protected abstract MinerDriver driver();

    /** @return a miner that answers properly, with its control port and the right credentials */
    protected abstract MinerAccess healthyMiner();

    /** @return a miner that accepts connections and never answers */
    protected abstract MinerAccess silentMiner();

    /** @return a miner that answers with bytes that are not the driver's protocol */
    protected abstract MinerAccess garbageMiner();

    /**
     * @return a healthy miner given a wrong password, for drivers whose firmware authenticates
     *         control; empty (the default) skips the credential tests
     */
    protected Optional<MinerAccess> wrongPasswordMiner() {
        return Optional.empty();
    }

    /** @return an endpoint where nothing listens; by default a just-freed loopback port */
    protected MinerEndpoint unreachableEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new MinerEndpoint(socket.getInetAddress().getHostAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** @return the hashrate the healthy miner should report, to catch unit mistakes (MH/s for TH/s) */
    protected OptionalDouble expectedHashrateThs() {
        return OptionalDouble.empty();
    }

    /** @return the timeout given to calls that are expected to fail by timing out */
    protected Duration shortTimeout() {
        return Duration.ofMillis(800);
    }

    /** @return the timeout given to calls that are expected to succeed */
    protected Duration timeout() {
        return Duration.ofSeconds(5);
    }

    /** @return how late past its timeout a call may complete */
    protected Duration tolerance() {
        return Duration.ofMillis(700);
    }

    /** @return how long a miner may take to show the effect of STOP or START in its readings */
    protected Duration settleTime() {
        return Duration.ofSeconds(5);
    }

    @Test
    void hasAnIdAndCanRead() {
        assertTrue(driver().id().matches("[a-z0-9][a-z0-9._-]*"),
                "driver id should be a lower-case token: " + driver().id());
        assertTrue(driver().capabilities().contains(DriverCapability.READ), "every driver reads");
    }

    @Test
    void readsSaneValuesInPlatformUnits() {
        Instant before = Instant.now();
        MinerReading reading = await(driver().read(healthyMiner(), timeout()));
        Instant after = Instant.now();
        assertFalse(reading.readAt().isBefore(before.minusSeconds(1)) || reading.readAt().isAfter(after.plusSeconds(1)),
                "readAt should be when the reading was taken: " + reading.readAt());
        assertTrue(reading.hashrateThs().isPresent(),
                "a healthy miner reports its hashrate; missing: " + reading.missing());
        double ths = reading.hashrateThs().getAsDouble();
        assertTrue(ths > 0 && ths < 10_000, "hashrate should be in TH/s: " + ths);
        expectedHashrateThs().ifPresent(expected -> assertTrue(Math.abs(ths - expected) <= expected * 0.3,
                "hashrate " + ths + " TH/s should be near " + expected + " TH/s"));
        List<Double> temperatures = new ArrayList<>(reading.boardTemperaturesC());
        temperatures.addAll(reading.chipTemperaturesC());
        temperatures.forEach(t -> assertTrue(t > -40 && t < 150, "temperature should be in °C: " + t));
        reading.maxTemperatureC().ifPresent(max -> temperatures
                .forEach(t -> assertTrue(t <= max, "maximum temperature " + max + " below a reported " + t)));
        reading.fanRpms().forEach(rpm -> assertTrue(rpm < 30_000, "fan speed should be in RPM: " + rpm));
        reading.powerW().ifPresent(w -> assertTrue(w < 100_000, "power should be in W: " + w));
        reading.averageHashrateThs()
                .ifPresent(avg -> assertTrue(avg < 10_000, "average hashrate should be in TH/s: " + avg));
    }

    @Test
    void probeIdentifiesTheMinerOrIsUnsupported() {
        CompletionStage<ProbeResult> probe = call(() -> driver().probe(healthyMiner(), timeout()));
        if (!driver().capabilities().contains(DriverCapability.PROBE)) {
            assertEquals(FailureKind.UNSUPPORTED, awaitFailure(probe, timeout()).kind());
            return;
        }
        ProbeResult result = await(probe);
        assertEquals(driver().id(), result.driverId());
        assertTrue(result.capabilities().contains(DriverCapability.READ), "a probed miner can be read");
        assertTrue(driver().capabilities().containsAll(result.capabilities()),
                "a miner cannot do more than its driver: " + result.capabilities() + " vs " + driver().capabilities());
    }

    @Test
    void unreachableEndpointFailsAsUnreachable() {
        MinerAccess nowhere = MinerAccess.of(unreachableEndpoint());
        assertFailsWithin(FailureKind.UNREACHABLE, () -> driver().read(nowhere, timeout()), timeout());
        if (driver().capabilities().contains(DriverCapability.PROBE)) {
            assertFailsWithin(FailureKind.UNREACHABLE, () -> driver().probe(nowhere, timeout()), timeout());
        }
    }

    @Test
    void silentMinerTimesOutInTime() {
        Duration timeout = shortTimeout();
        long start = System.nanoTime();
        DriverException failure =
                assertFailsWithin(FailureKind.TIMEOUT, () -> driver().read(silentMiner(), timeout), timeout);
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= timeout.toNanos() * 9 / 10,
                "timed out after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms, before its " + timeout + ": "
                        + failure.getMessage());
    }

    @Test
    void garbageIsAProtocolError() {
        DriverException failure =
                assertFailsWithin(FailureKind.PROTOCOL_ERROR, () -> driver().read(garbageMiner(), timeout()),
                        timeout());
        assertFalse(failure.getMessage().isBlank(), "a protocol error says what was wrong");
    }

    @Test
    void noTimeLeftFailsAsTimeoutWithoutThrowing() {
        assertFailsWithin(FailureKind.TIMEOUT, () -> driver().read(healthyMiner(), Duration.ZERO), Duration.ZERO);
        assertFailsWithin(FailureKind.TIMEOUT, () -> driver().read(healthyMiner(), Duration.ofSeconds(-1)),
                Duration.ZERO);
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        assertThrows(NullPointerException.class, () -> driver().read((MinerAccess) null, timeout()));
        assertThrows(NullPointerException.class, () -> driver().read((MinerEndpoint) null, timeout()));
        assertThrows(NullPointerException.class, () -> driver().execute(healthyMiner(), null, timeout()));
    }

    @Test
    void commandsBeyondItsCapabilitiesAreUnsupported() {
        Set<DriverCapability> minerCan = driver().capabilities().contains(DriverCapability.PROBE)
                ? await(driver().probe(healthyMiner(), timeout())).capabilities()
                : driver().capabilities();
        for (MinerCommand command : List.of(MinerCommand.stop(), MinerCommand.start(), MinerCommand.restart(),
                MinerCommand.setPowerLimit(3000))) {
            if (!driver().capabilities().contains(command.action().capability())
                    || !minerCan.contains(command.action().capability())) {
                assertFailsWithin(FailureKind.UNSUPPORTED, () -> driver().execute(healthyMiner(), command, timeout()),
                        timeout());
            }
        }
    }

    @Test
    void wrongPasswordIsAccessDeniedAndChangesNothing() {
        Optional<MinerAccess> wrong = wrongPasswordMiner();
        if (wrong.isEmpty()) {
            return;
        }
        for (MinerCommand command : List.of(MinerCommand.stop(), MinerCommand.restart())) {
            if (driver().capabilities().contains(command.action().capability())) {
                assertFailsWithin(FailureKind.ACCESS_DENIED, () -> driver().execute(wrong.get(), command, timeout()),
                        timeout());
            }
        }
        assertTrue(await(driver().read(healthyMiner(), timeout())).hashrateThs().orElse(0) > 0,
                "a refused command leaves the miner hashing");
    }

    @Test
    void withoutCredentialsControlIsAccessDenied() {
        Optional<MinerAccess> wrong = wrongPasswordMiner();
        if (wrong.isEmpty() || !driver().capabilities().contains(DriverCapability.STOP)) {
            return;
        }
        MinerAccess none = new MinerAccess(wrong.get().endpoint(), wrong.get().controlPort(), Optional.empty());
        assertFailsWithin(FailureKind.ACCESS_DENIED, () -> driver().execute(none, MinerCommand.stop(), timeout()),
                timeout());
    }

    @Test
    void stopShowsZeroHashrateAndStartResumes() {
        Set<DriverCapability> can = minerCapabilities();
        if (!can.containsAll(EnumSet.of(DriverCapability.STOP, DriverCapability.START))) {
            return;
        }
        try {
            await(driver().execute(healthyMiner(), MinerCommand.stop(), timeout()));
            assertEquals(0.0, settledHashrate(true), "a stopped miner hashes nothing");
        } finally {
            await(driver().execute(healthyMiner(), MinerCommand.start(), timeout()));
        }
        assertTrue(settledHashrate(false) > 0, "a started miner hashes again");
    }

    @Test
    void restartIsAcknowledgedAndTheMinerAnswersAfterwards() {
        if (!minerCapabilities().contains(DriverCapability.RESTART)) {
            return;
        }
        await(driver().execute(healthyMiner(), MinerCommand.restart(), timeout()));
        assertTrue(settledHashrate(false) > 0, "a restarted miner hashes again");
    }

    @Test
    void concurrentReadsOfOneMinerAllComplete() {
        List<CompletionStage<MinerReading>> reads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reads.add(call(() -> driver().read(healthyMiner(), timeout())));
        }
        reads.forEach(read -> assertTrue(await(read).hashrateThs().isPresent()));
    }

    /** @return what the healthy miner supports through the driver */
    private Set<DriverCapability> minerCapabilities() {
        return driver().capabilities().contains(DriverCapability.PROBE)
                ? await(driver().probe(healthyMiner(), timeout())).capabilities()
                : driver().capabilities();
    }

    /** Reads until the hashrate is zero (or above zero), for at most the settle time. */
    private double settledHashrate(boolean zero) {
        long until = System.nanoTime() + settleTime().toNanos();
        double ths;
        do {
            ths = await(driver().read(healthyMiner(), timeout())).hashrateThs().orElseThrow();
            if ((ths == 0) == zero) {
                return ths;
            }
            sleep(Duration.ofMillis(100));
        } while (System.nanoTime() - until < 0);
        return ths;
    }

    /** Calls the driver, which must return a stage at once and without throwing. */
    private <T> CompletionStage<T> call(Supplier<CompletionStage<T>> invocation) {
        long start = System.nanoTime();
        CompletionStage<T> stage = assertDoesNotThrow(invocation::get, "drivers never throw");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < tolerance().toMillis(), "the call blocked its caller for " + took + " ms");
        return stage;
    }

    private <T> DriverException assertFailsWithin(FailureKind kind, Supplier<CompletionStage<T>> invocation,
            Duration timeout) {
        DriverException failure = awaitFailure(call(invocation), timeout);
        assertEquals(kind, failure.kind(), "failure kind; message: " + failure.getMessage());
        return failure;
    }

    /** Waits for the stage to succeed within {@link #timeout()} plus the tolerance. */
    protected <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, timeout().plus(tolerance()));
    }

    /** Waits for the stage to fail, within its timeout plus the tolerance, with a DriverException. */
    protected DriverException awaitFailure(CompletionStage<?> stage, Duration timeout) {
        return Stages.awaitFailure(stage, timeout.plus(tolerance()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
