/**
 * The miner-driver SPI: what Hashgrid needs from a bundle that talks to one family of miner
 * firmware. A driver registers a {@link org.hashgrid.driver.MinerDriver} service; the platform
 * picks it by its {@value org.hashgrid.driver.MinerDriver#DRIVER_ID_PROPERTY} property whenever it
 * reads, commands or probes a miner.
 *
 * <p>The package follows semantic versioning: a change that breaks drivers or callers raises the
 * major version, additions raise the minor version.
 */
@Export
@Version("1.1.0")
package org.hashgrid.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
