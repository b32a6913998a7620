package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A miner's history, raw and in buckets computed by PostgreSQL, on a real PostgreSQL. */
class HistoryQueryTest extends DatabaseTest {
    private static HistoryQuery history;
    private static long miner;
    private static long siteId;
    /** Ten readings one minute apart from here: hashrate 100 + i, temperature 60 + i. */
    private static Instant start;

    @BeforeAll
    static void readings() throws SQLException {
        history = new HistoryQuery(db.dataSource());
        long site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('history', 10) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S19 Pro', 110, 3250) RETURNING id");
        miner = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('H-1', " + model
                + ", " + site + ") RETURNING id");
        selectLong("SELECT hashgrid_ensure_telemetry_partitions(1)");
        // hour-aligned, so the buckets are known, in next month's partition (created ahead), whatever today is
        start = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS)
                .plusMonths(1).plusHours(1).toInstant();
        List<Reading> polls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = start.plus(Duration.ofMinutes(i));
            polls.add(Reading.success(miner, site, "active", at, MinerReading.builder(at).hashrateThs(100 + i)
                    .powerW(3_000).boardTemperaturesC(List.of(60.0 + i, 55.0)).fanRpms(List.of(6_000)).build()));
        }
        TelemetryStore store = new TelemetryStore(db.dataSource());
        LatestStates latest = new LatestStates();
        latest.record(store.copy(polls));
        latest.flush(store);
        new Rollups(db.dataSource()).run(start, start.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        siteId = site;
    }

    @Test
    void rawReadingsCarryTheirSensors() {
        List<HistoryQuery.Point> raw = history.points(miner, "raw", start, start.plus(Duration.ofMinutes(10)));
        assertEquals(10, raw.size());
        assertEquals(start, raw.get(0).at());
        assertEquals(new BigDecimal("100.000"), raw.get(0).hashrate());
        assertEquals(List.of(60f, 55f), raw.get(0).boardTemperatures());
        assertEquals(List.of(6_000), raw.get(0).fanSpeeds());
        assertEquals(0, raw.get(0).flags());
    }

    @Test
    void bucketsAverageAndKeepTheMaximum() {
        List<HistoryQuery.Point> buckets = history.points(miner, "5m", start, start.plus(Duration.ofMinutes(10)));
        assertEquals(2, buckets.size());
        assertEquals(5, buckets.get(0).samples());
        assertEquals(new BigDecimal("102.000"), buckets.get(0).hashrate());
        assertEquals(new BigDecimal("104.000"), buckets.get(0).hashrateMax());
        assertEquals(new BigDecimal("64.00"), buckets.get(0).temperatureMax());
        assertEquals(start.plus(Duration.ofMinutes(5)), buckets.get(1).at());
        assertNull(buckets.get(0).boardTemperatures());
        List<HistoryQuery.Point> hour = history.points(miner, "1h", start, start.plus(Duration.ofMinutes(10)));
        assertEquals(1, hour.size());
        assertEquals(10, hour.get(0).samples());
        assertEquals(new BigDecimal("104.500"), hour.get(0).hashrate());
    }

    @Test
    void siteTotalsSumTheMinersAverages() {
        List<HistoryQuery.SitePoint> hour = history.sitePoints(siteId, null, "1h", start,
                start.plus(Duration.ofMinutes(10)));
        assertEquals(1, hour.size());
        assertEquals(1, hour.get(0).minersReporting());
        assertEquals(new BigDecimal("104.500"), hour.get(0).hashrate());
        assertEquals(new BigDecimal("3000.00"), hour.get(0).power());
        assertEquals(List.of(), history.sitePoints(siteId, callers.clientA().userId(), "1h", start,
                start.plus(Duration.ofMinutes(10))), "a client sees the totals of its own miners only");
        assertEquals(400, assertThrows(ProblemException.class, () -> history.sitePoints(siteId, null, "raw", start,
                start.plus(Duration.ofMinutes(10)))).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> history.sitePoints(siteId, null, "5m", start,
                start.plus(Duration.ofDays(3)))).status());
        List<HistoryQuery.SitePoint> fiveMinutes = history.sitePoints(siteId, null, "5m", start,
                start.plus(Duration.ofMinutes(10)));
        assertEquals(2, fiveMinutes.size());
        assertEquals(new BigDecimal("102.000"), fiveMinutes.get(0).hashrate());
        assertEquals(1,
                history.sitePoints(siteId, null, "1d", start.minus(Duration.ofHours(1)), start.plus(Duration.ofDays(1)))
                        .size());
    }

    @Test
    void rangesAreCappedPerBucketAndMustRunForward() {
        Instant now = Instant.now();
        assertEquals(400, assertThrows(ProblemException.class,
                () -> history.points(miner, "raw", now.minus(Duration.ofDays(3)), now)).status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> history.points(miner, "1h", now.minus(Duration.ofDays(400)), now)).status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> history.points(miner, "2m", now.minus(Duration.ofHours(1)), now)).status());
        assertEquals(400,
                assertThrows(ProblemException.class,
                        () -> history.points(miner, "raw", now, now.minus(Duration.ofHours(1)))).status());
        assertEquals(0,
                history.points(miner, "1d", now.minus(Duration.ofDays(3_000)), now.minus(Duration.ofDays(2_000)))
                        .size());
    }

}
