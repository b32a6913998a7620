package org.hashgrid.events.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.IpRange;
import org.hashgrid.hosting.PlatformPorts;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where webhooks may go: an absolute http(s) URL without credentials, whose port is none of the
 * platform's own (the rule miners obey) and whose host resolves only to addresses inside the
 * allowed ranges and outside the refused ones (loopback, link-local — cloud metadata — and the
 * like by default). Checked when a subscription is saved and again before every attempt, since
 * a name may resolve elsewhere later.
 */
@Component(service = WebhookTargets.class, configurationPid = EventsConfig.PID)
@Designate(ocd = EventsConfig.class)
public class WebhookTargets {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTargets.class);
    static final int MAX_URL = 2000;

    private final PlatformPorts platformPorts;
    private volatile EventsSettings settings;

    @Activate
    public WebhookTargets(EventsConfig config, @Reference PlatformPorts platformPorts) {
        this.platformPorts = platformPorts;
        modified(config);
    }

    @Modified
    void modified(EventsConfig config) {
        settings = ConfigCheck.apply(EventsConfig.PID, EventsConfig.class, config, settings, EventsSettings::read,
                LOG::warn);
    }

    /** The URL of {@code text}, or why it may not be a webhook's (without resolving the host). */
    static URI parse(String text) throws IllegalArgumentException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > MAX_URL) {
            throw new IllegalArgumentException("must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry credentials; receivers check the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a fragment");
        }
        return uri;
    }

    /** Why {@code uri} may not be called now, or {@code null} when it may. */
    String refusal(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String portRefusal = platformPorts.portRefusal(port);
        if (portRefusal != null) {
            return portRefusal;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException | SecurityException e) {
            return "host " + uri.getHost() + " does not resolve";
        }
        EventsSettings current = settings;
        for (InetAddress address : addresses) {
            if (!within(current.allowed(), address) || within(current.refused(), address)) {
                return "address " + address.getHostAddress() + " of " + uri.getHost()
                        + " is not allowed for webhooks";
            }
        }
        return null;
    }

    private static boolean within(List<IpRange> ranges, InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
