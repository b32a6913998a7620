package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.PollTarget;
import org.junit.jupiter.api.Test;

/**
 * The poller reads each miner with the {@link MinerAccess} of its poll target (control port,
 * credentials), and a failure that echoes the password is stored without it.
 */
class TelemetryPollerAccessTest {
    private static final String PASSWORD = "Poll-Canary-51";

    /** Fails every read with the credentials it was given in the message, as a careless driver might. */
    private static final class EchoingDriver implements MinerDriver {
        volatile MinerAccess read;

        @Override
        public String id() {
            return "echo";
        }

        @Override
        public Set<DriverCapability> capabilities() {
            return Set.of(DriverCapability.READ);
        }

        @Override
        public CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
            read = access;
            return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                    "refused " + access.credentials().map(c -> c.username() + ":" + c.password()).orElse("-")));
        }

        @Override
        public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
            throw new AssertionError("the poller calls the MinerAccess variant");
        }

        @Override
        public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
            throw new AssertionError("not a command");
        }

        @Override
        public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
            throw new AssertionError("not a probe");
        }
    }

    @Test
    void readsWithTheTargetsAccessAndStoresNoPassword() throws Exception {
        MinerEndpoint endpoint = new MinerEndpoint("10.0.0.5", 4028);
        MinerAccess access = MinerAccess.of(endpoint).withControlPort(8080)
                .withCredentials(new MinerCredentials("root", PASSWORD));
        PollTarget target = new PollTarget(7, 1, "active", "echo", endpoint, null, 3, access);
        MinerInventory inventory = (MinerInventory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { MinerInventory.class }, (proxy, method, args) -> {
                    if (method.getName().equals("pollTargets")) {
                        return List.of(target);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        EchoingDriver driver = new EchoingDriver();
        MinerDrivers drivers = new MinerDrivers() {
            @Override
            public Optional<MinerDriver> driver(String id) {
                return Optional.of(driver).filter(d -> d.id().equals(id)).map(MinerDriver.class::cast);
            }

            @Override
            public Collection<MinerDriver> all() {
                return List.of(driver);
            }
        };
        ReadingBuffer buffer = new ReadingBuffer(1_000);
        TelemetrySettings settings = new TelemetrySettings(true, Duration.ofMillis(200), 10, Duration.ofSeconds(1), 3,
                1_000, 100, Duration.ofMinutes(5));
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        TelemetryPoller poller = new TelemetryPoller(inventory, drivers, buffer, new TelemetryMetrics(),
                () -> settings, refresher, Clock.systemUTC(), list -> {
                });
        poller.start();
        try {
            List<Reading> readings = buffer.take(1, 10, TimeUnit.SECONDS);
            assertEquals(1, readings.size(), "a reading within two cycles");
            Reading failed = readings.get(0);
            assertEquals(7, failed.minerId());
            assertTrue(failed.error().startsWith("ACCESS_DENIED: refused root:***"), failed.error());
            assertFalse(failed.error().contains(PASSWORD));
            assertEquals(access, driver.read);
            assertEquals(OptionalInt.of(8080), driver.read.controlPort());
        } finally {
            poller.stop(Duration.ofSeconds(2));
            refresher.shutdownNow();
        }
    }
}
