package org.hashgrid.hosting.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hashgrid.api.Caller;
import org.hashgrid.api.IpRange;
import org.hashgrid.api.ProblemException;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.hosting.rest.LiveReading;
import org.hashgrid.hosting.rest.MinerDto;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one miner now through its driver. Failures keep their type: a timeout answers 504,
 * anything else the miner did wrong 502, each naming the {@link FailureKind}.
 */
@Component(service = LiveReadService.class, configurationPid = "org.hashgrid.hosting.live")
@Designate(ocd = LiveReadService.Config.class)
public class LiveReadService {
    private static final Logger LOG = LoggerFactory.getLogger(LiveReadService.class);

    @ObjectClassDefinition(name = "Hashgrid live miner reads")
    public @interface Config {
        @AttributeDefinition(name = "Read timeout (ms)", min = "100")
        int timeout_ms() default 10_000;
    }

    private final MinerService miners;
    private final DriverRegistry drivers;
    private final MinerAddressPolicy policy;
    private final Duration timeout;

    @Activate
    public LiveReadService(Config config, @Reference MinerService miners, @Reference DriverRegistry drivers,
            @Reference MinerAddressPolicy policy) {
        this(miners, drivers, policy, Duration.ofMillis(config.timeout_ms()));
    }

    LiveReadService(MinerService miners, DriverRegistry drivers, MinerAddressPolicy policy, Duration timeout) {
        this.miners = miners;
        this.drivers = drivers;
        this.policy = policy;
        this.timeout = timeout;
    }

    public LiveReading read(Caller caller, long minerId) throws InterruptedException {
        MinerDto miner = miners.get(caller, minerId);
        if (miner.cgminerIp() == null) {
            throw ProblemException.conflict("Miner " + minerId + " has no API address (cgminer_ip)");
        }
        InetAddress address = IpRange.literal(miner.cgminerIp());
        String refusal = policy.refusal(address, miner.cgminerPort());
        if (refusal != null) {
            throw ProblemException.conflict("Miner " + minerId + " cannot be read: " + refusal);
        }
        MinerDriver driver = drivers.driver(miner.driver()).orElseThrow(() -> new ProblemException(503,
                "Service Unavailable", "Driver '" + miner.driver() + "' of miner " + minerId + " is not installed"));
        MinerEndpoint endpoint = new MinerEndpoint(miner.cgminerIp(), miner.cgminerPort());
        try {
            MinerReading reading = driver.read(endpoint, timeout).toCompletableFuture()
                    .get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            return LiveReading.of(minerId, miner.driver(), reading);
        } catch (ExecutionException e) {
            throw failed(minerId, endpoint, DriverException.unwrap(e.getCause()));
        } catch (TimeoutException e) {
            throw failed(minerId, endpoint, new DriverException(FailureKind.TIMEOUT, "no answer in " + timeout));
        }
    }

    private static ProblemException failed(long minerId, MinerEndpoint endpoint, DriverException failure) {
        LOG.info("Live read of miner {} at {} failed: {} {}", minerId, endpoint, failure.kind(), failure.getMessage());
        int status = failure.kind() == FailureKind.TIMEOUT ? 504 : 502;
        return new ProblemException(status, status == 504 ? "Gateway Timeout" : "Bad Gateway",
                "Miner " + minerId + " at " + endpoint + ": " + failure.kind() + " — " + failure.getMessage(),
                "urn:hashgrid:problem:driver:" + failure.kind().name().toLowerCase(java.util.Locale.ROOT),
                List.of(), Map.of());
    }
}
