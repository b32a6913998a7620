package org.hashgrid.analytics.rest;

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
 * The roles of every analytics operation: market data, indicators, the hashprice and the price
 * charts for everybody who signs in but guests (a client's hashprice shows its own miners only);
 * KPIs, power prices and site charts for the operator's staff; imports and power prices changed by
 * owners and admins.
 */
class AnalyticsRolesTest {
    private static final Set<String> READERS = Set.of("owner", "admin", "user", "client");
    private static final Set<String> STAFF = Set.of("owner", "admin", "user");
    private static final Set<String> ADMINS = Set.of("owner", "admin");

    @Test
    void everyOperationDeclaresItsRoles() {
        assertEquals(Map.of("GET list", READERS, "POST importSnapshots", ADMINS), roles(MarketResource.class));
        assertEquals(Map.of("GET list", READERS), roles(IndicatorResource.class));
        assertEquals(Map.of("GET get", READERS), roles(HashpriceResource.class));
        assertEquals(Map.of("GET get", STAFF), roles(KpiResource.class));
        assertEquals(Map.of("GET price", READERS, "GET hashprice", READERS, "GET site", STAFF),
                roles(ChartResource.class));
        assertEquals(Map.of("GET get", STAFF, "PUT put", ADMINS), roles(PowerPriceResource.class));
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
