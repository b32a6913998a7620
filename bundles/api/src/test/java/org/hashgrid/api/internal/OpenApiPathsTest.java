package org.hashgrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenApiPathsTest {

    @Test
    void templatesMatchOneSegmentPerParameter() {
        assertTrue(ResourceDirectory.matches("/api/v1/sites", "/api/v1/sites"));
        assertTrue(ResourceDirectory.matches("/api/v1/sites/{id}", "/api/v1/sites/42"));
        assertTrue(ResourceDirectory.matches("/api/v1/miners/{id}/actions", "/api/v1/miners/7/actions"));
        assertFalse(ResourceDirectory.matches("/api/v1/sites/{id}", "/api/v1/sites"));
        assertFalse(ResourceDirectory.matches("/api/v1/sites/{id}", "/api/v1/sites/4/2"));
        assertFalse(ResourceDirectory.matches("/api/v1/sites", "/api/v1/sites.json"));
    }
}
