/**
 * The CGMiner-style TCP exchange, shared by the drivers of firmwares that speak it on port 4028.
 */
@Export
@Version("1.1.0")
package org.hashgrid.driver.cgminer.rpc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
