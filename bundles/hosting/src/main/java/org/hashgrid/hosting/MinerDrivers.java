package org.hashgrid.hosting;

import java.util.Collection;
import java.util.Optional;

import org.hashgrid.driver.MinerDriver;

/**
 * The miner drivers present now, by id (a miner names its driver). Drivers come and go with their
 * bundles: look one up when it is needed, and report a miner whose driver is absent.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MinerDrivers {
    Optional<MinerDriver> driver(String id);

    /** Present drivers ordered by id. */
    Collection<MinerDriver> all();
}
