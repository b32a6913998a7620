package org.hashgrid.telemetry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.hashgrid.testing.DeclaredRoles;
import org.junit.jupiter.api.Test;

/**
 * The roles of every alert operation as the platform enforces them ({@code @RolesAllowed}):
 * everybody who may see miners reads alerts, staff read rules, owners and admins change rules;
 * guests nothing.
 */
class AlertRolesTest {
    private static final Set<String> READERS = Set.of("owner", "admin", "user", "client");
    private static final Set<String> STAFF = Set.of("owner", "admin", "user");
    private static final Set<String> ADMINS = Set.of("owner", "admin");

    @Test
    void everyOperationDeclaresItsRoles() {
        assertEquals(Map.of("GET list", READERS, "GET get", READERS), DeclaredRoles.of(AlertResource.class));
        assertEquals(Map.of("GET list", STAFF, "POST create", ADMINS), DeclaredRoles.of(SiteAlertRuleResource.class));
        assertEquals(Map.of("GET get", STAFF, "PATCH update", ADMINS, "DELETE delete", ADMINS),
                DeclaredRoles.of(AlertRuleResource.class));
    }
}
