package org.hashgrid.hosting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;

/**
 * A 1.1 driver for the credential tests: it keeps the {@link MinerAccess} and command of its last
 * read or command, acknowledges every command including {@code SET_MODE}, identifies a probed
 * miner only when signed in; with {@link #careless} set it fails
 * every call with ACCESS_DENIED and a message that echoes the credentials it was given, as a badly
 * written driver might.
 */
public final class AccessDriver implements MinerDriver {
    public volatile MinerAccess lastAccess;
    public volatile MinerCommand lastCommand;
    public volatile boolean careless;
    private final String id;

    public AccessDriver(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return EnumSet.of(DriverCapability.READ, DriverCapability.STOP, DriverCapability.START,
                DriverCapability.SET_MODE, DriverCapability.PROBE);
    }

    @Override
    public CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
        lastAccess = access;
        return careless ? refused(access) : CompletableFuture.completedFuture(MinerReading.builder(Instant.now())
                .hashrateThs(100).build());
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        lastAccess = access;
        lastCommand = command;
        return careless ? refused(access) : CompletableFuture.completedFuture(new CommandResult(command, "ok"));
    }

    /** Identifies only a client that signs in, as web APIs do: the serial number is the user name. */
    @Override
    public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        return access.credentials().<CompletionStage<ProbeResult>>map(c -> CompletableFuture.completedFuture(
                new ProbeResult(id, Optional.of("Sim"), Optional.empty(), Optional.of(c.username()), capabilities())))
                .orElseGet(() -> CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                        "sign in first")));
    }

    private static <T> CompletionStage<T> refused(MinerAccess access) {
        String given = access.credentials().map(c -> c.username() + ":" + c.password()).orElse("nothing");
        return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                "digest login refused for " + given + " at " + access.controlEndpoint(80)));
    }

    @Override
    public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        throw new AssertionError("the platform calls the MinerAccess variant");
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        throw new AssertionError("the platform calls the MinerAccess variant");
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        throw new AssertionError("the platform calls the MinerAccess variant");
    }
}
