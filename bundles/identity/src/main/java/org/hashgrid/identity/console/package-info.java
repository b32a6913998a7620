/**
 * The base of the {@code hashgrid:} Karaf console commands of every module: a command runs as
 * the caller behind the console session (the Hashgrid account that logged in, or the console
 * itself) and reports a refusal as one line.
 */
@Export
@Version("1.0.0")
package org.hashgrid.identity.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
