package org.hashgrid.analytics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.hashgrid.testing.DeclaredRoles;
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
        assertEquals(Map.of("GET list", READERS, "POST importSnapshots", ADMINS),
                DeclaredRoles.of(MarketResource.class));
        assertEquals(Map.of("GET list", READERS), DeclaredRoles.of(IndicatorResource.class));
        assertEquals(Map.of("GET get", READERS), DeclaredRoles.of(HashpriceResource.class));
        assertEquals(Map.of("GET get", STAFF), DeclaredRoles.of(KpiResource.class));
        assertEquals(Map.of("GET price", READERS, "GET hashprice", READERS, "GET site", STAFF),
                DeclaredRoles.of(ChartResource.class));
        assertEquals(Map.of("GET get", STAFF, "PUT put", ADMINS), DeclaredRoles.of(PowerPriceResource.class));
    }
}
