package org.hashgrid.hosting;

import java.util.Objects;

import org.hashgrid.driver.MinerAccess;
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

    /** The 1.4 constructor, kept for binary compatibility: the endpoint with default ports and no credentials. */
    public PollTarget(long minerId, long siteId, String status, String driver, MinerEndpoint endpoint,
            String clientId, long minerModelId) {
        this(minerId, siteId, status, driver, endpoint, clientId, minerModelId, MinerAccess.of(endpoint));
    }
}
