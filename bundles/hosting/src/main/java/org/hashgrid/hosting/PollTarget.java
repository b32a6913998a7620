package org.hashgrid.hosting;

import org.hashgrid.driver.MinerEndpoint;

/**
 * A miner the platform reads on its own (telemetry's poller): enabled, with an API address the
 * address policy allows at the moment it was listed. {@code clientId} (null for operator-owned
 * miners) and {@code minerModelId} let views of polled data apply ownership and show the model.
 */
public record PollTarget(long minerId, long siteId, String status, String driver, MinerEndpoint endpoint,
        String clientId, long minerModelId) {
}
