package org.hashgrid.hosting.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.DiscoveredMiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans an address range for miners: every present driver that can probe is asked about every
 * address, with a bounded number of probes in flight and a timeout on each, and what answered
 * is returned. Silent addresses are not errors. A scan for a site probes with the credentials the
 * site stores for each driver (firmwares that identify themselves only to a signed-in client).
 */
@Component(service = DiscoveryService.class, configurationPid = DiscoveryService.PID)
@Designate(ocd = DiscoveryService.Config.class)
public class DiscoveryService {
    static final String PID = "org.hashgrid.hosting.discovery";
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);

    @ObjectClassDefinition(name = "Hashgrid miner discovery")
    public @interface Config {
        @AttributeDefinition(name = "Probes in flight", min = "1")
        int concurrency() default 256;

        @AttributeDefinition(name = "Probe timeout (ms)", min = "100")
        int probe_timeout_ms() default 1500;
    }

    private final DriverRegistry drivers;
    private final MinerAddressPolicy policy;
    private final CredentialService credentials;
    private volatile Settings settings;

    /** How many probes may be in flight, and how long each may take. */
    record Settings(int concurrency, Duration timeout) {
        static Settings read(ConfigCheck check, Config config) {
            return new Settings(check.atLeast("concurrency", config::concurrency, 1),
                    Duration.ofMillis(check.atLeast("probe.timeout.ms", config::probe_timeout_ms, 100)));
        }
    }

    @Activate
    public DiscoveryService(Config config, @Reference DriverRegistry drivers, @Reference MinerAddressPolicy policy,
            @Reference CredentialService credentials) {
        this.drivers = drivers;
        this.policy = policy;
        this.credentials = credentials;
        modified(config);
    }

    DiscoveryService(DriverRegistry drivers, MinerAddressPolicy policy, CredentialService credentials,
            int concurrency, Duration timeout) {
        this.drivers = drivers;
        this.policy = policy;
        this.credentials = credentials;
        this.settings = new Settings(concurrency, timeout);
    }

    /** A changed configuration applies to the scans that start from now on. */
    @Modified
    void modified(Config config) {
        settings = ConfigCheck.apply(PID, Config.class, config, settings, Settings::read, LOG::warn);
    }

    Settings settings() {
        return settings;
    }

    /**
     * Probes every address of {@code cidr} on {@code portInput} (default 4028); with {@code siteId},
     * each driver probes with the credentials that site stores for it (400 for an unknown site).
     */
    public List<DiscoveredMiner> scan(String cidr, Integer portInput, Long siteId) throws InterruptedException {
        int port = portInput == null ? 4028 : portInput;
        if (port < 1 || port > 65535) {
            throw ProblemException.invalidField("port", "must be between 1 and 65535");
        }
        IpRange range;
        try {
            range = IpRange.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cidr", e.getMessage());
        }
        String refusal = policy.discoveryRefusal(range, port);
        if (refusal != null) {
            throw ProblemException.invalidField("cidr", refusal);
        }
        List<MinerDriver> probing = drivers.all().stream()
                .filter(d -> d.capabilities().contains(DriverCapability.PROBE)).toList();
        if (probing.isEmpty()) {
            throw new ProblemException(503, "Service Unavailable", "No installed driver can probe for miners");
        }
        Map<String, MinerCredentials> signIn = siteId == null ? Map.of() : credentials.openedForSite(siteId);
        Settings scan = settings;
        Duration timeout = scan.timeout();
        long started = System.nanoTime();
        List<DiscoveredMiner> found = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> probes = new ArrayList<>();
        Semaphore inFlight = new Semaphore(scan.concurrency());
        for (BigInteger i = BigInteger.ZERO; i.compareTo(range.size()) < 0; i = i.add(BigInteger.ONE)) {
            String host = range.address(i).getHostAddress();
            for (MinerDriver driver : probing) {
                inFlight.acquire();
                MinerAccess access = MinerAccess.of(new MinerEndpoint(host, port));
                MinerCredentials given = signIn.get(driver.id());
                CompletableFuture<?> probe =
                        driver.probe(given == null ? access : access.withCredentials(given), timeout)
                                .toCompletableFuture()
                                .thenAccept(result -> found.add(new DiscoveredMiner(host, port, result.driverId(),
                                        result.model().orElse(null), result.firmware().orElse(null),
                                        result.serialNumber().orElse(null))))
                                .whenComplete((ok, failure) -> inFlight.release());
                probes.add(probe);
            }
        }
        CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        LOG.info("Discovery of {} port {} found {} miners in {} ms", range, port, found.size(),
                (System.nanoTime() - started) / 1_000_000);
        List<DiscoveredMiner> sorted = new ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparing(DiscoveredMiner::address).thenComparing(DiscoveredMiner::driver));
        return sorted;
    }
}
