/**
 * What the identity module offers other modules: the {@link org.hashgrid.identity.AccountDirectory}
 * service, through which they learn who an account id is (identity owns {@code users},
 * {@code user_access}, {@code login_records} and {@code auth_tokens}; nobody else reads them),
 * and the {@link org.hashgrid.identity.LocationLookup} extension point, which, when present,
 * names the place of each login's IP address in the login records.
 */
@Export
@Version("1.1.0")
package org.hashgrid.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
