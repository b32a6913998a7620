package org.hashgrid.core;

import java.util.Map;

/**
 * The state of one {@link HealthContributor}.
 *
 * @param up      whether the part works
 * @param details facts worth showing, e.g. {@code schema_version}; never secrets
 */
public record HealthCheck(boolean up, Map<String, Object> details) {

    public static HealthCheck up(Map<String, Object> details) {
        return new HealthCheck(true, Map.copyOf(details));
    }

    public static HealthCheck down(String reason) {
        return new HealthCheck(false, Map.of("reason", reason));
    }
}
