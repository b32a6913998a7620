package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.testing.Configs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The KPIs on PostgreSQL from telemetry's latest state and hourly rollups and a curtailment plan,
 * and what reading them costs: the cached value serialised to JSON, p95 well under 5 ms.
 */
class KpiCacheTest extends EconomicsFixture {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(600);
    private static KpiCache kpis;
    private static Clock clock;

    @BeforeAll
    static void data() throws SQLException {
        AnalyticsFixture analytics = new AnalyticsFixture(db.dataSource(), Map.of());
        clock = Clock.fixed(NOW, ZoneOffset.UTC);
        kpis = new KpiCache(analytics.db, analytics.prices, analytics.market,
                Configs.of(AnalyticsConfig.class, Map.of()), clock);
        sites();
        miner(1, siteA, null, "200", "3500", 0);
        miner(2, siteA, null, "100", "2950", 0);
        miner(3, siteA, null, "100", "2950", 4);
        miner(4, siteB, null, "150", "3000", 0);
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        // miner 1 online 20 of the last 24 h; miner 3 12 h; miner 4 24 h; an hour outside the window
        for (int h = 1; h <= 24; h++) {
            String bucket = "'" + hour.minus(h, ChronoUnit.HOURS) + "'";
            if (h <= 20) {
                rollup(1, bucket, 3600);
            }
            if (h <= 12) {
                rollup(3, bucket, 3600);
            }
            rollup(4, bucket, 3600);
            executeSql("INSERT INTO site_telemetry_hourly (site_id, bucket, miners, energy_kwh) VALUES (" + siteA + ", "
                    + bucket + ", 2, 10.5), (" + siteB + ", " + bucket + ", 1, 3)");
        }
        rollup(1, "'" + hour + "'", 600);
        executeSql("INSERT INTO site_telemetry_hourly (site_id, bucket, miners, energy_kwh) VALUES (" + siteA + ", '"
                + hour + "', 2, 1000)");
        // 2 MW curtailed at site B for the 3 hours ending 5 h before the current hour
        executeSql("INSERT INTO curtailment_plans (site_id, plan_type, target_power_reduction, status, executed_at, "
                + "recovery_time, power_reduced) VALUES (" + siteB + ", 'manual', 3, 'recovered', '"
                + hour.minus(8, ChronoUnit.HOURS) + "', '" + hour.minus(5, ChronoUnit.HOURS) + "', 2)");
        market();
    }

    private static void rollup(long miner, String bucket, int seconds) throws SQLException {
        executeSql("INSERT INTO miner_telemetry_hourly (miner_id, bucket, samples, seconds_online) VALUES (" + miner
                + ", " + bucket + ", 60, " + seconds + ")");
    }

    @Test
    void figuresOfTheFleetAndEachSite() throws SQLException {
        Kpis k = kpis.refresh();
        assertEquals(NOW, k.computedAt());
        Kpis.Figures a = k.sites().get(0).kpis();
        assertEquals("North <&> site", k.sites().get(0).name());
        assertEquals(new Kpis.Figures(3, 2, new BigDecimal("0.6667"), new BigDecimal("300.000"),
                new BigDecimal("6450.00"), new BigDecimal("21.50"), new BigDecimal("44.44"), new BigDecimal("0.252"),
                new BigDecimal("19.46"), new BigDecimal("0.000")), a);
        Kpis.Figures b = k.sites().get(1).kpis();
        assertEquals(new BigDecimal("100.00"), b.uptimePercent());
        assertEquals(new BigDecimal("6.000"), b.curtailedMwh());
        assertEquals(new BigDecimal("0.072"), b.energyMwhPerDay());
        Kpis.Figures fleet = k.fleet();
        assertEquals(4, fleet.miners());
        assertEquals(3, fleet.minersOnline());
        assertEquals(new BigDecimal("0.7500"), fleet.onlineRatio());
        assertEquals(new BigDecimal("450.000"), fleet.hashrate());
        // (20 + 12 + 24) h online of 4 × 24 h
        assertEquals(new BigDecimal("58.33"), fleet.uptimePercent());
        assertEquals(new BigDecimal("21.00"), fleet.efficiency(), "9,450 W / 450 TH/s (answering miners)");
        assertEquals(new BigDecimal("29.19"), fleet.revenueUsdPerDay());
        assertEquals(new BigDecimal("6.000"), fleet.curtailedMwh());
        assertEquals(new BigDecimal("0.06487593"), k.hashpriceUsdPerThDay());
    }

    @Test
    void readingTheCacheCostsMicroseconds() throws Exception {
        kpis.refresh();
        ObjectMapper json = JsonMapping.newMapper();
        long[] nanos = new long[2_000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            byte[] body = json.writeValueAsBytes(kpis.current());
            nanos[i] = System.nanoTime() - start;
            assertTrue(body.length > 100);
        }
        Arrays.sort(nanos);
        long p95 = nanos[(int) (nanos.length * 0.95)];
        System.out.printf("KPI cache read + JSON: p50 %d µs, p95 %d µs, max %d µs%n", nanos[nanos.length / 2] / 1000,
                p95 / 1000, nanos[nanos.length - 1] / 1000);
        assertTrue(p95 < 5_000_000, "p95 " + p95 + " ns");
        assertEquals(0, kpis.current().ageSeconds());
    }

    @Test
    void nothingBeforeTheFirstComputation() {
        AnalyticsFixture analytics = new AnalyticsFixture(db.dataSource(), Map.of());
        assertNull(new KpiCache(analytics.db, analytics.prices, analytics.market,
                Configs.of(AnalyticsConfig.class, Map.of()), clock).current());
    }
}
