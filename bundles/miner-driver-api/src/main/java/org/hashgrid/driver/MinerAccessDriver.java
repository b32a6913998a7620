package org.hashgrid.driver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A {@link MinerDriver} written against {@link MinerAccess}, for firmware whose control needs
 * credentials or a second port: it implements the access variants, and the endpoint variants use
 * {@link MinerAccess#of(MinerEndpoint)} (default ports, no credentials).
 *
 * <p>{@link MinerDriver} itself cannot default this direction too: its access variants default to
 * the endpoint ones so that drivers written for 1.0 keep working, and defaults both ways would call
 * each other for ever. This interface turns the access variants abstract again instead.
 *
 * @since 1.1
 */
public interface MinerAccessDriver extends MinerDriver {

    @Override
    CompletionStage<MinerReading> read(MinerAccess access, Duration timeout);

    @Override
    CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout);

    @Override
    CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout);

    /** Reads {@link MinerAccess#of(MinerEndpoint) MinerAccess.of(endpoint)}. */
    @Override
    default CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout) {
        return read(MinerAccess.of(Objects.requireNonNull(endpoint, "endpoint")), timeout);
    }

    /** Commands {@link MinerAccess#of(MinerEndpoint) MinerAccess.of(endpoint)}. */
    @Override
    default CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout) {
        return execute(MinerAccess.of(Objects.requireNonNull(endpoint, "endpoint")), command, timeout);
    }

    /** Probes {@link MinerAccess#of(MinerEndpoint) MinerAccess.of(endpoint)}. */
    @Override
    default CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout) {
        return probe(MinerAccess.of(Objects.requireNonNull(endpoint, "endpoint")), timeout);
    }
}
