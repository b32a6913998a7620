package org.hashgrid.hosting.internal;

import java.time.Duration;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.hosting.Miner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one miner now through its driver; nothing is stored. */
@Component(service = LiveReadService.class, configurationPid = LiveReadService.PID)
@Designate(ocd = LiveReadService.Config.class)
public class LiveReadService {
    static final String PID = "org.hashgrid.hosting.live";
    private static final Logger LOG = LoggerFactory.getLogger(LiveReadService.class);

    @ObjectClassDefinition(name = "Hashgrid live miner reads and actions")
    public @interface Config {
        @AttributeDefinition(name = "Driver call timeout (ms)", min = "100")
        int timeout_ms() default 10_000;
    }

    private final MinerTargets targets;
    private volatile Duration timeout;

    @Activate
    public LiveReadService(Config config, @Reference MinerTargets targets) {
        this.targets = targets;
        modified(config);
    }

    /** A changed timeout applies to the reads that start from now on. */
    @Modified
    void modified(Config config) {
        timeout = ConfigCheck.apply(PID, Config.class, config, timeout, LiveReadService::timeout, LOG::warn);
    }

    /** The driver call timeout of live reads and actions (both read {@link #PID}). */
    static Duration timeout(ConfigCheck check, Config config) {
        return Duration.ofMillis(check.atLeast("timeout.ms", config::timeout_ms, 100));
    }

    /** The miner (for its id and driver) and what its driver read just now. */
    public record Live(Miner miner, MinerReading reading) {
    }

    public Live read(Caller caller, long minerId) throws InterruptedException {
        MinerTargets.Target target = targets.resolve(caller, minerId);
        Duration timeout = this.timeout;
        try {
            return new Live(target.miner(),
                    MinerTargets.await(target.driver().read(target.access(), timeout), timeout));
        } catch (DriverException e) {
            LOG.info("Live read of miner {} at {} failed: {}", minerId, target.endpoint(), target.describe(e));
            throw MinerTargets.problem(target, e);
        }
    }
}
