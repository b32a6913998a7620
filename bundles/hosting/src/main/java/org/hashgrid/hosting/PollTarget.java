package org.hashgrid.hosting;

import java.util.Objects;

import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;

/**
 * A miner the platform reads on its own (telemetry's poller): enabled, with an API address the
 * address policy allows at the moment it was listed. {@code clientId} (null for operator-owned
 * miners) and {@code minerModelId} let views of polled data apply ownership and show the model.
 * {@code access} (since 1.5) is what the driver is called with: the endpoint, the control port and
 * the miner's credentials (its own, else its site's for its driver), opened when the list was made;
 * its {@code toString()} hides the password.
 */
public record PollTarget(long minerId, long siteId, String status, String driver, MinerEndpoint endpoint,
        String clientId, long minerModelId, MinerAccess access) {

    public PollTarget {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(access, "access");
        if (!access.endpoint().equals(endpoint)) {
            throw new IllegalArgumentException("access is for " + access.endpoint() + ", not " + endpoint);
        }
    }

    /** {@code text} (a driver's message, say) without the password of {@link #access()}. */
    public String scrub(String text) {
        return scrub(access, text);
    }

    /**
     * {@code text} with every occurrence of the password of {@code access} replaced by {@code ***}: a
     * driver may have built a failure message from what it was given, and such messages are logged
     * and stored.
     */
    public static String scrub(MinerAccess access, String text) {
        return access.credentials().map(MinerCredentials::password).filter(password -> !password.isEmpty())
                .map(password -> text.replace(password, "***")).orElse(text);
    }

    /** The 1.4 constructor, kept for binary compatibility: the endpoint with default ports and no credentials. */
    public PollTarget(long minerId, long siteId, String status, String driver, MinerEndpoint endpoint,
            String clientId, long minerModelId) {
        this(minerId, siteId, status, driver, endpoint, clientId, minerModelId, MinerAccess.of(endpoint));
    }
}
