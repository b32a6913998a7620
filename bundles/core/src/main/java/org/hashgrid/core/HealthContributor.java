package org.hashgrid.core;

/**
 * A part of the platform that reports its health to {@code GET /api/v1/health}. Register an
 * implementation as an OSGi service; {@link #name()} keys it in the health document.
 * Implementations must answer quickly and never throw.
 */
public interface HealthContributor {

    /** Short stable name, e.g. {@code database}. */
    String name();

    /** The current state; called on every health request. */
    HealthCheck check();
}
