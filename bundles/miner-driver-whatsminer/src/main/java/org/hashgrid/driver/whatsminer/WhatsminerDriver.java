package org.hashgrid.driver.whatsminer;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCalls;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerAccessDriver;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;
import org.hashgrid.driver.cgminer.rpc.CgminerRpc;
import org.hashgrid.driver.whatsminer.internal.ApiV2;
import org.hashgrid.driver.whatsminer.internal.ApiV3;
import org.hashgrid.driver.whatsminer.internal.FramedClient;
import org.hashgrid.driver.whatsminer.internal.WhatsminerSettings;
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
 * Miner driver for MicroBT Whatsminer (btminer). Firmware of late 2024 on speaks API v3 on TCP
 * 4433; older firmware speaks API v2 on the cgminer port 4028. Like MicroBT's own worker, the
 * driver asks API v3 first and falls back to API v2 when nothing there speaks API v3, and
 * remembers the answer per miner.
 */
@Component(service = MinerDriver.class, configurationPid = WhatsminerDriver.PID,
        property = MinerDriver.DRIVER_ID_PROPERTY + "=" + WhatsminerDriver.ID)
@Designate(ocd = WhatsminerDriver.Config.class)
public final class WhatsminerDriver implements MinerAccessDriver, AutoCloseable {

    public static final String ID = "whatsminer";
    public static final String PID = "org.hashgrid.driver.whatsminer";

    /** Both API generations read, probe, stop, start, restart, cap power in watts and switch power modes. */
    private static final Set<DriverCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.allOf(DriverCapability.class));

    private static final Logger LOG = LoggerFactory.getLogger(WhatsminerDriver.class);

    @ObjectClassDefinition(name = "Hashgrid Whatsminer driver",
            description = "Talks to MicroBT Whatsminer miners over btminer API v3 (TCP 4433) or API v2 (TCP 4028).")
    public @interface Config {
        @AttributeDefinition(name = "API v3 port",
                description = "Port of API v3 when a miner's record names no control port.", min = "1", max = "65535")
        int v3Port() default 4433;

        @AttributeDefinition(name = "API v3 connect timeout (ms)",
                description = "A miner that accepts no connection on API v3 in this time is asked over API v2.",
                min = "1")
        long connectTimeoutMillis() default 3000;

        @AttributeDefinition(name = "Maximum API v3 reply size (bytes)",
                description = "Larger replies are abandoned as protocol errors.", min = "1024")
        int maxReplyBytes() default 1024 * 1024;

        @AttributeDefinition(name = "Maximum open API v3 connections",
                description = "API v3 connections open at once across all miners; further requests wait.", min = "1")
        int maxConnections() default 2048;

        @AttributeDefinition(name = "API v2 token reuse (s)",
                description = "How long an API v2 token is reused; the firmware keeps tokens 30 minutes.", min = "1")
        long tokenReuseSeconds() default 25 * 60;

        @AttributeDefinition(name = "API generation memory (s)",
                description = "How long the API generation found for a miner is remembered.", min = "1")
        long apiCacheSeconds() default 3600;
    }

    private enum Generation { V2, V3 }

    private record Known(Generation generation, long until) {
    }

    private final WhatsminerSettings settings;
    private final FramedClient client;
    private final ApiV2 v2;
    private final ApiV3 v3;
    /** The API generation each miner answered on, keyed by its read endpoint. */
    private final Map<MinerEndpoint, Known> generations = new ConcurrentHashMap<>();

    @Activate
    public WhatsminerDriver(@Reference(target = "(" + DRIVER_ID_PROPERTY + "=cgminer)") MinerDriver cgminer,
            @Reference(target = "(" + DRIVER_ID_PROPERTY + "=cgminer)") CgminerRpc rpc, Config config)
            throws IOException {
        this(cgminer, rpc, new WhatsminerSettings(config.v3Port(), Duration.ofMillis(config.connectTimeoutMillis()),
                config.maxReplyBytes(), config.maxConnections(), Duration.ofSeconds(config.tokenReuseSeconds()),
                Duration.ofSeconds(config.apiCacheSeconds())));
    }

    /**
     * For use outside OSGi (tests, benchmarks): give the CGMiner driver for both; {@link #close()}
     * this driver when done.
     */
    public WhatsminerDriver(MinerDriver cgminer, CgminerRpc rpc, WhatsminerSettings settings) throws IOException {
        this.settings = settings;
        this.client = new FramedClient(settings.connectTimeout(), settings.maxReplyBytes(), settings.maxConnections());
        this.v2 = new ApiV2(ID, cgminer, rpc, settings.tokenReuse());
        this.v3 = new ApiV3(ID, client);
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
        return call(access, "read", timeout, deadline -> either(access, deadline,
                v3Endpoint -> v3.read(v3Endpoint, deadline), () -> v2.read(access.endpoint(), deadline)));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(command, "command");
        if (access.credentials().isEmpty()) {
            return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED, "cannot " + command
                    + " a Whatsminer without credentials: store the miner's admin (API v2) or account (API v3) "
                    + "password"));
        }
        var credentials = access.credentials().get();
        return call(access, command.toString(), timeout, deadline -> either(access, deadline,
                v3Endpoint -> v3.execute(v3Endpoint, command, credentials, deadline),
                () -> v2.execute(access.endpoint(), command, credentials, deadline)));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        return call(access, "probe", timeout, deadline -> either(access, deadline,
                v3Endpoint -> v3.probe(v3Endpoint, deadline, CAPABILITIES),
                () -> v2.probe(access.endpoint(), deadline, CAPABILITIES)));
    }

    /** Stops the API v3 client; calls in flight fail as UNREACHABLE. */
    @Override
    @Deactivate
    public void close() {
        client.close();
    }

    /**
     * Runs the operation on the miner's API generation: the one remembered, or API v3 first and
     * API v2 when API v3 accepts no connection or something else answers on its port. What
     * answered is remembered; a remembered generation that accepts no connection any more is
     * forgotten.
     */
    private <T> CompletableFuture<T> either(MinerAccess access, Deadline deadline,
            Function<MinerEndpoint, CompletableFuture<T>> onV3, Supplier<CompletableFuture<T>> onV2) {
        MinerEndpoint endpoint = access.endpoint();
        Known known = generations.get(endpoint);
        if (known != null && System.nanoTime() - known.until() >= 0) {
            generations.remove(endpoint, known);
            known = null;
        }
        MinerEndpoint v3Endpoint = access.controlEndpoint(settings.v3Port());
        if (known != null) {
            CompletableFuture<T> attempt = known.generation() == Generation.V3 ? onV3.apply(v3Endpoint) : onV2.get();
            Known remembered = known;
            return attempt.whenComplete((value, failure) -> {
                if (failure != null && DriverException.unwrap(failure).kind() == FailureKind.UNREACHABLE) {
                    generations.remove(endpoint, remembered);
                }
            });
        }
        return onV3.apply(v3Endpoint).handle((value, failure) -> {
            if (failure == null) {
                remember(endpoint, Generation.V3);
                return CompletableFuture.completedFuture(value);
            }
            if (!notApiV3(failure) || deadline.passed()) {
                return CompletableFuture.<T>failedFuture(failure);
            }
            return onV2.get().whenComplete((v2Value, v2Failure) -> {
                if (v2Failure == null || DriverException.unwrap(v2Failure).kind() != FailureKind.UNREACHABLE
                        && DriverException.unwrap(v2Failure).kind() != FailureKind.TIMEOUT) {
                    remember(endpoint, Generation.V2);
                }
            });
        }).thenCompose(Function.identity());
    }

    private void remember(MinerEndpoint endpoint, Generation generation) {
        generations.put(endpoint, new Known(generation, System.nanoTime() + settings.apiCacheTime().toNanos()));
    }

    /** @return whether nothing accepted a connection on API v3's port, or something that is not API v3 answered */
    private static boolean notApiV3(Throwable failure) {
        DriverException cause = DriverException.unwrap(failure);
        return cause.kind() == FailureKind.PROTOCOL_ERROR
                || cause.kind() == FailureKind.UNREACHABLE && cause.getCause() instanceof FramedClient.NoConnection;
    }

    /** Applies the deadline and turns whatever happens into a value or a DriverException. */
    private static <T> CompletionStage<T> call(MinerAccess access, String what, Duration timeout,
            Function<Deadline, CompletableFuture<T>> operation) {
        return DriverCalls.bounded(what, timeout, operation, failure -> DriverCalls.reported(failure,
                expected -> LOG.debug("{}: {} {}: {}", access.endpoint(), what, expected.kind(), expected.getMessage()),
                unexpected -> LOG.warn("{}: {} failed unexpectedly", access.endpoint(), what, unexpected)));
    }
}
