package org.hashgrid.hosting.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;

/**
 * A driver for the hosting tests: acknowledges stop and restart after {@code delay} ("STOP
 * done"), refuses start as a firmware without privileged access does, counts what it executed;
 * it neither reads nor probes.
 */
public final class TestDriver implements MinerDriver {
    public final AtomicInteger executed = new AtomicInteger();
    private final String id;
    private final Duration delay;

    public TestDriver(String id, Duration delay) {
        this.id = id;
        this.delay = delay;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return Set.of();
    }

    @Override
    public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED, "no reads"));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        if (command.equals(MinerCommand.start())) {
            return CompletableFuture
                    .failedFuture(new DriverException(FailureKind.ACCESS_DENIED, "privileged API refused"));
        }
        executed.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> new CommandResult(command, command.action() + " done"),
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED, "no probes"));
    }
}
