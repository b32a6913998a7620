package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hashgrid.core.IpRange;
import org.hashgrid.testing.Configs;
import org.junit.jupiter.api.Test;

/** The address policy takes a changed configuration in place and refuses one it cannot use. */
class LiveSettingsTest {

    @Test
    void allowedRangesChangeLiveAndAnUnparsableOneKeepsTheOld() {
        MinerAddressPolicy policy = new MinerAddressPolicy(List.of(IpRange.parse("10.0.0.0/8")), 1024, Set.of(5432));
        assertNotNull(policy.refusal(IpRange.literal("192.168.1.5"), 4028));

        policy.modified(
                config(Map.of("allowed_ranges", new String[] { "192.168.0.0/16" }, "max_discovery_addresses", 16)));
        assertNull(policy.refusal(IpRange.literal("192.168.1.5"), 4028));
        assertNotNull(policy.refusal(IpRange.literal("10.1.2.3"), 4028));
        assertNotNull(policy.discoveryRefusal(IpRange.parse("192.168.1.0/24"), 4028), "larger than 16 addresses");

        policy.modified(config(Map.of("allowed_ranges", new String[] { "10.0.0.0/8", "192.168.0.0/33" })));
        assertNull(policy.refusal(IpRange.literal("192.168.1.5"), 4028), "refused: the previous ranges stay");
        policy.modified(config(Map.of("max_discovery_addresses", 0)));
        assertNotNull(policy.discoveryRefusal(IpRange.parse("192.168.1.0/24"), 4028), "refused: the limit stays 16");
        assertNotNull(policy.refusal(IpRange.literal("192.168.1.5"), 5432),
                "platform ports never follow configuration");
    }

    @Test
    void theShippedRangesLeaveLoopbackOutAndACfgListIsCommaSeparated() {
        MinerAddressPolicy policy = new MinerAddressPolicy(List.of(), 1024, Set.of());
        policy.modified(config(Map.of()));
        assertNotNull(policy.refusal(IpRange.literal("127.0.0.1"), 6379), "loopback would reach the host's services");
        assertNotNull(policy.refusal(IpRange.literal("::1"), 4028));
        assertNull(policy.refusal(IpRange.literal("10.20.30.40"), 4028));
        // how an etc/*.cfg file gives the list: one string
        policy.modified(config(Map.of("allowed_ranges", new String[] { "10.0.0.0/8, 127.0.0.0/8" })));
        assertNull(policy.refusal(IpRange.literal("127.0.0.1"), 4028));
        assertNull(policy.refusal(IpRange.literal("10.20.30.40"), 4028));
    }

    @Test
    void discoverySettingsChangeLiveWithinTheirBounds() {
        DiscoveryService discovery = new DiscoveryService(null, null, null, 256, Duration.ofMillis(1500));
        discovery
                .modified(Configs.of(DiscoveryService.Config.class, Map.of("concurrency", 8, "probe_timeout_ms", 200)));
        DiscoveryService.Settings applied = discovery.settings();
        assertEquals(new DiscoveryService.Settings(8, Duration.ofMillis(200)), applied);
        discovery.modified(Configs.of(DiscoveryService.Config.class, Map.of("concurrency", 0, "probe_timeout_ms", 99)));
        assertEquals(applied, discovery.settings());
    }

    private static MinerAddressPolicy.Config config(Map<String, Object> values) {
        return Configs.of(MinerAddressPolicy.Config.class, values);
    }
}
