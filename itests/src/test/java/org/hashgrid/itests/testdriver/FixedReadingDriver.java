package org.hashgrid.itests.testdriver;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 * A third party's driver, packed by {@code DriverIT} into a bundle of its own and installed
 * while the platform runs: it answers every read with the same reading, without any network.
 */
public final class FixedReadingDriver implements MinerDriver {
    public static final String ID = "itest-fixed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return EnumSet.of(DriverCapability.READ);
    }

    @Override
    public CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        return CompletableFuture.completedFuture(MinerReading.builder(Instant.now()).hashrateThs(123.5)
                .boardTemperaturesC(List.of(61.0, 63.5)).maxTemperatureC(63.5).fanRpms(List.of(5400, 5520))
                .model("Fixed 1").firmware("fixed-1.0").build());
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED, "read-only test driver"));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        return CompletableFuture.completedFuture(new ProbeResult(ID, Optional.of("Fixed 1"), Optional.empty(),
                Optional.empty(), capabilities()));
    }
}
