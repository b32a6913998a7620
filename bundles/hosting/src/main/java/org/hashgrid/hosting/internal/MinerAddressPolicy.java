package org.hashgrid.hosting.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.IpRange;
import org.hashgrid.hosting.PlatformPorts;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * Which addresses may be registered as miners and scanned by discovery: the configured ranges
 * (the private ranges by default; not loopback, where a miner address would reach whatever else
 * runs on the host — add {@code 127.0.0.0/8} to run the simulator locally), never the platform's
 * own service ports (HTTP, SSH console, JMX, database) nor any port this process listens on, so
 * that miner traffic cannot be aimed at the platform itself.
 */
@Component(service = { MinerAddressPolicy.class, PlatformPorts.class }, configurationPid = MinerAddressPolicy.PID)
@Designate(ocd = MinerAddressPolicy.Config.class)
public class MinerAddressPolicy implements PlatformPorts {
    static final String PID = "org.hashgrid.hosting.addresses";
    private static final Logger LOG = LoggerFactory.getLogger(MinerAddressPolicy.class);

    @ObjectClassDefinition(name = "Hashgrid miner addresses")
    public @interface Config {
        @AttributeDefinition(name = "Allowed ranges",
                description = "CIDRs that miners may be registered in and discovery may scan (comma-separated "
                        + "in etc/org.hashgrid.hosting.addresses.cfg)")
        String[] allowed_ranges() default { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
            "fc00::/7"
        };

        @AttributeDefinition(name = "Largest discovery range (addresses)", min = "1")
        int max_discovery_addresses() default 1024;
    }

    private final Set<Integer> platformPorts;
    private final ListeningPorts listening = new ListeningPorts();
    private volatile Settings settings;

    /** The ranges miners may be in, and the largest range discovery may scan. */
    record Settings(List<IpRange> allowed, int maxDiscoveryAddresses) {
        static Settings read(ConfigCheck check, Config config) {
            return new Settings(check.cidrs("allowed.ranges", config::allowed_ranges),
                    check.atLeast("max.discovery.addresses", config::max_discovery_addresses, 1));
        }
    }

    /** The platform's ports are read once; the ranges and the discovery limit follow configuration changes. */
    @Activate
    public MinerAddressPolicy(Config config, @Reference ConfigurationAdmin configs,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource database) {
        this.platformPorts = Set.copyOf(platformPorts(configs, database));
        modified(config);
    }

    MinerAddressPolicy(List<IpRange> allowed, int maxDiscoveryAddresses, Set<Integer> platformPorts) {
        this.settings = new Settings(List.copyOf(allowed), maxDiscoveryAddresses);
        this.platformPorts = Set.copyOf(platformPorts);
    }

    /** A changed configuration applies to the next address checked. */
    @Modified
    void modified(Config config) {
        settings = ConfigCheck.apply(PID, Config.class, config, settings, Settings::read, LOG::warn);
    }

    /** Why {@code address:port} may not be a miner, or null when it may. */
    public String refusal(InetAddress address, int port) {
        String refusal = portRefusal(port);
        return refusal != null ? refusal : addressRefusal(address);
    }

    /**
     * Why {@code port} may not be a miner's, or null: one of the platform's service ports, or any
     * port this process listens on at this moment (Karaf's shutdown port, say).
     */
    @Override
    public String portRefusal(int port) {
        return platformPorts.contains(port) || listening.contains(port)
                ? "port " + port + " is one of the platform's own service ports" : null;
    }

    /** Why {@code address} may not be a miner's, or null: outside the allowed ranges. */
    public String addressRefusal(InetAddress address) {
        return settings.allowed().stream().noneMatch(range -> range.contains(address))
                ? "address " + address.getHostAddress() + " is outside the allowed miner ranges" : null;
    }

    /** Why {@code range} may not be scanned, or null when it may. */
    public String discoveryRefusal(IpRange range, int port) {
        Settings current = settings;
        int maxDiscoveryAddresses = current.maxDiscoveryAddresses();
        if (range.size().compareTo(java.math.BigInteger.valueOf(maxDiscoveryAddresses)) > 0) {
            return "the range holds " + range.size() + " addresses; at most " + maxDiscoveryAddresses
                    + " may be scanned at once";
        }
        String portRefusal = portRefusal(port);
        if (portRefusal != null) {
            return portRefusal;
        }
        if (current.allowed().stream()
                .noneMatch(a -> a.prefixLength() <= range.prefixLength() && a.contains(range.network()))) {
            return "the range " + range + " is outside the allowed miner ranges";
        }
        return null;
    }

    Set<Integer> platformPorts() {
        return platformPorts;
    }

    private static Set<Integer> platformPorts(ConfigurationAdmin configs, DataSource database) {
        Set<Integer> ports = new HashSet<>();
        addPort(ports, configs, "org.ops4j.pax.web", "org.osgi.service.http.port", 8181);
        addPort(ports, configs, "org.ops4j.pax.web", "org.osgi.service.http.port.secure", 8443);
        addPort(ports, configs, "org.apache.karaf.shell", "sshPort", 8101);
        addPort(ports, configs, "org.apache.karaf.management", "rmiRegistryPort", 1099);
        addPort(ports, configs, "org.apache.karaf.management", "rmiServerPort", 44444);
        ports.add(5432);
        try (Connection connection = database.getConnection()) {
            URI url = URI.create(connection.getMetaData().getURL().substring("jdbc:".length()));
            if (url.getPort() > 0) {
                ports.add(url.getPort());
            }
        } catch (SQLException | IllegalArgumentException e) {
            LOG.warn("Could not read the database port; only 5432 is refused for miners", e);
        }
        return ports;
    }

    private static void addPort(Set<Integer> ports, ConfigurationAdmin configs, String pid, String key, int fallback) {
        int port = fallback;
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
            Object value = properties == null ? null : properties.get(key);
            if (value != null) {
                port = Integer.parseInt(value.toString().strip());
            }
        } catch (IOException | InvalidSyntaxException | NumberFormatException e) {
            LOG.debug("Using default port {} for {}/{}", fallback, pid, key, e);
        }
        ports.add(port);
    }
}
