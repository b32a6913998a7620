package org.hashgrid.driver.cgminer;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCalls;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.cgminer.internal.CgminerApi;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.cgminer.internal.FailureLog;
import org.hashgrid.driver.cgminer.rpc.CgminerRpc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Miner driver for the CGMiner RPC API (TCP 4028) as spoken by stock cgminer, Bitmain bmminer,
 * Whatsminer btminer, Canaan Avalon, Braiins OS and LuxOS. One selector thread and a small worker
 * pool serve any number of miners.
 */
@Component(service = { MinerDriver.class, CgminerRpc.class }, configurationPid = CgminerDriver.PID,
        property = MinerDriver.DRIVER_ID_PROPERTY + "=" + CgminerDriver.ID)
@Designate(ocd = CgminerDriver.Config.class)
public final class CgminerDriver implements MinerDriver, CgminerRpc, AutoCloseable {

    public static final String ID = "cgminer";
    public static final String PID = "org.hashgrid.driver.cgminer";

    /** What the driver can do on some firmware; no firmware takes a power limit in watts over this API. */
    private static final Set<DriverCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            DriverCapability.READ, DriverCapability.PROBE, DriverCapability.STOP, DriverCapability.START,
            DriverCapability.RESTART));

    private static final Logger LOG = LoggerFactory.getLogger(CgminerDriver.class);

    @ObjectClassDefinition(name = "Hashgrid CGMiner driver",
            description = "Talks to miners over the CGMiner RPC API (TCP 4028).")
    public @interface Config {
        @AttributeDefinition(name = "Connect timeout (ms)", description = "Time allowed to open a TCP connection.",
                min = "1")
        long connectTimeoutMillis() default 3000;

        @AttributeDefinition(name = "Read timeout (ms)",
                description = "Time allowed for a whole reply once the request is sent.", min = "1")
        long readTimeoutMillis() default 10_000;

        @AttributeDefinition(name = "Maximum reply size (bytes)",
                description = "Larger replies are abandoned as protocol errors.", min = "1024")
        int maxReplyBytes() default 1024 * 1024;

        @AttributeDefinition(name = "Maximum open connections",
                description = "Connections open at once across all miners; further requests wait.", min = "1")
        int maxConnections() default 2048;

        @AttributeDefinition(name = "Identity time to live (s)",
                description = "How long firmware, model, MAC and version answers are reused before a read asks "
                        + "them again (sooner when the miner restarts or stops answering); 0 asks every time.",
                min = "0")
        long identityTtlSeconds() default 600;
    }

    private final CgminerApi api;
    private final FailureLog failures;

    @Activate
    public CgminerDriver(Config config) throws IOException {
        this(new CgminerSettings(Duration.ofMillis(config.connectTimeoutMillis()),
                Duration.ofMillis(config.readTimeoutMillis()),
                config.maxReplyBytes(), config.maxConnections(), Duration.ofSeconds(config.identityTtlSeconds())));
    }

    /** For use outside OSGi, e.g. in tests and benchmarks; {@link #close()} it when done. */
    public CgminerDriver(CgminerSettings settings) throws IOException {
        this.api = new CgminerApi(ID, settings);
        this.failures = new FailureLog(LOG);
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
    public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        return call(endpoint, "read", timeout, deadline -> api.read(endpoint, deadline));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(command, "command");
        if (!CAPABILITIES.contains(command.action().capability())) {
            return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED,
                    "the CGMiner driver cannot " + command
                            + ": no firmware takes a power limit in watts over the CGMiner API"));
        }
        return call(endpoint, command.toString(), timeout, deadline -> api.execute(endpoint, command, deadline));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        return call(endpoint, "probe", timeout, deadline -> api.probe(endpoint, deadline));
    }

    @Override
    public CompletionStage<JsonNode> exchange(MinerEndpoint endpoint, String request, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        return call(endpoint, "exchange", timeout, deadline -> api.exchange(endpoint, request, deadline));
    }

    @Override
    public CompletionStage<Optional<JsonNode>> sendOnce(MinerEndpoint endpoint, String request, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        return call(endpoint, "send once", timeout, deadline -> api.sendOnce(endpoint, request, deadline));
    }

    /** Stops the I/O thread; calls still in flight fail as UNREACHABLE. */
    @Override
    @Deactivate
    public void close() {
        api.close();
    }

    /** Runs an operation against its deadline; failures are logged, throttled, by {@link FailureLog}. */
    private <T> CompletionStage<T> call(MinerEndpoint endpoint, String what, Duration timeout,
            LongFunction<CompletableFuture<T>> operation) {
        return DriverCalls.bounded(what, timeout, deadline -> operation.apply(deadline.nanos()),
                failure -> failures.record(endpoint, what, failure));
    }
}
