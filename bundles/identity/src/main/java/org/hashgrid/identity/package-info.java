/**
 * Extension points of the identity module: a {@link org.hashgrid.identity.LocationLookup}
 * service, when present, names the place of each login's IP address in the login records.
 */
@Export
@Version("1.0.0")
package org.hashgrid.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
