package org.hashgrid.hosting;

import org.hashgrid.core.Doc;

/** A miner that answered a discovery probe. */
public record DiscoveredMiner(String address, int port, @Doc("Id of the driver that recognised it") String driver,
        String model, String firmware, String serialNumber) {
}
