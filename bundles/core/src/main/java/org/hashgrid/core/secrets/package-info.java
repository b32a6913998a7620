/**
 * Secrets stored at rest: {@link org.hashgrid.core.secrets.SecretBox} seals a secret (a miner's
 * password, later a webhook's signing secret) with the platform's current key and opens it again,
 * bound to where it is stored; {@link org.hashgrid.core.secrets.SecretHolder} is what a module that
 * stores sealed values registers so that a key rotation re-seals them. The implementation is a DS
 * service of the {@code org.hashgrid.secrets} bundle.
 */
@Export
@Version("1.0.0")
package org.hashgrid.core.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
