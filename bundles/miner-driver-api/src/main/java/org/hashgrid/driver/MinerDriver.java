package org.hashgrid.driver;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Talks to miners of one firmware family. Implementations are OSGi services registered with the
 * service property {@value #DRIVER_ID_PROPERTY} set to {@link #id()}; a miner record names the
 * driver id, and the platform looks the service up at call time, so drivers may come and go while
 * the platform runs.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Never blocks.</b> {@code read}, {@code execute} and {@code probe} start the work and
 * return at once; one caller drives thousands of miners without a thread per miner.</li>
 * <li><b>Never throws.</b> Every failure that concerns the miner or the network completes the
 * returned stage exceptionally with a {@link DriverException} whose {@link FailureKind} says what
 * went wrong. The only exceptions thrown synchronously are {@link NullPointerException} for null
 * arguments, which are programming errors.</li>
 * <li><b>Honours the timeout.</b> The stage completes within {@code timeout} plus a small
 * scheduling tolerance; when the time is up it fails with {@link FailureKind#TIMEOUT}, or
 * {@link FailureKind#UNREACHABLE} if no connection could be made. A zero or negative timeout fails
 * at once.</li>
 * <li><b>Is honest.</b> Values the firmware did not report stay absent (see
 * {@link MinerReading#missing()}); a command the firmware cannot perform fails with
 * {@link FailureKind#UNSUPPORTED} and is never acknowledged without effect.</li>
 * <li><b>Is thread-safe.</b> Any thread may call any method, concurrently. A driver keeps at most
 * one conversation in flight per endpoint when the firmware serves one client at a time.</li>
 * </ul>
 * Stages may complete on a thread owned by the driver: dependent actions registered with the
 * non-async methods of {@link CompletionStage} run there, so they must be short; use the
 * {@code *Async} variants with an executor of your own for anything slow.
 */
public interface MinerDriver {

    /** Service property naming the driver, e.g. {@code hashgrid.driver=cgminer}. */
    String DRIVER_ID_PROPERTY = "hashgrid.driver";

    /** @return the stable id of this driver, equal to its {@value #DRIVER_ID_PROPERTY} property */
    String id();

    /**
     * @return everything this driver can do on at least one firmware it supports; a particular
     *         miner may support less, see {@link ProbeResult#capabilities()}
     */
    Set<DriverCapability> capabilities();

    /**
     * Reads the miner's current telemetry.
     *
     * @param endpoint where the miner's API listens
     * @param timeout  the time the whole read may take, connection included
     * @return a stage completing with the reading, or exceptionally with a {@link DriverException}
     */
    CompletionStage<MinerReading> read(MinerEndpoint endpoint, Duration timeout);

    /**
     * Asks the miner to perform a command. Success means the firmware acknowledged it; confirm the
     * effect by reading afterwards (e.g. hashrate falling to zero after {@code STOP}).
     *
     * @param endpoint where the miner's API listens
     * @param command  what to do
     * @param timeout  the time the whole exchange may take
     * @return a stage completing with the firmware's acknowledgement, or exceptionally with a
     *         {@link DriverException}: {@link FailureKind#UNSUPPORTED} when this driver or this
     *         firmware cannot perform the command, {@link FailureKind#ACCESS_DENIED} when the
     *         firmware refuses it to this client
     */
    CompletionStage<CommandResult> execute(MinerEndpoint endpoint, MinerCommand command, Duration timeout);

    /**
     * Finds out whether the endpoint is a miner this driver can handle, and what it is.
     *
     * @param endpoint where a miner's API may listen
     * @param timeout  the time the probe may take
     * @return a stage completing with what the miner told about itself, or exceptionally with a
     *         {@link DriverException} ({@link FailureKind#PROTOCOL_ERROR} when something answers
     *         that does not speak this driver's protocol)
     */
    CompletionStage<ProbeResult> probe(MinerEndpoint endpoint, Duration timeout);

    /**
     * Reads a miner with everything the platform stores for it (control port, credentials). The
     * platform always calls this variant; drivers whose firmware needs credentials or a second
     * port override it. By default it reads {@code access.endpoint()}.
     *
     * @since 1.1
     */
    default CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
        return read(access.endpoint(), timeout);
    }

    /**
     * Commands a miner with everything the platform stores for it. The platform always calls this
     * variant. A firmware that needs credentials fails with {@link FailureKind#ACCESS_DENIED} when
     * none are given or they are wrong. By default it commands {@code access.endpoint()}.
     *
     * @since 1.1
     */
    default CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        return execute(access.endpoint(), command, timeout);
    }

    /**
     * Probes a miner with everything the platform knows for it. By default it probes
     * {@code access.endpoint()}.
     *
     * @since 1.1
     */
    default CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        return probe(access.endpoint(), timeout);
    }
}
