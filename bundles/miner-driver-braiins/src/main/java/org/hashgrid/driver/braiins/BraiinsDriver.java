package org.hashgrid.driver.braiins;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCalls;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerAccessDriver;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.braiins.internal.BraiinsOps;
import org.hashgrid.driver.braiins.internal.BraiinsRest;
import org.hashgrid.driver.braiins.internal.RestClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Miner driver for Braiins OS 25.07 and later. Reads are the CGMiner driver's (bosminer's
 * cgminer-compatible API), completed with the REST API's miner status and power target; commands
 * go through the Public REST API ({@code /api/v1}, port 80 unless the miner's control port says
 * otherwise) with the miner's stored credentials.
 */
@Component(service = MinerDriver.class, configurationPid = BraiinsDriver.PID,
        property = MinerDriver.DRIVER_ID_PROPERTY + "=" + BraiinsDriver.ID)
@Designate(ocd = BraiinsDriver.Config.class)
public final class BraiinsDriver implements MinerAccessDriver, AutoCloseable {

    public static final String ID = "braiins";
    public static final String PID = "org.hashgrid.driver.braiins";

    private static final Set<DriverCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            DriverCapability.READ, DriverCapability.PROBE, DriverCapability.STOP, DriverCapability.START,
            DriverCapability.RESTART, DriverCapability.SET_POWER_LIMIT));

    private static final Logger LOG = LoggerFactory.getLogger(BraiinsDriver.class);

    @ObjectClassDefinition(name = "Hashgrid Braiins OS driver",
            description = "Talks to miners running Braiins OS 25.07 or later over its REST API.")
    public @interface Config {
        @AttributeDefinition(name = "Connect timeout (ms)",
                description = "Time allowed to open a connection to a miner's REST API.", min = "1")
        long connectTimeoutMillis() default 3000;
    }

    private final MinerDriver cgminer;
    private final ExecutorService executor;
    private final BraiinsOps ops;

    @Activate
    public BraiinsDriver(@Reference(target = "(" + DRIVER_ID_PROPERTY + "=cgminer)") MinerDriver cgminer,
            Config config) {
        this(cgminer, Duration.ofMillis(config.connectTimeoutMillis()));
    }

    /** For use outside OSGi, e.g. in tests; {@link #close()} it when done. */
    public BraiinsDriver(MinerDriver cgminer, Duration connectTimeout) {
        this.cgminer = Objects.requireNonNull(cgminer, "cgminer");
        AtomicInteger threads = new AtomicInteger();
        // the HTTP client's selector and completions: a few threads for any number of miners
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
            Thread thread = new Thread(task, "braiins-driver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.ops = new BraiinsOps(new BraiinsRest(new RestClient(connectTimeout, executor)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        return call(access.endpoint(), "read", timeout,
                deadline -> cgminer.read(access.endpoint(), deadline.remaining())
                        .toCompletableFuture().thenCompose(reading -> ops.complete(access, reading, deadline)));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(command, "command");
        return call(access.endpoint(), command.toString(), timeout, deadline -> ops.execute(access, command, deadline));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        return call(access.endpoint(), "probe", timeout, deadline -> cgminer.probe(access.endpoint(),
                deadline.remaining()).toCompletableFuture()
                .thenCompose(probe -> ops.probe(access, probe, ID, CAPABILITIES, deadline)));
    }

    /** Stops the HTTP client's threads; calls in flight fail. */
    @Override
    @Deactivate
    public void close() {
        executor.shutdownNow();
    }

    /**
     * Runs an operation against its deadline and turns whatever happens into a result or a
     * DriverException; the tolerance lets the request's own, more precise failure (TIMEOUT or
     * UNREACHABLE) come first.
     */
    private static <T> CompletionStage<T> call(MinerEndpoint endpoint, String what, Duration timeout,
            Function<Deadline, CompletableFuture<T>> operation) {
        return DriverCalls.bounded(what, timeout, DriverCalls.BACKSTOP_TOLERANCE, operation,
                failure -> DriverCalls.reported(failure,
                        expected -> LOG.debug("{}: {} {}: {}", endpoint, what, expected.kind(), expected.getMessage()),
                        unexpected -> LOG.warn("{}: {} failed unexpectedly", endpoint, what, unexpected)));
    }
}
