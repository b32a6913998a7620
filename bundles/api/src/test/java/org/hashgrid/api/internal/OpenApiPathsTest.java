package org.hashgrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenApiPathsTest {

    @Test
    void templatesMatchOneSegmentPerParameter() {
        assertTrue(OpenApiResource.matches("/api/v1/sites", "/api/v1/sites"));
        assertTrue(OpenApiResource.matches("/api/v1/sites/{id}", "/api/v1/sites/42"));
        assertTrue(OpenApiResource.matches("/api/v1/miners/{id}/actions", "/api/v1/miners/7/actions"));
        assertFalse(OpenApiResource.matches("/api/v1/sites/{id}", "/api/v1/sites"));
        assertFalse(OpenApiResource.matches("/api/v1/sites/{id}", "/api/v1/sites/4/2"));
        assertFalse(OpenApiResource.matches("/api/v1/sites", "/api/v1/sites.json"));
    }
}
