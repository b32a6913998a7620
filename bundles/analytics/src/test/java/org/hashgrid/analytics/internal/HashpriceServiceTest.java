package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.ProblemException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hashprice, break-even, revenue, cost and margin on PostgreSQL, per site and per client, with the
 * sites' own power prices and the default, and each client limited to its own miners.
 */
class HashpriceServiceTest extends EconomicsFixture {
    private static AnalyticsFixture analytics;
    private static HashpriceService hashprice;

    @BeforeAll
    static void data() throws SQLException {
        analytics = new AnalyticsFixture(db.dataSource(), Map.of("power_price_usd_per_mwh", "50"));
        hashprice = new HashpriceService(analytics.db, analytics.prices);
        sites();
        String a = callers.clientA().userId();
        String b = callers.clientB().userId();
        miner(1, siteA, a, "200", "3500", 0);
        miner(2, siteA, b, "100", "2950", 0);
        miner(3, siteB, a, "200", "3500", 0);
        miner(4, siteB, null, "150", "3000", 0);
        miner(5, siteB, a, "200", "3500", 3); // not answering: not counted
    }

    @Test
    void withoutAUsableSnapshotThereIsNoHashprice() throws SQLException {
        executeSql("TRUNCATE market_analytics CASCADE");
        executeSql("INSERT INTO market_analytics (created_at, btc_price) VALUES (now(), 1)");
        ProblemException none = assertThrows(ProblemException.class, () -> hashprice.report(callers.owner()));
        assertEquals(404, none.status());
    }

    @Test
    void staffSeeEverySiteAndClient() throws SQLException {
        executeSql("TRUNCATE market_analytics CASCADE");
        market();
        analytics.prices.set(callers.admin(), siteB, new BigDecimal("40"));
        Economics.Report r = hashprice.report(callers.staff());
        assertEquals(new BigDecimal("0.06487593"), r.hashpriceUsdPerThDay());
        assertEquals(new BigDecimal("64.8759"), r.hashpriceUsdPerPhDay());
        assertEquals(List.of("S19 J/TH 29.50: 1 revenue 6.49 break-even 91.63",
                "S21 J/TH 15.00: 1 revenue 12.98 break-even 180.21"),
                r.models().stream().map(m -> m.name() + " J/TH " + m.efficiency() + ": 1 revenue "
                        + m.revenueUsdPerDay() + " break-even " + m.breakEvenUsdPerMwh()).toList());
        // site A: 300 TH/s, 6,450 W at the default $50/MWh: revenue 19.46, cost 7.74
        // site B: 350 TH/s (the failing miner left out), 6,500 W at $40/MWh: revenue 22.71, cost 6.24
        assertEquals(List.of(
                new Economics.SiteFigures(siteA, "North <&> site", 2, new BigDecimal("300.000"),
                        new BigDecimal("6450.00"), new BigDecimal("50"), "default", new BigDecimal("19.46"),
                        new BigDecimal("7.74"), new BigDecimal("11.72")),
                new Economics.SiteFigures(siteB, "South", 2, new BigDecimal("350.000"), new BigDecimal("6500.00"),
                        new BigDecimal("40.00"), "site", new BigDecimal("22.71"), new BigDecimal("6.24"),
                        new BigDecimal("16.47"))),
                r.sites());
        assertEquals(2, r.clients().size(), "the operator's miner is in its site, not in a client");
    }

    @Test
    void aClientSeesItsOwnMinersOnly() throws SQLException {
        executeSql("TRUNCATE market_analytics CASCADE");
        market();
        analytics.prices.set(callers.admin(), siteB, new BigDecimal("40"));
        Economics.Report r = hashprice.report(callers.clientA());
        // A's miners: 200 TH/s at A ($50) and 200 TH/s at B ($40), 3,500 W each
        assertEquals(List.of(siteA, siteB), r.sites().stream().map(Economics.SiteFigures::siteId).toList());
        assertEquals(List.of(new Economics.ClientFigures(callers.clientA().userId(), 2, new BigDecimal("400.000"),
                new BigDecimal("7000.00"), new BigDecimal("25.95"), new BigDecimal("7.56"), new BigDecimal("18.39"))),
                r.clients());
        assertEquals(new BigDecimal("12.98"), r.sites().get(0).revenueUsdPerDay());
    }

    @Test
    void powerPricesAreValidatedAndSitesMustExist() {
        assertEquals(404, assertThrows(ProblemException.class,
                () -> analytics.prices.set(callers.admin(), 999_999, BigDecimal.ONE)).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> analytics.prices.get(999_999)).status());
        ProblemException bad = assertThrows(ProblemException.class,
                () -> analytics.prices.set(callers.admin(), siteA, new BigDecimal("-1.234")));
        assertEquals(2, bad.errors().size());
        assertEquals("default", analytics.prices.get(siteA).source());
    }
}
