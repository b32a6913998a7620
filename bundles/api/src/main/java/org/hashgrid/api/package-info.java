/**
 * Shared REST conventions of Hashgrid: the {@code /api/v1} application, RFC 9457 problems,
 * field validation, cursor pagination and health contributions. Every module bundle that
 * serves REST builds on this package.
 */
@Export
@Version("2.0.0")
package org.hashgrid.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
