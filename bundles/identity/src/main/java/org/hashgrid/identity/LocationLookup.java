package org.hashgrid.identity;

import java.util.Optional;

/**
 * Turns a client IP address into a place ("City, Country") for the login records. Register an
 * implementation (for example backed by a GeoIP database) as an OSGi service; without one,
 * records say {@code unknown}. Called on every login attempt: answer fast, never throw.
 */
public interface LocationLookup {

    Optional<String> locate(String ipAddress);
}
