/**
 * What the telemetry module tells other modules and clients about readings: the meaning of a
 * stored reading's {@code flags}. The module owns (writes alone) {@code miner_telemetry}, its rollups,
 * {@code miner_latest_state}, {@code alert_rules} and {@code alerts}.
 */
@Export
@Version("1.0.0")
package org.hashgrid.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
