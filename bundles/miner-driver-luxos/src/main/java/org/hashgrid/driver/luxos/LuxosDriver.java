package org.hashgrid.driver.luxos;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
import org.hashgrid.driver.cgminer.rpc.CgminerRpc;
import org.hashgrid.driver.luxos.internal.LuxosClient;
import org.hashgrid.driver.luxos.internal.LuxosControl;
import org.hashgrid.driver.luxos.internal.LuxosReading;
import org.hashgrid.driver.luxos.internal.Sessions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Miner driver for Luxor's LuxOS (LUXminer). Reads are the CGMiner driver's, completed with what
 * only LuxOS tells (curtail mode, profile watts, measured power); commands go over the same
 * cgminer port within a LuxOS session. LuxOS has no password: stored credentials are ignored.
 */
@Component(service = MinerDriver.class, configurationPid = LuxosDriver.PID,
        property = MinerDriver.DRIVER_ID_PROPERTY + "=" + LuxosDriver.ID)
@Designate(ocd = LuxosDriver.Config.class)
public final class LuxosDriver implements MinerAccessDriver {

    public static final String ID = "luxos";
    public static final String PID = "org.hashgrid.driver.luxos";

    private static final Set<DriverCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            DriverCapability.READ, DriverCapability.PROBE, DriverCapability.STOP, DriverCapability.START,
            DriverCapability.RESTART, DriverCapability.SET_POWER_LIMIT));

    private static final Logger LOG = LoggerFactory.getLogger(LuxosDriver.class);

    @ObjectClassDefinition(name = "Hashgrid LuxOS driver",
            description = "Talks to miners running LuxOS over the LUXminer API (TCP 4028).")
    public @interface Config {
        @AttributeDefinition(name = "RESTART reboots the controller",
                description = "RESTART reboots the whole control board (rebootdevice) instead of restarting the "
                        + "mining process (resetminer).")
        boolean restartReboots() default false;
    }

    private final MinerDriver cgminer;
    private final LuxosReading readings;
    private final LuxosControl control;

    /**
     * @param cgminer the CGMiner driver, which reads LuxOS's cgminer-compatible telemetry
     * @param rpc     the CGMiner bundle's hardened exchange, for LuxOS's own commands
     */
    @Activate
    public LuxosDriver(@Reference(target = "(" + DRIVER_ID_PROPERTY + "=cgminer)") MinerDriver cgminer,
            @Reference CgminerRpc rpc, Config config) {
        this(cgminer, rpc, config.restartReboots());
    }

    /** For use outside OSGi, e.g. in tests. */
    public LuxosDriver(MinerDriver cgminer, CgminerRpc rpc, boolean restartReboots) {
        this.cgminer = Objects.requireNonNull(cgminer, "cgminer");
        LuxosClient client = new LuxosClient(Objects.requireNonNull(rpc, "rpc"));
        this.readings = new LuxosReading(client);
        this.control = new LuxosControl(client, new Sessions(client), restartReboots);
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
        MinerEndpoint endpoint = access.endpoint();
        return call(endpoint, "read", timeout,
                deadline -> readings.complete(endpoint, cgminer.read(endpoint, deadline.remaining()), deadline));
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(command, "command");
        MinerEndpoint endpoint = access.endpoint();
        return call(endpoint, command.toString(), timeout, deadline -> control.execute(endpoint, command, deadline));
    }

    @Override
    public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        MinerEndpoint endpoint = access.endpoint();
        return call(endpoint, "probe", timeout, deadline -> readings.probe(endpoint, ID, CAPABILITIES, deadline));
    }

    /**
     * Runs an operation against its deadline and turns whatever happens into a result or a
     * DriverException; a command queued behind others for the same miner still ends in time, and
     * the tolerance lets the exchange's own, more precise failure (TIMEOUT or UNREACHABLE) come first.
     */
    private static <T> CompletionStage<T> call(MinerEndpoint endpoint, String what, Duration timeout,
            Function<Deadline, CompletableFuture<T>> operation) {
        return DriverCalls.bounded(what, timeout, DriverCalls.BACKSTOP_TOLERANCE, operation,
                failure -> DriverCalls.reported(failure,
                        expected -> LOG.debug("{}: {} {}: {}", endpoint, what, expected.kind(), expected.getMessage()),
                        unexpected -> LOG.warn("{}: {} failed unexpectedly", endpoint, what, unexpected)));
    }
}
