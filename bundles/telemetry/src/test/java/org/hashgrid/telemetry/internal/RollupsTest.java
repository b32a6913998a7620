package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.driver.MinerReading;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hourly and daily rollups computed by PostgreSQL, idempotent, resuming from their watermark. */
class RollupsTest extends DatabaseTest {
    private static Rollups rollups;
    private static long miner;
    private static long siteId;
    /** Two hours of one reading a minute: hashrate 100 in the first hour, 110 in the second; 3,000 W. */
    private static Instant start;

    @BeforeAll
    static void readings() throws SQLException {
        rollups = new Rollups(db.dataSource());
        long site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('rollups', 10) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S19 Pro', 110, 3250) RETURNING id");
        miner = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('R-1', " + model
                + ", " + site + ") RETURNING id");
        selectLong("SELECT hashgrid_ensure_telemetry_partitions(1)");
        // next month's partition exists whatever today is; day-aligned so the day holds both hours
        start = ZonedDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1)
                .toInstant();
        List<Reading> polls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant at = start.plus(Duration.ofMinutes(i));
            polls.add(Reading.success(miner, site, "active", at,
                    MinerReading.builder(at).hashrateThs(i < 60 ? 100 : 110).powerW(3_000).build()));
        }
        TelemetryStore store = new TelemetryStore(db.dataSource());
        LatestStates latest = new LatestStates();
        latest.record(store.copy(polls));
        latest.flush(store);
        siteId = site;
    }

    @Test
    void hoursAndDaysAreAggregatedAndARunTwiceChangesNothing() throws SQLException {
        Instant end = start.plus(Duration.ofHours(2));
        for (int run = 0; run < 2; run++) {
            assertEquals(2, rollups.run(start, end.minusSeconds(1), Duration.ofMinutes(1)));
            assertEquals(List.of("60", "100.000", "3600", "3.0000"), selectRow("SELECT samples, hashrate_avg, "
                    + "seconds_online, energy_kwh FROM miner_telemetry_hourly WHERE miner_id = " + miner
                    + " ORDER BY bucket LIMIT 1"));
            assertEquals(List.of("120", "105.000", "110.000", "7200", "6.0000"),
                    selectRow("SELECT samples, hashrate_avg, "
                            + "hashrate_max, seconds_online, energy_kwh FROM miner_telemetry_daily WHERE miner_id = "
                            + miner));
            assertEquals(List.of("2", "210.000", "6.0000"), selectRow("SELECT count(*), sum(hashrate), sum(energy_kwh) "
                    + "FROM site_telemetry_hourly WHERE site_id = " + siteId));
            assertEquals(List.of("1", "105.000", "3000.00", "6.0000"),
                    selectRow("SELECT miners, hashrate, power, energy_kwh "
                            + "FROM site_telemetry_daily WHERE site_id = " + siteId));
        }
    }

    @Test
    void aCatchUpResumesFromWhereTheLastOneStopped() throws SQLException {
        Instant now = start.plus(Duration.ofMinutes(150));
        rollups.catchUp(now, Duration.ofMinutes(1));
        assertEquals(List.of(now.toString().replace("T", " ").replace("Z", "+00")),
                selectRow("SELECT rolled_until FROM telemetry_rollup_state WHERE name = 'hourly'"));
        assertEquals(List.of("2"), selectRow("SELECT count(*) FROM miner_telemetry_hourly WHERE miner_id = " + miner));
        // nothing new: the next catch-up recomputes from the watermark's hour only
        assertEquals(0, rollups.catchUp(now.plus(Duration.ofMinutes(5)), Duration.ofMinutes(1)));
    }

}
