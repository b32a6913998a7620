package org.hashgrid.hosting.internal;

import java.time.Duration;

import org.hashgrid.core.Caller;
import org.hashgrid.driver.DriverException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.driver.MinerReading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one miner now through its driver; nothing is stored. */
@Component(service = LiveReadService.class, configurationPid = "org.hashgrid.hosting.live")
@Designate(ocd = LiveReadService.Config.class)
public class LiveReadService {
    private static final Logger LOG = LoggerFactory.getLogger(LiveReadService.class);

    @ObjectClassDefinition(name = "Hashgrid live miner reads and actions")
    public @interface Config {
        @AttributeDefinition(name = "Driver call timeout (ms)", min = "100")
        int timeout_ms() default 10_000;
    }

    private final MinerTargets targets;
    private final Duration timeout;

    @Activate
    public LiveReadService(Config config, @Reference MinerTargets targets) {
        this.targets = targets;
        this.timeout = Duration.ofMillis(config.timeout_ms());
    }

    /** The miner (for its id and driver) and what its driver read just now. */
    public record Live(Miner miner, MinerReading reading) {
    }

    public Live read(Caller caller, long minerId) throws InterruptedException {
        MinerTargets.Target target = targets.resolve(caller, minerId);
        try {
            return new Live(target.miner(),
                    MinerTargets.await(target.driver().read(target.endpoint(), timeout), timeout));
        } catch (DriverException e) {
            LOG.info("Live read of miner {} at {} failed: {} {}", minerId, target.endpoint(), e.kind(), e.getMessage());
            throw MinerTargets.problem(target, e);
        }
    }
}
