package org.hashgrid.telemetry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.HttpMethod;

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
        assertEquals(Map.of("GET list", READERS, "GET get", READERS), roles(AlertResource.class));
        assertEquals(Map.of("GET list", STAFF, "POST create", ADMINS), roles(SiteAlertRuleResource.class));
        assertEquals(Map.of("GET get", STAFF, "PATCH update", ADMINS, "DELETE delete", ADMINS),
                roles(AlertRuleResource.class));
    }

    /** The roles of each JAX-RS method by "HTTP-method java-name". */
    private static Map<String, Set<String>> roles(Class<?> resource) {
        Map<String, Set<String>> roles = new TreeMap<>();
        for (Method m : resource.getDeclaredMethods()) {
            String verb = Arrays.stream(m.getAnnotations())
                    .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(java.util.Objects::nonNull)
                    .map(HttpMethod::value).findFirst().orElse(null);
            if (verb != null) {
                RolesAllowed allowed = m.getAnnotation(RolesAllowed.class);
                roles.put(verb + " " + m.getName(), allowed == null ? Set.of()
                        : Arrays.stream(allowed.value()).collect(Collectors.toSet()));
            }
        }
        return roles;
    }
}
