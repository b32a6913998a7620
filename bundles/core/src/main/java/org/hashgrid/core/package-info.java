/**
 * The dependency-free core every Hashgrid module builds on: who is calling ({@link org.hashgrid.core.Caller},
 * including system callers for background work), problems with field errors and validation, keyset pages,
 * the health SPI, background workers, IP ranges and checks of live configuration
 * ({@link org.hashgrid.core.ConfigCheck}). No HTTP, no JSON, no JPA: services, the
 * persistence unit and background jobs use it without pulling in the web stack.
 */
@Export
@Version("1.3.0")
package org.hashgrid.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
