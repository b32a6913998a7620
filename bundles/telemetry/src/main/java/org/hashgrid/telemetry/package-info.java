/**
 * What the telemetry module tells other modules and clients about readings: the meaning of a
 * stored reading's {@code flags}.
 */
@Export
@Version("1.0.0")
package org.hashgrid.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
