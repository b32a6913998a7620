package org.hashgrid.driver.antminer;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

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
import org.hashgrid.driver.antminer.internal.AntminerSettings;
import org.hashgrid.driver.antminer.internal.Commands;
import org.hashgrid.driver.antminer.internal.DriverFailures;
import org.hashgrid.driver.antminer.internal.Identity;
import org.hashgrid.driver.antminer.internal.WebClient;
import org.hashgrid.driver.antminer.internal.WorkModes;
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
 * Miner driver for Bitmain Antminers on stock firmware. Readings come from the CGMiner driver
 * (the cgminer API on port 4028) with the work mode added from the web interface; control goes
 * through the web interface's CGI scripts with HTTP Digest authentication: sleep, normal, the
 * high-performance or low-power work mode, and reboot. Stock firmware has no power limit in watts.
 */
@Component(service = MinerDriver.class, configurationPid = AntminerDriver.PID,
        property = MinerDriver.DRIVER_ID_PROPERTY + "=" + AntminerDriver.ID)
@Designate(ocd = AntminerDriver.Config.class)
public final class AntminerDriver implements MinerAccessDriver, AutoCloseable {

    public static final String ID = "antminer";
    public static final String PID = "org.hashgrid.driver.antminer";

    private static final Set<DriverCapability> CAPABILITIES = Collections.unmodifiableSet(
            EnumSet.of(DriverCapability.READ, DriverCapability.PROBE, DriverCapability.STOP, DriverCapability.START,
                    DriverCapability.RESTART, DriverCapability.SET_MODE));

    private static final Logger LOG = LoggerFactory.getLogger(AntminerDriver.class);

    @ObjectClassDefinition(name = "Hashgrid Antminer driver",
            description = "Controls Bitmain Antminers on stock firmware through their web interface (HTTP Digest); "
                    + "reads through the CGMiner driver.")
    public @interface Config {
        @AttributeDefinition(name = "Web port",
                description = "Port of the miners' web interface when a miner names none.", min = "1", max = "65535")
        int webPort() default 80;

        @AttributeDefinition(name = "Connect timeout (ms)", description = "Time allowed to open a web connection.",
                min = "1")
        long connectTimeoutMillis() default 3000;

        @AttributeDefinition(name = "Maximum open connections",
                description = "Web connections open at once across all miners; further requests wait.", min = "1")
        int maxConnections() default 1024;

        @AttributeDefinition(name = "Maximum reply size (bytes)",
                description = "Larger CGI replies are abandoned as protocol errors.", min = "1024")
        int maxReplyBytes() default 256 * 1024;

        @AttributeDefinition(name = "Work mode cache (s)",
                description = "How long a miner's work mode read from stats.cgi serves readings; 0 reads it every time.",
                min = "0")
        long modeCacheSeconds() default 30;

        @AttributeDefinition(name = "Work mode read timeout (ms)",
                description = "The most a reading waits for the work mode from the web interface.", min = "1")
        long modeReadTimeoutMillis() default 2000;

        @AttributeDefinition(name = "Model cache (min)",
                description = "How long a miner's model from get_system_info.cgi is trusted.", min = "1")
        long identityCacheMinutes() default 60;

        @AttributeDefinition(name = "Login back-off (s)",
                description = "After a miner refused the stored credentials, readings leave its web interface "
                        + "alone this long (commands always try once).",
                min = "1")
        long loginBackoffSeconds() default 300;

        @AttributeDefinition(name = "HTTP threads", description = "Threads of the HTTP client's executor.", min = "1")
        int httpThreads() default 2;
    }

    private final MinerDriver cgminer;
    private final AntminerSettings settings;
    private final WebClient web;
    private final Commands commands;
    private final WorkModes workModes;
    private final Identity identity;
    private final DriverFailures failures = new DriverFailures(LOG);
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    @Activate
    public AntminerDriver(@Reference(target = "(" + MinerDriver.DRIVER_ID_PROPERTY + "=cgminer)") MinerDriver cgminer,
            Config config) {
        this(cgminer, new AntminerSettings(config.webPort(), Duration.ofMillis(config.connectTimeoutMillis()),
                config.maxConnections(), config.maxReplyBytes(), Duration.ofSeconds(config.modeCacheSeconds()),
                Duration.ofMillis(config.modeReadTimeoutMillis()), Duration.ofMinutes(config.identityCacheMinutes()),
                Duration.ofSeconds(config.loginBackoffSeconds()), config.httpThreads()));
    }

    /**
     * For use outside OSGi, e.g. in tests and benchmarks; {@link #close()} it when done.
     *
     * @param cgminer the CGMiner driver, which reads the miners' cgminer API
     */
    public AntminerDriver(MinerDriver cgminer, AntminerSettings settings) {
        this.cgminer = Objects.requireNonNull(cgminer, "cgminer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.web = new WebClient(settings);
        this.commands = new Commands(web, settings);
        this.workModes = new WorkModes(web, settings);
        this.identity = new Identity(web, commands);
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            // java.net.http completes every sendAsync through CompletableFuture's default executor,
            // which then starts a thread per response
            LOG.warn("the JDK HTTP client starts a thread for every web reply while the common pool's parallelism "
                    + "is {} (2 cores or fewer): run the platform with "
                    + "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2 for fleet-wide commands",
                    ForkJoinPool.getCommonPoolParallelism());
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DriverCapability> capabilities() {
        return CAPABILITIES;
    }

    /** Reads the cgminer API through the CGMiner driver and adds the work mode from {@code stats.cgi}. */
    @Override
    public CompletionStage<MinerReading> read(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        return call(access.endpoint(), "read", timeout, false, deadline -> {
            CompletableFuture<MinerReading> reading = cgminer.read(access.endpoint(), deadline.remaining())
                    .toCompletableFuture();
            return reading.thenCombine(
                    workModes.forReading(webEndpoint(access), access.credentials(), deadline.nanos()),
                    (value, mode) -> mode.map(m -> WorkModes.withMode(value, m.mode())).orElse(value));
        });
    }

    @Override
    public CompletionStage<CommandResult> execute(MinerAccess access, MinerCommand command, Duration timeout) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(command, "command");
        return call(access.endpoint(), command.toString(), timeout, true, deadline -> {
            if (command.action() == MinerCommand.Action.SET_POWER_LIMIT) {
                return CompletableFuture.failedFuture(new DriverException(FailureKind.UNSUPPORTED,
                        "stock Antminer firmware has no power limit in watts, only work modes (normal, and low power "
                                + "or high performance depending on the build): use SET_MODE"));
            }
            if (access.credentials().isEmpty()) {
                return CompletableFuture.failedFuture(new DriverException(FailureKind.ACCESS_DENIED,
                        "no credentials are stored for this miner; stock Antminer firmware is controlled only through "
                                + "its web interface with HTTP Digest authentication"));
            }
            return commands.execute(webEndpoint(access), access.credentials().get(), command, deadline.nanos());
        });
    }

    /**
     * Probes the cgminer API through the CGMiner driver and the web interface: its Digest realm
     * names stock firmware; with credentials {@code get_system_info.cgi} gives model, serial number
     * and firmware, and {@code get_miner_conf.cgi} whether the build has work modes.
     */
    @Override
    public CompletionStage<ProbeResult> probe(MinerAccess access, Duration timeout) {
        Objects.requireNonNull(access, "access");
        return call(access.endpoint(), "probe", timeout, false, deadline -> {
            CompletableFuture<ProbeResult> fromCgminer = cgminer.probe(access.endpoint(), deadline.remaining())
                    .toCompletableFuture();
            CompletableFuture<Identity.Web> fromWeb =
                    identity.of(webEndpoint(access), access.credentials(), deadline.nanos());
            return fromCgminer.thenCompose(cg -> fromWeb.handle((web, failure) -> {
                if (failure != null) {
                    throw new CompletionException(
                            failures.logged(Identity.named(cg, DriverFailures.of(failure, "probe")),
                                    access.endpoint(), "probe"));
                }
                return Identity.result(ID, cg, web);
            }));
        });
    }

    /** Fails the calls still in flight as UNREACHABLE and stops the HTTP client's threads. */
    @Override
    @Deactivate
    public void close() {
        DriverException stopped = new DriverException(FailureKind.UNREACHABLE, "the Antminer driver stopped");
        inFlight.forEach(call -> call.completeExceptionally(stopped));
        web.close();
    }

    private MinerEndpoint webEndpoint(MinerAccess access) {
        return access.controlEndpoint(settings.webPort());
    }

    /**
     * Runs an operation against a deadline and turns whatever happens into a value or a
     * DriverException, logged unless it comes from the CGMiner driver, which logs its own. Past
     * its deadline a call completes at the latest the backstop's tolerance later, whatever a step
     * does.
     */
    private <T> CompletionStage<T> call(MinerEndpoint miner, String what, Duration timeout, boolean log,
            Function<Deadline, CompletableFuture<T>> operation) {
        CompletableFuture<T> result =
                DriverCalls.bounded(what, timeout, DriverCalls.BACKSTOP_TOLERANCE, operation, failure -> {
                    DriverException reported = DriverFailures.of(failure, what + " of " + miner);
                    return log ? failures.logged(reported, miner, what) : reported;
                });
        inFlight.add(result);
        result.whenComplete((value, failure) -> inFlight.remove(result));
        return result;
    }
}
